// A fake Anthropic Messages API for tests: a real node:http server on 127.0.0.1 that checks the
// key and version headers and the required body fields, answers deterministically (whole or as an
// event stream), records every request, and plays scripted one-shot failures.

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AnthropicStreamEvent } from '../../src/wire/anthropic/types.js';
import { collectAsync } from './collect-async.js';
import { answerMessages, countTokens } from './fake-anthropic-answer.js';
import { anthropicErrorBody, checkBody, checkHeaders } from './fake-anthropic-checks.js';
import type { AnthropicFakeError } from './fake-anthropic-checks.js';
import { streamEventsOf } from './fake-anthropic-events.js';
import { startLocalServer } from '../upstream/local-server.js';
import { pause } from './fake-openai-writer.js';

/** What the next request does instead of a plain answer. Fields combine. */
export interface FakeAnthropicBehaviour {
  /** Answer with this status and Anthropic's usual error body for it (or `body`, a string sent as is). */
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly delayHeadersMs?: number;
  /** Stream: send this many events, then an `error` event of `errorType` (default `overloaded_error`). */
  readonly errorEventAfter?: number;
  readonly errorType?: string;
  /** Stream: send this many events, then close the connection without `message_stop`. */
  readonly cutStreamAfterEvents?: number;
}

export interface FakeAnthropicRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  /** The parsed JSON body; undefined when empty or not JSON. */
  readonly body: unknown;
}

export interface FakeAnthropic {
  /** `http://127.0.0.1:<port>`, what Anthropic clients and `api_base` take (with or without `/v1`). */
  readonly baseUrl: string;
  readonly requests: FakeAnthropicRequest[];
  /** Queues one behaviour per coming request, consumed in order. */
  script(...behaviours: FakeAnthropicBehaviour[]): void;
  close(): Promise<void>;
}

const usualErrors: Readonly<Record<number, [string, string]>> = {
  400: ['invalid_request_error', 'Bad request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'],
  500: ['api_error', 'Internal server error'],
  529: ['overloaded_error', 'Overloaded'],
};

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function scripted(behaviour: FakeAnthropicBehaviour): AnthropicFakeError | undefined {
  const status = behaviour.status;
  if (status === undefined) return undefined;
  const [type, message] = usualErrors[status] ?? ['api_error', `The server answered ${status}.`];
  const usual = anthropicErrorBody(status, type, message);
  return behaviour.body === undefined ? usual : { status, body: behaviour.body as AnthropicFakeError['body'] };
}

/** `event: <type>` and `data: <json>` frames; the scripted error or cut replaces the rest. */
async function writeStream(res: ServerResponse, events: AnthropicStreamEvent[], behaviour: FakeAnthropicBehaviour, headers: Record<string, string>): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  const errorAt = behaviour.errorEventAfter ?? Infinity;
  const cutAt = behaviour.cutStreamAfterEvents ?? Infinity;
  for (let i = 0; i < events.length; i++) {
    if (i === cutAt) {
      // Flush what was written, then close without ending the HTTP message.
      const socket = res.socket;
      socket?.end(() => socket.destroy());
      return;
    }
    const event: AnthropicStreamEvent = i === errorAt
      ? { type: 'error', error: { type: behaviour.errorType ?? 'overloaded_error', message: 'Overloaded' } }
      : (events[i] as AnthropicStreamEvent);
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    if (i === errorAt) break;
  }
  res.end();
}

export async function startFakeAnthropic(options: { apiKey?: string } = {}): Promise<FakeAnthropic> {
  const requests: FakeAnthropicRequest[] = [];
  const queue: FakeAnthropicBehaviour[] = [];
  const cache = new Set<string>();
  let served = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawBody = Buffer.concat(await collectAsync<Buffer>(req)).toString('utf8');
    const request: FakeAnthropicRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, rawBody, body: parseJson(rawBody) };
    requests.push(request);
    served += 1;
    const behaviour = queue.shift() ?? {};
    // Anthropic says how long to wait on every 429: https://docs.anthropic.com/en/api/rate-limits#response-headers
    const retryAfter = behaviour.status === 429 ? { 'retry-after': '1' } : {};
    const headers = { 'request-id': `req_fake${served}`, 'anthropic-organization-id': 'org-fake', ...retryAfter, ...behaviour.headers };
    if (!(await pause(behaviour.delayHeadersMs, new AbortController().signal))) return;
    const route = request.method === 'POST' ? request.path.split('?')[0] : undefined;
    const refused = scripted(behaviour)
      ?? checkHeaders(req.headers, options.apiKey)
      ?? (route === '/v1/messages' || route === '/v1/messages/count_tokens' ? checkBody(request.body, route !== '/v1/messages') : anthropicErrorBody(404, 'not_found_error', `${request.method} ${request.path} not found`));
    if (refused !== undefined) return writeJson(res, refused.status, refused.body, headers);
    const body = request.body as Record<string, unknown>;
    if (route === '/v1/messages/count_tokens') return writeJson(res, 200, countTokens(body), headers);
    const message = answerMessages(body, cache);
    if (body['stream'] === true) return writeStream(res, streamEventsOf(message), behaviour, headers);
    writeJson(res, 200, message, headers);
  };

  const server = await startLocalServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  return { baseUrl: server.origin, requests, script: (...behaviours) => void queue.push(...behaviours), close: () => server.close() };
}
