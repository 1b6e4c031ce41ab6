// One HTTP exchange as the handlers see it: the raw node objects, a request id, the client's
// address, and an abort signal that fires when the client goes away before the response is complete.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CancelSignal } from '../upstream/types.js';
import { createClientGoneSignal } from './client-gone-signal.js';
import { createClientIpResolver, type ClientIpResolver } from './edge/client-ip.js';
import { newRequestId } from './request-id.js';

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;
const socketPeer = createClientIpResolver([]);

export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  readonly startedAtMs: number;
  /** Path without query string and without a leading `/v1`. */
  readonly path: string;
  /** Aborted when the client disconnects before the response ends. */
  readonly signal: CancelSignal;
  /**
   * The client's address, canonical (IPv4-mapped IPv6 as IPv4): the socket peer, or the forwarded
   * client when the peer is a trusted proxy; `unknown` when unreadable. Resolved on first read.
   */
  readonly clientIp: string;
}

export function createExchange(req: IncomingMessage, res: ServerResponse, path: string, resolveClientIp: ClientIpResolver = socketPeer): Exchange {
  const offered = req.headers['x-request-id'];
  const requestId = typeof offered === 'string' && requestIdPattern.test(offered) ? offered : newRequestId();
  const signal = createClientGoneSignal();
  res.once('close', () => {
    if (!res.writableFinished) signal.abort(new DOMException('The client closed the connection.', 'AbortError'));
  });
  let clientIp: string | undefined;
  return {
    req, res, requestId, startedAtMs: Date.now(), path, signal,
    get clientIp() {
      return (clientIp ??= resolveClientIp(req));
    },
  };
}
