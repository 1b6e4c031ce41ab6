// One HTTP exchange as the handlers see it: the raw node objects, a request id, and an abort signal
// that fires when the client goes away before the response is complete.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  readonly startedAtMs: number;
  /** Path without query string and without a leading `/v1`. */
  readonly path: string;
  /** Aborted when the client disconnects before the response ends. */
  readonly signal: AbortSignal;
}

export function createExchange(req: IncomingMessage, res: ServerResponse, path: string): Exchange {
  const offered = req.headers['x-request-id'];
  const requestId = typeof offered === 'string' && requestIdPattern.test(offered) ? offered : randomUUID();
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return { req, res, requestId, startedAtMs: Date.now(), path, signal: controller.signal };
}
