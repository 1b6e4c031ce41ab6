// Request and reply schemas of the model routes (LiteLLM's `model_list` entry shape). The contents
// of `litellm_params` and `model_info` are checked by parseModelEntry, with the configuration
// file's rules, not here.

import { z } from 'zod';
import { idField, queryId, queryPage, queryPageSize } from './field-schemas.js';

const paramsField = z.record(z.string().max(128), z.unknown());

export const modelNewBody = z.strictObject({
  model_name: z.string().min(1).max(256),
  litellm_params: paramsField.describe('As in config.yaml; secrets (api_key, ...) are stored encrypted; os.environ/ references are refused'),
  model_info: paramsField.optional(),
});
export type ModelNewInput = z.output<typeof modelNewBody>;

export const modelUpdateBody = z.strictObject({
  model_name: z.string().min(1).max(256).optional(),
  litellm_params: paramsField.optional().describe('Merged over the stored params; a secret sent back as "********" keeps its stored value'),
  model_info: paramsField.and(z.object({ id: idField })).describe('model_info.id names the model to update'),
});
export type ModelUpdateInput = z.output<typeof modelUpdateBody>;

export const modelDeleteBody = z.strictObject({ id: idField });
export const modelInfoQuery = z.strictObject({ litellm_model_id: queryId.optional() });
export const modelInfoV2Query = z.strictObject({
  model: queryId.optional().describe('Only deployments of this model group'),
  litellm_model_id: queryId.optional(),
  page: queryPage.optional(),
  size: queryPageSize(1_000).optional(),
});
export const modelGroupInfoQuery = z.strictObject({ model_group: queryId.optional() });

export const modelReply = z.object({
  model_name: z.string(),
  litellm_params: z.record(z.string(), z.unknown()).describe('Secret values replaced by "********"'),
  model_info: z
    .object({
      id: z.string(),
      db_model: z.boolean().describe('True for models added through the API'),
      source: z.enum(['config', 'api']),
      served: z.boolean().describe('Whether the router currently serves this deployment'),
    })
    .catchall(z.unknown()),
});
export type ModelReply = z.input<typeof modelReply>;

export const modelNewReply = modelReply.extend({ model_id: z.string() });
export const modelInfoReply = z.object({ data: z.array(modelReply) });
export const modelInfoV2Reply = z.object({ data: z.array(modelReply), total_count: z.number(), current_page: z.number(), total_pages: z.number() });
export const modelDeleteReply = z.object({ message: z.string(), id: z.string() });

export const modelGroupReply = z.object({
  model_group: z.string(),
  providers: z.array(z.string()),
  mode: z.string().nullable(),
  max_input_tokens: z.number().nullable(),
  max_output_tokens: z.number().nullable(),
  input_cost_per_token: z.number().nullable(),
  output_cost_per_token: z.number().nullable(),
  tpm: z.number().nullable(),
  rpm: z.number().nullable(),
  regions: z.array(z.string()).describe('Gatehouse: the data regions its deployments serve from'),
});
export const modelGroupInfoReply = z.object({ data: z.array(modelGroupReply) });
