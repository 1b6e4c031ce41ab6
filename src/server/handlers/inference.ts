// The OpenAI-dialect inference routes. Each reads as its pipeline: authenticate, check the route,
// read and validate the body, check model access, admit (budgets, limits), route to a deployment,
// deliver the answer, account for it. Each step lives in its own module.

import { toGatewayError } from '../../errors/gateway-error.js';
import type { Operation } from '../../providers/types.js';
import type { Routed } from '../../router/types.js';
import { tokensForChars } from '../../usage/token-count.js';
import { parseChatRequest, parseCompletionRequest, parseEmbeddingRequest } from '../../wire/openai/parse-request.js';
import type { Usage } from '../../wire/openai/types.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import { openAccount, type RequestAccount } from '../pipeline/account-request.js';
import { authorizeModel, authorizeRoute } from '../pipeline/authorize-model.js';
import type { CallResult, JsonResult, OperationName, StreamResult } from '../pipeline/call-deployment.js';
import { usageOfBody } from '../pipeline/observe-usage.js';
import { routeCall } from '../pipeline/route-call.js';
import { sendStream } from '../pipeline/send-stream.js';
import { isRoutingField } from '../edge/routing-fields.js';
import { readSizedJsonBody } from '../read-json-body.js';
import { sendJsonText } from '../respond.js';

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

/** Non-streaming answer: same-dialect bodies are forwarded as received; others are translated. */
function deliverJson(ex: Exchange, routed: Routed<JsonResult>, operation: OperationName, headers: Record<string, string>): Usage | undefined {
  const { adapter, resolved, text, body } = routed.value;
  const op = adapter[operation] as Pick<Operation<unknown, unknown, unknown>, 'wire' | 'parseResponse'>;
  if (op.wire === 'openai') {
    sendJsonText(ex.res, 200, text, ex.requestId, headers);
    return usageOfBody(body);
  }
  const canonical = op.parseResponse(body, resolved);
  sendJsonText(ex.res, 200, JSON.stringify(canonical), ex.requestId, headers);
  return usageOfBody(canonical);
}

interface Delivery {
  readonly operation: OperationName;
  readonly clientWantsUsage: boolean;
  readonly promptBytes: number;
}

async function deliver(ex: Exchange, routed: Routed<CallResult>, account: RequestAccount, delivery: Delivery): Promise<void> {
  const headers = account.admission.headers();
  const deployment = routed.deployment;
  if (routed.value.kind === 'json') {
    let usage: Usage | undefined;
    try {
      usage = deliverJson(ex, routed as Routed<JsonResult>, delivery.operation, headers);
    } finally {
      routed.release(usage ? { ok: true, totalTokens: usage.total_tokens } : { ok: true });
      account.close({ deployment, usage });
    }
    return;
  }
  const operation = delivery.operation === 'embeddings' ? 'chat' : delivery.operation;
  const streamed = await sendStream(ex, routed as Routed<StreamResult>, { operation, clientWantsUsage: delivery.clientWantsUsage, headers });
  const usage = streamed.last;
  routed.release(usage ? { ok: streamed.complete, totalTokens: usage.total_tokens } : { ok: streamed.complete });
  const counted = usage ? undefined : { promptTokens: tokensForChars(delivery.promptBytes), completionTokens: streamed.chunks };
  account.close({ deployment, usage, counted, cut: !streamed.complete, firstTokenAtMs: streamed.firstChunkAtMs, error: streamed.failure });
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
  await deliver(ex, routed, account, { operation: spec.operation, clientWantsUsage: request.stream_options?.include_usage === true, promptBytes: bytes });
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
