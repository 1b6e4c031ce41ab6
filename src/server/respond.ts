// Writing complete responses: JSON bodies, OpenAI-shaped errors, and the headers every response
// carries. Streaming responses are written by `send-stream.ts`.

import type { ServerResponse } from 'node:http';
import { type GatewayError } from '../errors/gateway-error.js';
import { renderOpenAiError } from '../wire/openai/render-error.js';

/** Sent on every response: API answers are never sniffed, framed or cached. */
export const securityHeaders: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
});

export function sendJsonText(res: ServerResponse, status: number, text: string, requestId: string, extraHeaders?: Readonly<Record<string, string>>): void {
  res.writeHead(status, {
    ...securityHeaders,
    ...extraHeaders,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId,
  });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, requestId: string): void {
  sendJsonText(res, status, JSON.stringify(value), requestId);
}

/** Renders in OpenAI's shape unless the route's dialect has its own (`render`). */
export function sendError(res: ServerResponse, error: GatewayError, requestId: string, render: (error: GatewayError) => string = renderOpenAiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = render(error);
  const headers: Record<string, string | number> = {
    ...securityHeaders,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId,
  };
  if (error.retryAfterS !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterS)));
  res.writeHead(error.status, headers);
  res.end(text);
}
