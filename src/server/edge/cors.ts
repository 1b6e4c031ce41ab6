// Cross-origin requests from browsers: off unless origins are configured; then only those exact
// origins are ever named back, never `*`, and preflights are answered for them alone. Every other
// origin gets no CORS header, so the browser blocks the page while the server stays unchanged.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsConfig } from '../../config/types.js';
import { securityHeaders } from '../respond.js';

export interface CorsPolicy {
  /** Adds CORS headers for an allowed origin; answers a preflight and returns true when it was one. */
  apply(req: IncomingMessage, res: ServerResponse): boolean;
}

const allowedMethods = 'GET, POST, PUT, PATCH, DELETE';
/** Headers browsers may read from answers (request id, rate-limit state). */
const exposedHeaders = [
  'x-request-id', 'retry-after', 'x-ratelimit-limit-requests', 'x-ratelimit-remaining-requests',
  'x-ratelimit-limit-tokens', 'x-ratelimit-remaining-tokens',
].join(', ');
const preflightMaxAgeS = 600;
/** Header names only (RFC 9110 tokens), comma-separated: anything else is not echoed. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:[ \t]*,[ \t]*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;
const MAX_REQUESTED_HEADERS_LENGTH = 2_048;
const defaultAllowedHeaders = 'authorization, content-type, api-key, x-api-key, x-request-id';

function requestedHeaders(req: IncomingMessage): string {
  const requested = req.headers['access-control-request-headers']?.trim();
  if (requested === undefined || requested === '' || requested.length > MAX_REQUESTED_HEADERS_LENGTH || !HEADER_LIST.test(requested)) {
    return defaultAllowedHeaders;
  }
  return requested.toLowerCase();
}

export function createCorsPolicy(config: CorsConfig | undefined): CorsPolicy | undefined {
  if (config === undefined) return undefined;
  const origins = new Set(config.allowedOrigins);
  return {
    apply(req, res) {
      // Answers differ by origin, so caches must keep them apart even when no origin matched.
      res.setHeader('vary', 'origin');
      const origin = req.headers.origin;
      if (origin === undefined || !origins.has(origin)) return false;
      res.setHeader('access-control-allow-origin', origin);
      if (config.allowCredentials) res.setHeader('access-control-allow-credentials', 'true');
      const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
      if (!preflight) {
        res.setHeader('access-control-expose-headers', exposedHeaders);
        return false;
      }
      res.writeHead(204, {
        ...securityHeaders,
        vary: 'origin, access-control-request-method, access-control-request-headers',
        'access-control-allow-methods': allowedMethods,
        'access-control-allow-headers': requestedHeaders(req),
        'access-control-max-age': String(preflightMaxAgeS),
      });
      res.end();
      return true;
    },
  };
}
