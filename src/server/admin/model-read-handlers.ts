// `/model/info`, `/v2/model/info` and `/model_group/info`: deployments (configuration file and API)
// and model groups as LiteLLM describes them, secrets masked, limited to what the caller may use.

import type { z } from 'zod';
import type { DeploymentConfig } from '../../config/types.js';
import { allowedModelsCheck } from '../../auth/model-access.js';
import type { AdminCall } from './define-admin-route.js';
import { visibleModels } from './model-replies.js';
import type { modelGroupReply, ModelReply, modelInfoV2Reply } from './model-schemas.js';

export async function modelInfo({ app, actor, input }: AdminCall<{ readonly litellm_model_id?: string | undefined }>): Promise<{ data: ModelReply[] }> {
  const models = await visibleModels(app, actor);
  return { data: input.litellm_model_id === undefined ? models : models.filter((m) => m.model_info.id === input.litellm_model_id) };
}

interface ModelInfoV2Input {
  readonly model?: string | undefined;
  readonly litellm_model_id?: string | undefined;
  readonly page?: number | undefined;
  readonly size?: number | undefined;
}

export async function modelInfoV2({ app, actor, input }: AdminCall<ModelInfoV2Input>): Promise<z.input<typeof modelInfoV2Reply>> {
  const models = (await visibleModels(app, actor)).filter(
    (m) => (input.model === undefined || m.model_name === input.model) && (input.litellm_model_id === undefined || m.model_info.id === input.litellm_model_id),
  );
  const page = input.page ?? 1;
  const size = input.size ?? 50;
  return { data: models.slice((page - 1) * size, page * size), total_count: models.length, current_page: page, total_pages: Math.ceil(models.length / size) };
}

type GroupReply = z.input<typeof modelGroupReply>;

function firstOf<T>(deployments: readonly DeploymentConfig[], pick: (d: DeploymentConfig) => T | undefined): T | null {
  for (const d of deployments) {
    const value = pick(d);
    if (value !== undefined) return value;
  }
  return null;
}

function sumOf(deployments: readonly DeploymentConfig[], pick: (d: DeploymentConfig) => number | undefined): number | null {
  const values = deployments.map(pick);
  return values.every((v) => v !== undefined) && values.length > 0 ? values.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
}

function groupReply(name: string, deployments: readonly DeploymentConfig[]): GroupReply {
  return {
    model_group: name,
    providers: [...new Set(deployments.map((d) => d.provider))],
    mode: firstOf(deployments, (d) => d.modelInfo.mode),
    max_input_tokens: firstOf(deployments, (d) => d.modelInfo.maxInputTokens),
    max_output_tokens: firstOf(deployments, (d) => d.modelInfo.maxOutputTokens),
    input_cost_per_token: firstOf(deployments, (d) => d.modelInfo.inputCostPerToken),
    output_cost_per_token: firstOf(deployments, (d) => d.modelInfo.outputCostPerToken),
    tpm: sumOf(deployments, (d) => d.tpm),
    rpm: sumOf(deployments, (d) => d.rpm),
    regions: [...new Set(deployments.flatMap((d) => d.region ?? []))],
  };
}

/** Groups the caller's key may call (all of them for the master key). */
export function modelGroupInfo({ app, actor, input }: AdminCall<{ readonly model_group?: string | undefined }>): Promise<{ data: GroupReply[] }> {
  const groups = new Map<string, DeploymentConfig[]>();
  for (const d of app.models.deployments()) {
    if (input.model_group !== undefined && d.modelName !== input.model_group) continue;
    if (!allowedModelsCheck(actor.principal, d.modelName, d).allowed) continue;
    groups.set(d.modelName, [...(groups.get(d.modelName) ?? []), d]);
  }
  return Promise.resolve({ data: [...groups].map(([name, deployments]) => groupReply(name, deployments)) });
}
