// Serves a built mock request in-process: the same OpenAI wire bytes the fake OpenAI server sends,
// JSON or SSE frames ending in `[DONE]`, produced lazily so an aborted stream stops between chunks.

import { isGatewayError } from '../../errors/gateway-error.js';
import type { AbortedFlag, HttpRequestSpec, RawResponse } from '../types.js';
import { answerOpenAICall } from './mock-openai-answer.js';

const routes = ['/chat/completions', '/completions', '/embeddings'];
const encoder = new TextEncoder();

function abortError(signal: AbortedFlag): Error {
  const reason: unknown = signal.reason;
  return isGatewayError(reason) ? reason : new DOMException('The mock answer was aborted.', 'AbortError');
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function* once(bytes: Uint8Array, signal: AbortedFlag | undefined): AsyncGenerator<Uint8Array> {
  if (signal?.aborted === true) throw abortError(signal);
  yield bytes;
}

async function* frames(chunks: readonly unknown[], signal: AbortedFlag | undefined): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) {
    if (signal?.aborted === true) throw abortError(signal);
    yield encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  if (signal?.aborted === true) throw abortError(signal);
  yield encoder.encode('data: [DONE]\n\n');
}

export function serveMock(request: HttpRequestSpec, signal: AbortedFlag | undefined): RawResponse {
  const pathname = new URL(request.url).pathname;
  const route = routes.find((candidate) => pathname.endsWith(candidate)) ?? pathname;
  const body = parseBody(request.body);
  const mockResponse = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['mock_response'] : undefined;
  const answer = answerOpenAICall(
    { method: request.method, route, body },
    typeof mockResponse === 'string' ? { replyText: mockResponse } : {},
  );
  if (answer.kind === 'stream') {
    return { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body: frames(answer.chunks, signal) };
  }
  const bytes = encoder.encode(JSON.stringify(answer.body));
  return { status: answer.status, headers: { 'content-type': 'application/json' }, body: once(bytes, signal) };
}
