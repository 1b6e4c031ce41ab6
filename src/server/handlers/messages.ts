// `POST /v1/messages` and `/v1/messages/count_tokens`: Anthropic Messages clients (the Anthropic
// SDKs, Claude Code). Anthropic-family deployments get the body and stream as they are; any other
// deployment is reached through the canonical chat form.

import type { AnthropicMessagesRequest } from '../../wire/anthropic/types.js';
import { anthropicDialect } from '../../wire/anthropic/anthropic-dialect.js';
import { countTokens, parseCountTokensRequest } from '../../wire/anthropic/count-tokens.js';
import { usageOfAnthropicMessage } from '../../wire/anthropic/usage.js';
import type { AppContext } from '../app-context.js';
import { isRoutingField } from '../edge/routing-fields.js';
import type { Exchange } from '../exchange.js';
import { createAnthropicNativeFramer } from '../pipeline/anthropic-native-framer.js';
import { authorizeModel, authorizeRoute } from '../pipeline/authorize-model.js';
import type { JsonResult } from '../pipeline/call-deployment.js';
import type { RenderedJson } from '../pipeline/deliver.js';
import { readSizedJsonBody } from '../read-json-body.js';
import { sendJson } from '../respond.js';
import { serveDialect, type NativePath } from './dialect-inference.js';

const nativeMessages: NativePath<AnthropicMessagesRequest> = {
  operationOf: (adapter) => adapter.messages,
  renderJson: (result: JsonResult): RenderedJson => ({ text: result.text, usage: usageOfAnthropicMessage(result.body) }),
  createFramer: createAnthropicNativeFramer,
};

export function messages(ex: Exchange, app: AppContext): Promise<void> {
  return serveDialect(ex, app, anthropicDialect, nativeMessages);
}

/** An estimate made here (no upstream call): the same key, route and model checks as a message. */
export async function countMessageTokens(ex: Exchange, app: AppContext): Promise<void> {
  const principal = await app.authenticate(ex.req.headers);
  authorizeRoute(principal, ex.path);
  const { maxRequestBodyBytes: maxBodyBytes, maxJsonDepth } = app.config.server;
  const { value } = await readSizedJsonBody(ex.req, { maxBodyBytes, maxJsonDepth, refuseKey: isRoutingField });
  const request = parseCountTokensRequest(value);
  authorizeModel(app, principal, request.model);
  sendJson(ex.res, 200, { input_tokens: countTokens(request) }, ex.requestId);
}
