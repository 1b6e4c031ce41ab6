// A recording HTTP server on 127.0.0.1 for the fake Google endpoints (Gemini, Vertex AI, OAuth):
// reads each request whole, plays scripted one-shot answers first, else asks the fake's router.

import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectAsync } from './collect-async.js';

export interface RecordedRequest {
  readonly method: string;
  /** The request target as sent, query included. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

export interface FakeAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as it is; anything else as JSON. */
  readonly body?: unknown;
  /** Server-sent events: each string is sent as one `data:` event, framed as Google does. */
  readonly events?: readonly string[];
  /** A whole `text/event-stream` body, sent as it is (Anthropic's named events). */
  readonly eventStream?: string;
}

export interface FakeServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Queues answers for the coming requests, consumed in order before the router is asked. */
  script(...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

function write(res: ServerResponse, answer: FakeAnswer): void {
  if (answer.eventStream !== undefined) {
    res.writeHead(answer.status, { 'content-type': 'text/event-stream', ...answer.headers });
    res.end(answer.eventStream);
    return;
  }
  if (answer.events !== undefined) {
    res.writeHead(answer.status, { 'content-type': 'text/event-stream', ...answer.headers });
    // Google ends every event with CRLF CRLF.
    for (const data of answer.events) res.write(`data: ${data}\r\n\r\n`);
    res.end();
    return;
  }
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...answer.headers });
  res.end(text);
}

export async function startFakeServer(route: (request: RecordedRequest) => FakeAnswer): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeAnswer[] = [];
  const server = createServer((req, res) => {
    collectAsync<Buffer>(req)
      .then((parts) => {
        const rawBody = Buffer.concat(parts).toString('utf8');
        const request: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, rawBody };
        requests.push(request);
        write(res, queue.shift() ?? route(request));
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    script: (...answers) => void queue.push(...answers),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

export function googleError(code: number, status: string, message: string, details?: unknown[]): FakeAnswer {
  return { status: code, body: { error: { code, message, status, ...(details === undefined ? {} : { details }) } } };
}
