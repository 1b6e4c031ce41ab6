// The OpenAI-dialect inference routes. Each reads as its pipeline: authenticate, check the route,
// read and validate the body, check model access, admit (budgets, limits), route to a deployment,
// deliver the answer, account for it. Each step lives in its own module.

import { toGatewayError } from '../../errors/gateway-error.js';
import type { Routed } from '../../router/types.js';
import { parseChatRequest, parseCompletionRequest, parseEmbeddingRequest } from '../../wire/openai/parse-request.js';
import type { EmbeddingResponse } from '../../wire/openai/types.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import { openAccount } from '../pipeline/account-request.js';
import { authorizeModel, authorizeRoute } from '../pipeline/authorize-model.js';
import type { CallResult, JsonResult, OperationName } from '../pipeline/call-deployment.js';
import { deliver, type RenderedJson } from '../pipeline/deliver.js';
import { encodeEmbeddingsBase64, wantsBase64 } from '../pipeline/embedding-encoding.js';
import { createOpenAIStreamFramer } from '../pipeline/openai-stream-framer.js';
import { usageOfBody } from '../pipeline/observe-usage.js';
import { routeCall } from '../pipeline/route-call.js';
import { stampFor, type Stamp } from '../pipeline/stamp-canonical.js';
import { isRoutingField } from '../edge/routing-fields.js';
import { readSizedJsonBody } from '../read-json-body.js';

interface InferenceRequest {
  readonly model: string;
  readonly stream?: boolean | null | undefined;
  readonly stream_options?: { include_usage?: boolean } | null | undefined;
  readonly max_tokens?: unknown;
  readonly max_completion_tokens?: unknown;
}

interface InferenceSpec<Req extends InferenceRequest> {
  readonly operation: OperationName;
  readonly parse: (body: unknown) => Req;
}

function maxTokensOf(request: InferenceRequest, operation: OperationName): number | undefined {
  if (operation === 'embeddings') return 0;
  const value = request.max_completion_tokens ?? request.max_tokens;
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

/** Same-dialect bodies are forwarded as received; others are translated to the canonical form. */
function renderOpenAIJson(operation: OperationName, request: unknown, stamp: Stamp): (result: JsonResult) => RenderedJson {
  const base64 = operation === 'embeddings' && wantsBase64(request);
  return (result) => {
    if (result.operation.wire === 'openai') return { text: result.text, usage: usageOfBody(result.body) };
    const canonical = stamp(result.operation.parseResponse(result.body, result.resolved));
    const answer = base64 ? encodeEmbeddingsBase64(canonical as EmbeddingResponse) : canonical;
    return { text: JSON.stringify(answer), usage: usageOfBody(canonical) };
  };
}

async function serveInference<Req extends InferenceRequest>(ex: Exchange, app: AppContext, spec: InferenceSpec<Req>): Promise<void> {
  const principal = await app.authenticate(ex.req.headers);
  authorizeRoute(principal, ex.path);
  const { maxRequestBodyBytes: maxBodyBytes, maxJsonDepth } = app.config.server;
  const { value, bytes } = await readSizedJsonBody(ex.req, { maxBodyBytes, maxJsonDepth, refuseKey: isRoutingField });
  const request = spec.parse(value);
  const access = authorizeModel(app, principal, request.model);
  const stream = request.stream === true;
  const account = await openAccount(ex, app, principal, { route: ex.path, modelGroup: request.model, promptChars: bytes, maxTokens: maxTokensOf(request, spec.operation), stream });
  let routed: Routed<CallResult>;
  try {
    const build = { stream, includeUsage: stream, dropParams: app.config.dropParams };
    routed = await routeCall(ex, app, { operation: spec.operation, request, build }, access.eligible);
  } catch (error) {
    account.close({ error: toGatewayError(error) });
    throw error;
  }
  const stamp = stampFor(ex);
  const createFramer = createOpenAIStreamFramer(request.stream_options?.include_usage === true, stamp);
  await deliver(ex, routed, account, { renderJson: renderOpenAIJson(spec.operation, request, stamp), createFramer, promptBytes: bytes });
}

export function chatCompletions(ex: Exchange, app: AppContext): Promise<void> {
  return serveInference(ex, app, { operation: 'chat', parse: parseChatRequest });
}

export function completions(ex: Exchange, app: AppContext): Promise<void> {
  return serveInference(ex, app, { operation: 'completions', parse: parseCompletionRequest });
}

export function embeddings(ex: Exchange, app: AppContext): Promise<void> {
  return serveInference(ex, app, { operation: 'embeddings', parse: parseEmbeddingRequest });
}
