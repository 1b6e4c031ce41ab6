// `/model/new`, `/model/update` and `/model/delete`: models added through the API, checked with the
// configuration file's rules and by their provider, secrets sealed at rest bound to the row, and
// live on this and every instance without a restart. Configuration-file models are read-only.

import { randomUUID } from 'node:crypto';
import type { DeploymentConfig } from '../../config/types.js';
import { parseModelEntry } from '../../config/parse-model-entry.js';
import { providerNames } from '../../providers/registry.js';
import { checkEgressUrl } from '../../upstream/check-egress-url.js';
import type { StoredModelRecord } from '../../store/records.js';
import type { AppContext } from '../app-context.js';
import { storedModelSecretContext } from '../live-models.js';
import { resolveDeployment } from '../pipeline/call-deployment.js';
import { audited } from './admin-audit.js';
import { badField, notFound } from './admin-errors.js';
import type { AdminCall } from './define-admin-route.js';
import { storedModelReply } from './model-replies.js';
import type { ModelNewInput, ModelReply, ModelUpdateInput } from './model-schemas.js';
import { restoreMarkedSecrets, secretMarker, splitSecrets } from './model-secrets.js';
import { creatorOf, publishChanges } from './object-scope.js';

interface ModelEntry {
  readonly id: string;
  readonly modelName: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: Readonly<Record<string, unknown>>;
}

/**
 * The deployment the entry makes, or a 400 listing every problem: the file's rules, an unknown
 * provider, the provider's own checks, and an `api_base` the egress policy refuses.
 */
async function checkedDeployment(app: AppContext, entry: ModelEntry): Promise<DeploymentConfig> {
  const marked = Object.entries(entry.params).find(([, value]) => value === secretMarker);
  if (marked !== undefined) throw badField(`litellm_params.${marked[0]}`, `"${secretMarker}" stands for a stored secret; send the value itself`);
  // model_info is shown as stored: a credential there would be shown too.
  const exposed = Object.keys(splitSecrets(entry.info).secrets)[0];
  if (exposed !== undefined) throw badField(`model_info.${exposed}`, 'looks like a credential; credentials belong in litellm_params, where they are stored encrypted');
  const parsed = parseModelEntry({ model_name: entry.modelName, litellm_params: entry.params, model_info: { ...entry.info, id: entry.id } });
  const deployment = parsed.deployment;
  if (deployment === undefined) throw badField('litellm_params', [...parsed.problems, ...parsed.warnings].join('; ') || 'this model cannot be served');
  const adapter = app.call.getProvider(deployment.provider);
  if (adapter === undefined) {
    throw badField('litellm_params.model', `unknown provider "${deployment.provider}"; known providers: ${providerNames().join(', ')}`);
  }
  const problems = adapter.checkDeployment?.(resolveDeployment(deployment)) ?? [];
  if (problems.length > 0) throw badField('litellm_params', problems.join('; '));
  const refusal = deployment.apiBase === undefined ? undefined : await checkEgressUrl(deployment.apiBase, app.config.egress);
  if (refusal !== undefined) throw badField('litellm_params.api_base', refusal);
  return deployment;
}

function sealedSecrets(app: AppContext, id: string, secrets: Readonly<Record<string, unknown>>): string | null {
  return Object.keys(secrets).length === 0 ? null : app.secretBox.seal(JSON.stringify(secrets), storedModelSecretContext(id));
}

function openSecrets(app: AppContext, record: StoredModelRecord): Record<string, unknown> {
  if (record.encryptedSecrets === null) return {};
  return JSON.parse(app.secretBox.open(record.encryptedSecrets, storedModelSecretContext(record.id))) as Record<string, unknown>;
}

async function goLive(app: AppContext, id: string): Promise<void> {
  await app.models.reload();
  await publishChanges(app, [['model', id]]);
}

function withoutId(info: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { id: _id, ...rest } = info;
  return rest;
}

export async function newModel(call: AdminCall<ModelNewInput>): Promise<ModelReply & { model_id: string }> {
  const { app, actor, input } = call;
  const info = input.model_info ?? {};
  const id = typeof info['id'] === 'string' && info['id'] !== '' ? info['id'] : randomUUID();
  if (app.config.deployments.some((d) => d.id === id)) throw badField('model_info.id', `"${id}" is the id of a model in the configuration file`);
  await checkedDeployment(app, { id, modelName: input.model_name, params: input.litellm_params, info });
  const { plain, secrets } = splitSecrets(input.litellm_params);
  const record = await audited(call, async (repos) => {
    const created = await repos.storedModels.create({
      id, modelName: input.model_name, litellmParams: plain, encryptedSecrets: sealedSecrets(app, id, secrets), modelInfo: withoutId(info), createdBy: creatorOf(actor),
    });
    return { result: created, events: [{ action: 'model.create', objectId: id, after: created }] };
  });
  await goLive(app, id);
  return { model_id: id, ...storedModelReply(app, record) };
}

/** A configuration-file model cannot be changed here; one that does not exist is 404. */
async function storedModel(app: AppContext, id: string): Promise<StoredModelRecord> {
  if (app.config.deployments.some((d) => d.id === id)) throw badField('id', `model "${id}" comes from the configuration file; change it there`);
  const record = await app.repos.storedModels.get(id);
  if (record === null) throw notFound(`Model "${id}"`, 'id');
  return record;
}

export async function updateModel(call: AdminCall<ModelUpdateInput>): Promise<ModelReply> {
  const { app, input } = call;
  const record = await storedModel(app, input.model_info.id);
  const current = { ...record.litellmParams, ...openSecrets(app, record) };
  const params = { ...current, ...restoreMarkedSecrets(input.litellm_params ?? {}, current) };
  const info = { ...record.modelInfo, ...withoutId(input.model_info) };
  const modelName = input.model_name ?? record.modelName;
  await checkedDeployment(app, { id: record.id, modelName, params, info });
  const { plain, secrets } = splitSecrets(params);
  const updated = await audited(call, async (repos) => {
    const next = await repos.storedModels.update(record.id, {
      modelName, litellmParams: plain, encryptedSecrets: sealedSecrets(app, record.id, secrets), modelInfo: info,
    });
    if (next === null) throw notFound(`Model "${record.id}"`, 'id');
    return { result: next, events: [{ action: 'model.update', objectId: record.id, before: record, after: next }] };
  });
  await goLive(app, record.id);
  return storedModelReply(app, updated);
}

export async function deleteModel(call: AdminCall<{ readonly id: string }>): Promise<{ message: string; id: string }> {
  const { app, input } = call;
  const record = await storedModel(app, input.id);
  const deleted = await audited(call, async (repos) => {
    const done = await repos.storedModels.delete(record.id);
    return { result: done, events: done ? [{ action: 'model.delete' as const, objectId: record.id, before: record }] : [] };
  });
  if (!deleted) throw notFound(`Model "${record.id}"`, 'id');
  await goLive(app, record.id);
  return { message: `Model ${record.id} deleted.`, id: record.id };
}
