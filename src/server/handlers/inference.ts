// The OpenAI-dialect inference routes. Each reads as its pipeline: authenticate, read and validate
// the body, route to a deployment, deliver the answer. Each step lives in its own module.

import type { Operation } from '../../providers/types.js';
import type { Routed } from '../../router/types.js';
import { parseChatRequest, parseCompletionRequest, parseEmbeddingRequest } from '../../wire/openai/parse-request.js';
import type { Usage } from '../../wire/openai/types.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import type { CallResult, JsonResult, OperationName, StreamResult } from '../pipeline/call-deployment.js';
import { usageOfBody } from '../pipeline/observe-usage.js';
import { routeCall } from '../pipeline/route-call.js';
import { sendStream } from '../pipeline/send-stream.js';
import { readJsonBody } from '../read-json-body.js';
import { sendJsonText } from '../respond.js';

function readBody(ex: Exchange, app: AppContext): Promise<unknown> {
  return readJsonBody(ex.req, { maxBodyBytes: app.config.server.maxRequestBodyBytes, maxJsonDepth: app.config.server.maxJsonDepth });
}

/** Non-streaming answer: same-dialect bodies are forwarded as received; others are translated. */
function deliverJson(ex: Exchange, routed: Routed<JsonResult>, operation: OperationName): Usage | undefined {
  const { adapter, resolved, text, body } = routed.value;
  const op = adapter[operation] as Pick<Operation<unknown, unknown, unknown>, 'wire' | 'parseResponse'>;
  if (op.wire === 'openai') {
    sendJsonText(ex.res, 200, text, ex.requestId);
    return usageOfBody(body);
  }
  const canonical = op.parseResponse(body, resolved);
  sendJsonText(ex.res, 200, JSON.stringify(canonical), ex.requestId);
  return usageOfBody(canonical);
}

async function deliver(ex: Exchange, routed: Routed<CallResult>, operation: Exclude<OperationName, 'embeddings'>, clientWantsUsage: boolean): Promise<void> {
  let usage: Usage | undefined;
  let ok = false;
  try {
    if (routed.value.kind === 'stream') {
      const streamed = await sendStream(ex, routed as Routed<StreamResult>, { operation, clientWantsUsage });
      usage = streamed.last;
      ok = streamed.complete;
    } else {
      usage = deliverJson(ex, routed as Routed<JsonResult>, operation);
      ok = true;
    }
  } finally {
    routed.release(usage ? { ok, totalTokens: usage.total_tokens } : { ok });
  }
}

export async function chatCompletions(ex: Exchange, app: AppContext): Promise<void> {
  await app.authenticate(ex.req.headers);
  const request = parseChatRequest(await readBody(ex, app));
  const stream = request.stream === true;
  const build = { stream, includeUsage: stream, dropParams: app.config.dropParams };
  const routed = await routeCall(ex, app, { operation: 'chat', request, build });
  await deliver(ex, routed, 'chat', request.stream_options?.include_usage === true);
}

export async function completions(ex: Exchange, app: AppContext): Promise<void> {
  await app.authenticate(ex.req.headers);
  const request = parseCompletionRequest(await readBody(ex, app));
  const stream = request.stream === true;
  const build = { stream, includeUsage: stream, dropParams: app.config.dropParams };
  const routed = await routeCall(ex, app, { operation: 'completions', request, build });
  await deliver(ex, routed, 'completions', request.stream_options?.include_usage === true);
}

export async function embeddings(ex: Exchange, app: AppContext): Promise<void> {
  await app.authenticate(ex.req.headers);
  const request = parseEmbeddingRequest(await readBody(ex, app));
  const build = { stream: false, includeUsage: false, dropParams: app.config.dropParams };
  const routed = await routeCall(ex, app, { operation: 'embeddings', request, build });
  let usage: Usage | undefined;
  try {
    usage = deliverJson(ex, routed as Routed<JsonResult>, 'embeddings');
  } finally {
    routed.release(usage ? { ok: true, totalTokens: usage.total_tokens } : { ok: true });
  }
}
