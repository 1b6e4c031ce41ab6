// The listening server: plain HTTP or TLS (1.2 at least), with the edge limits on request heads
// and timeouts, and protocol-level failures (431, 408, 400) answered in the OpenAI error shape.
// What happens to a well-formed request is the request listener's business.

import { STATUS_CODES, createServer, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { ServerConfig } from '../../config/types.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { renderOpenAiError } from '../../wire/openai/render-error.js';
import { securityHeaders } from '../respond.js';
import { hstsValue } from './edge-policy.js';

export type GatehouseServer = Server | TlsServer;

export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** How often Node looks for connections past their header or request timeout. */
function checkingIntervalMs(server: ServerConfig): number {
  return Math.min(1_000, Math.max(50, Math.floor(server.headersTimeoutMs / 4)));
}

function clientFailure(code: string | undefined): GatewayError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayError('invalid_request', { status: 431, message: 'The request headers are too large.' });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayError('request_timeout');
    default:
      return new GatewayError('invalid_request', { message: 'The request is not valid HTTP.' });
  }
}

function rawResponse(error: GatewayError, tls: boolean): string {
  const body = renderOpenAiError(error);
  const headers: Record<string, string | number> = {
    ...securityHeaders,
    ...(tls ? { 'strict-transport-security': hstsValue } : {}),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}\r\n${head}\r\n${body}`;
}

/** Node's default answers in plain text; this one in the API's error shape, then closes. */
function onClientError(tls: boolean): (error: Error & { code?: string }, socket: Duplex) => void {
  return (error, socket) => {
    // A response already on its way (pipelining) must not be interleaved with a new one.
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
      socket.destroy();
      return;
    }
    socket.end(rawResponse(clientFailure(error.code), tls));
  };
}

export function createHttpServer(server: ServerConfig, tls: TlsMaterial | undefined, listener: RequestListener): GatehouseServer {
  const options: ServerOptions = {
    headersTimeout: Math.min(server.headersTimeoutMs, server.requestTimeoutMs),
    requestTimeout: server.requestTimeoutMs,
    keepAliveTimeout: server.keepAliveTimeoutMs,
    connectionsCheckingInterval: checkingIntervalMs(server),
    maxHeaderSize: server.maxHeaderBytes,
  };
  const created = tls === undefined
    ? createServer(options, listener)
    : createTlsServer({ ...options, cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, listener);
  // One more than the limit is parsed, so that a request over it can be refused (edge-policy.ts).
  created.maxHeadersCount = server.maxHeaderCount + 1;
  created.on('clientError', onClientError(tls !== undefined));
  return created;
}
