// What the edge decides before any handler runs: HSTS on TLS, the header count, the global IP
// allowlist (every route but the health probes, one answer whatever the key), CORS; and, for
// handlers, authentication that also enforces key, team and user allowlists. Routing lives elsewhere.

import { compileIpAllowlist, principalAllowsIp, type IpAllowlist } from '../../auth/ip-allowlist.js';
import type { Principal } from '../../auth/principal.js';
import type { ServerConfig } from '../../config/types.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import { createClientIpResolver, type ClientIpResolver } from './client-ip.js';
import { createCorsPolicy, type CorsPolicy } from './cors.js';

/** A year, subdomains included: sent only on TLS (RFC 6797 ignores it over plain HTTP anyway). */
export const hstsValue = 'max-age=31536000; includeSubDomains';

/** Load balancers probe these from addresses no allowlist names; they reveal only up or down. */
const probePaths: ReadonlySet<string> = new Set(['/health/liveliness', '/health/liveness', '/health/readiness']);

export interface EdgePolicy {
  readonly resolveClientIp: ClientIpResolver;
  /**
   * Runs first for every request: throws 403 for an address outside the global allowlist, and
   * returns true when the edge answered the request itself (a CORS preflight).
   */
  admit(ex: Exchange): boolean;
  /** The app as this exchange's handlers see it: `authenticate` also checks key, team and user allowlists. */
  scope(app: AppContext, ex: Exchange): AppContext;
}

function addressRefused(): GatewayError {
  return new GatewayError('permission_denied', { message: 'Requests from this address are not allowed.' });
}

/** Node parses one header more than the limit (create-http-server.ts), so going over shows here. */
function checkHeaderCount(ex: Exchange, maxHeaderCount: number): void {
  if (ex.req.rawHeaders.length > 2 * maxHeaderCount) {
    throw new GatewayError('invalid_request', { status: 431, message: `The request has more than ${maxHeaderCount} headers.` });
  }
}

function checkGlobal(allowlist: IpAllowlist | undefined, ex: Exchange): void {
  if (allowlist === undefined || probePaths.has(ex.path)) return;
  if (!allowlist.allows(ex.clientIp)) throw addressRefused();
}

export function createEdgePolicy(server: ServerConfig): EdgePolicy {
  const allowlist = server.ipAllowlist === null ? undefined : compileIpAllowlist(server.ipAllowlist);
  const cors: CorsPolicy | undefined = createCorsPolicy(server.cors);
  const tls = server.tls !== undefined;
  return {
    resolveClientIp: createClientIpResolver(server.trustedProxies),
    admit(ex) {
      if (tls) ex.res.setHeader('strict-transport-security', hstsValue);
      checkHeaderCount(ex, server.maxHeaderCount);
      checkGlobal(allowlist, ex);
      return cors?.apply(ex.req, ex.res) ?? false;
    },
    scope(app, ex) {
      const authenticate = async (headers: Parameters<AppContext['authenticate']>[0]): Promise<Principal> => {
        const principal = await app.authenticate(headers);
        if (!principalAllowsIp(principal, ex.clientIp)) throw addressRefused();
        return principal;
      };
      return { ...app, authenticate };
    },
  };
}
