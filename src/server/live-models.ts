// The deployments this instance serves: the configuration file's, plus models added through the
// management API (stored with their secrets encrypted). `reload` rebuilds the router after a change
// without a restart; deployment counters (limits, cooldowns) survive the rebuild.

import type { DeploymentConfig, EgressConfig, GatehouseConfig } from '../config/types.js';
import { parseModelEntry } from '../config/parse-model-entry.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { DeploymentCounters } from '../router/deployment-counters.js';
import { createInProcessCounters } from '../router/in-process-counters.js';
import { createRouter } from '../router/create-router.js';
import type { ModelRouter } from '../router/types.js';
import type { StoredModelRecord } from '../store/records.js';
import type { StoredModelRepository } from '../store/repositories/stored-model-repository.js';
import { checkEgressUrl } from '../upstream/check-egress-url.js';
import type { Logger } from './logger.js';
import type { CallDeps, OperationName } from './pipeline/call-deployment.js';
import { deploymentSupports } from './pipeline/route-call.js';

export interface LiveModels {
  router(): ModelRouter;
  deployments(): readonly DeploymentConfig[];
  /** Operations the group can serve; undefined for an unknown group. */
  operationsOf(modelName: string): ReadonlySet<OperationName> | undefined;
  /** Re-reads stored models and swaps the router in; requests in flight keep the old one. */
  reload(): Promise<void>;
}

export interface LiveModelsOptions {
  readonly config: GatehouseConfig;
  readonly storedModels: StoredModelRepository;
  readonly secretBox: SecretBox;
  readonly call: Pick<CallDeps, 'getProvider'>;
  readonly log: Logger;
  /** Where the router counts per deployment; default: this process's memory. */
  readonly counters?: DeploymentCounters;
}

const allOperations: readonly OperationName[] = ['chat', 'completions', 'embeddings'];

/** The row identity sealed secrets are bound to. */
export function storedModelSecretContext(id: string): string {
  return `stored_models:${id}`;
}

/** A stored model as a deployment, or undefined (logged) when it no longer parses or decrypts. */
export function storedModelDeployment(record: StoredModelRecord, secretBox: SecretBox): { deployment?: DeploymentConfig; problems: readonly string[] } {
  let secrets: Record<string, unknown> = {};
  if (record.encryptedSecrets !== null) {
    try {
      secrets = JSON.parse(secretBox.open(record.encryptedSecrets, storedModelSecretContext(record.id))) as Record<string, unknown>;
    } catch (error) {
      return { problems: [`its secrets cannot be decrypted: ${(error as Error).message}`] };
    }
  }
  const entry = { model_name: record.modelName, litellm_params: { ...record.litellmParams, ...secrets }, model_info: { ...record.modelInfo, id: record.id } };
  const parsed = parseModelEntry(entry);
  return parsed.deployment ? { deployment: parsed.deployment, problems: [] } : { problems: parsed.problems };
}

/**
 * Why the deployment's `api_base` is outside the egress policy, or undefined. In-process providers
 * (mock) connect nowhere. Stored models were checked when saved; a policy narrowed since shows here.
 */
export async function apiBaseEgressProblem(d: DeploymentConfig, egress: EgressConfig, call: Pick<CallDeps, 'getProvider'>): Promise<string | undefined> {
  if (d.apiBase === undefined || call.getProvider(d.provider)?.serve !== undefined) return undefined;
  const refusal = await checkEgressUrl(d.apiBase, egress);
  return refusal === undefined ? undefined : `litellm_params.api_base ${refusal}`;
}

function operationsByModel(call: Pick<CallDeps, 'getProvider'>, deployments: readonly DeploymentConfig[]): Map<string, Set<OperationName>> {
  const byModel = new Map<string, Set<OperationName>>();
  for (const d of deployments) {
    const ops = byModel.get(d.modelName) ?? new Set<OperationName>();
    for (const op of allOperations) if (deploymentSupports({ call }, d, op)) ops.add(op);
    byModel.set(d.modelName, ops);
  }
  return byModel;
}

export async function createLiveModels(options: LiveModelsOptions): Promise<LiveModels> {
  const counters = options.counters ?? createInProcessCounters();
  const build = async (): Promise<{ router: ModelRouter; deployments: DeploymentConfig[]; ops: Map<string, Set<OperationName>> }> => {
    const stored: DeploymentConfig[] = [];
    const configIds = new Set(options.config.deployments.map((d) => d.id));
    for (const record of await options.storedModels.listAll()) {
      const { deployment, problems } = storedModelDeployment(record, options.secretBox);
      if (deployment === undefined || configIds.has(deployment.id)) {
        options.log.error('stored model skipped', { modelId: record.id, problems: problems.join('; ') || 'id also used in the configuration file' });
        continue;
      }
      const refused = await apiBaseEgressProblem(deployment, options.config.egress, options.call);
      if (refused !== undefined) {
        options.log.error('stored model skipped', { modelId: record.id, problems: refused });
        continue;
      }
      stored.push(deployment);
    }
    const deployments = [...options.config.deployments, ...stored];
    return { router: createRouter({ deployments, config: options.config.router, counters }), deployments, ops: operationsByModel(options.call, deployments) };
  };
  let current = await build();
  return {
    router: () => current.router,
    deployments: () => current.deployments,
    operationsOf: (name) => current.ops.get(name),
    reload: async () => {
      current = await build();
    },
  };
}
