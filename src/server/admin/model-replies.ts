// Models as the management API shows them: the configuration file's (read-only) and those added
// through the API, with every secret value replaced by a marker. A caller who may not manage models
// sees only the served deployments its keys may use.

import type { Actor } from '../../auth/actor.js';
import { allowedModelsCheck } from '../../auth/model-access.js';
import { can } from '../../auth/permissions.js';
import type { DeploymentConfig } from '../../config/types.js';
import type { StoredModelRecord } from '../../store/records.js';
import type { AppContext } from '../app-context.js';
import { storedModelSecretContext } from '../live-models.js';
import { maskParams, secretMarker } from './model-secrets.js';
import type { ModelReply } from './model-schemas.js';

function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

/** A configuration-file deployment's params in `litellm_params` terms, secrets masked. */
function configParams(d: DeploymentConfig): Record<string, unknown> {
  return maskParams(defined({
    model: `${d.provider}/${d.model}`,
    api_base: d.apiBase,
    api_key: d.apiKey === undefined ? undefined : secretMarker,
    api_version: d.apiVersion,
    rpm: d.rpm,
    tpm: d.tpm,
    max_parallel_requests: d.maxParallelRequests,
    timeout: d.timeoutMs === undefined ? undefined : d.timeoutMs / 1000,
    stream_timeout: d.streamTimeoutMs === undefined ? undefined : d.streamTimeoutMs / 1000,
    weight: d.weight,
    order: d.order,
    region_name: d.region,
    extra_headers: Object.keys(d.headers).length === 0 ? undefined : secretMarker,
    ...d.extraParams,
  }));
}

export function configModelReply(d: DeploymentConfig): ModelReply {
  const info = d.modelInfo;
  return {
    model_name: d.modelName,
    litellm_params: configParams(d),
    model_info: {
      ...defined({
        mode: info.mode,
        input_cost_per_token: info.inputCostPerToken,
        output_cost_per_token: info.outputCostPerToken,
        cache_read_input_token_cost: info.cacheReadInputTokenCost,
        max_input_tokens: info.maxInputTokens,
        max_output_tokens: info.maxOutputTokens,
      }),
      id: d.id,
      db_model: false,
      source: 'config',
      served: true,
    },
  };
}

/** The names of a stored model's sealed params (never their values); empty when it has none or they cannot be opened. */
export function storedSecretNames(app: AppContext, record: StoredModelRecord): string[] {
  if (record.encryptedSecrets === null) return [];
  try {
    return Object.keys(JSON.parse(app.secretBox.open(record.encryptedSecrets, storedModelSecretContext(record.id))) as Record<string, unknown>);
  } catch {
    return [];
  }
}

export function storedModelReply(app: AppContext, record: StoredModelRecord): ModelReply {
  const masked = Object.fromEntries(storedSecretNames(app, record).map((name) => [name, secretMarker]));
  return {
    model_name: record.modelName,
    litellm_params: { ...maskParams(record.litellmParams), ...masked },
    model_info: {
      ...record.modelInfo,
      id: record.id,
      db_model: true,
      source: 'api',
      served: app.models.deployments().some((d) => d.id === record.id),
      created_at: record.createdAt,
      updated_at: record.updatedAt,
      created_by: record.createdBy,
    },
  };
}

/** Every model the actor may see: all of them for model managers; else the served ones its key may use. */
export async function visibleModels(app: AppContext, actor: Actor): Promise<ModelReply[]> {
  const stored = await app.repos.storedModels.listAll();
  if (can(actor, 'model:update')) return [...app.config.deployments.map(configModelReply), ...stored.map((r) => storedModelReply(app, r))];
  const principal = actor.principal;
  const usable = new Set(app.models.deployments().filter((d) => allowedModelsCheck(principal, d.modelName, d).allowed).map((d) => d.id));
  return [
    ...app.config.deployments.filter((d) => usable.has(d.id)).map(configModelReply),
    ...stored.filter((r) => usable.has(r.id)).map((r) => storedModelReply(app, r)),
  ];
}
