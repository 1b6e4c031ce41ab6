// A fake OpenAI REST server for tests and benchmarks: a real node:http server on 127.0.0.1 that
// speaks OpenAI's wire format with deterministic answers, records every request, and plays
// scripted one-shot failures. Answers come from the mock provider's builders; pacing from the writer.

import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerOpenAICall, openAIErrorBody } from '../../src/providers/mock/mock-openai-answer.js';
import type { MockOpenAIAnswer } from '../../src/providers/mock/mock-openai-answer.js';
import { scriptedAnswer, unauthorizedAnswer } from './fake-openai-errors.js';
import type { FakeBehaviour } from './fake-openai-writer.js';
import { writeAnswer } from './fake-openai-writer.js';

export type { FakeBehaviour } from './fake-openai-writer.js';
/** For scripted error bodies, e.g. `{ status: 400, body: openAIErrorBody(msg, { code: 'context_length_exceeded' }) }`. */
export { openAIErrorBody } from '../../src/providers/mock/mock-openai-answer.js';

export interface FakeRequest {
  readonly method: string;
  /** The request target as sent, query included. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  /** The parsed JSON body; undefined when empty or not JSON. */
  readonly body: unknown;
}

export interface FakeDefaults {
  readonly chunks?: number;
  readonly chunkIntervalMs?: number;
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>/v1`, what an OpenAI client takes as its base URL. */
  readonly baseUrl: string;
  readonly port: number;
  readonly requests: FakeRequest[];
  /** Requests whose client went away before their answer was complete. */
  readonly requestsAborted: number;
  /** Queues one behaviour per coming request, consumed in order. */
  script(...behaviours: FakeBehaviour[]): void;
  setDefault(defaults: FakeDefaults): void;
  /** Resolves once `requestsAborted` has reached `count`. */
  waitForAborted(count: number): Promise<void>;
  close(): Promise<void>;
}

export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => reject(new Error('The client closed the request before its body ended.')));
  });
}

function routeAnswer(request: FakeRequest, behaviour: FakeBehaviour, defaults: FakeDefaults): MockOpenAIAnswer {
  const pathname = request.path.split('?')[0] ?? '';
  if (!pathname.startsWith('/v1/')) {
    return { kind: 'json', status: 404, body: openAIErrorBody(`Invalid URL (${request.method} ${pathname})`) };
  }
  if (request.method === 'POST' && request.rawBody !== '' && request.body === undefined) {
    const message = 'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly.)';
    return { kind: 'json', status: 400, body: openAIErrorBody(message) };
  }
  const route = pathname.slice('/v1'.length);
  return answerOpenAICall({ method: request.method, route, body: request.body }, { chunks: behaviour.chunks ?? defaults.chunks });
}

export async function startFakeOpenAI(options: { apiKey?: string } = {}): Promise<FakeOpenAI> {
  const requests: FakeRequest[] = [];
  const queue: FakeBehaviour[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let defaults: FakeDefaults = {};
  let aborted = 0;
  let served = 0;

  const noteAborted = (): void => {
    aborted += 1;
    for (const waiter of waiters.filter((w) => w.count <= aborted)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const gone = new AbortController();
    let cutByFake = false;
    res.on('close', () => {
      if (res.writableFinished) return;
      gone.abort();
      if (!cutByFake) noteAborted();
    });
    const rawBody = await readBody(req);
    const request: FakeRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, rawBody, body: parseJson(rawBody) };
    requests.push(request);
    served += 1;
    const behaviour = queue.shift() ?? {};
    const answer =
      scriptedAnswer(behaviour) ?? unauthorizedAnswer(options.apiKey, req.headers.authorization) ?? routeAnswer(request, behaviour, defaults);
    const headers = { 'x-request-id': `req_fake${served}`, 'openai-version': '2020-10-01', ...behaviour.headers };
    const interval = behaviour.chunkIntervalMs ?? defaults.chunkIntervalMs;
    const merged = interval === undefined ? behaviour : { ...behaviour, chunkIntervalMs: interval };
    await writeAnswer({ res, answer, behaviour: merged, headers, signal: gone.signal, onCut: () => (cutByFake = true) });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    get requestsAborted() {
      return aborted;
    },
    script: (...behaviours) => void queue.push(...behaviours),
    setDefault: (next) => void (defaults = { ...next }),
    waitForAborted: (count) =>
      count <= aborted ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
