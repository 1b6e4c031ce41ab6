// Checks an outbound URL an admin configures (a model's `api_base`, later webhooks and identity
// providers) before it is saved or served: scheme, no credentials, and every address its host
// resolves to now. Connections are checked again when they open (guarded-connect.ts).

import { isIP } from 'node:net';
import { allowHint, egressRefusal, normalizeHostname, refusedHostname, type EgressPolicy } from './egress-policy.js';
import { systemResolveHost, type ResolveHost } from './resolve-host.js';

export interface CheckEgressOptions {
  readonly resolveHost?: ResolveHost;
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

/** The URL's problem before any lookup, or its host and port. */
function parseTarget(url: string): { problem: string } | { hostname: string; port: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: 'is not a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { problem: 'must use http or https' };
  if (parsed.username !== '' || parsed.password !== '') {
    return { problem: 'must not contain credentials (user:password@); configure the key as api_key' };
  }
  const port = parsed.port === '' ? defaultPort(parsed.protocol) : Number(parsed.port);
  return { hostname: normalizeHostname(parsed.hostname), port };
}

/**
 * Undefined when `url` may be used under `policy`, otherwise why not, in a sentence fit for the
 * admin who configured it (it names the host, never the URL's path or query). A host that does
 * not resolve now is accepted: the policy is applied again on every connection.
 */
export async function checkEgressUrl(url: string, policy: EgressPolicy, options: CheckEgressOptions = {}): Promise<string | undefined> {
  const target = parseTarget(url);
  if ('problem' in target) return `the URL ${target.problem}`;
  const { hostname, port } = target;
  const refusedName = refusedHostname(policy, hostname, port);
  if (refusedName !== undefined) return `refused: ${refusedName}; ${allowHint(hostname, port)}`;
  let addresses: readonly string[];
  if (isIP(hostname) !== 0) {
    addresses = [hostname];
  } else {
    try {
      addresses = (await (options.resolveHost ?? systemResolveHost)(hostname)).map((resolved) => resolved.address);
    } catch {
      return undefined;
    }
  }
  for (const address of addresses) {
    const refusal = egressRefusal(policy, { hostname, port, address });
    if (refusal === undefined) continue;
    const what = address === hostname ? `${hostname} is ${refusal}` : `${hostname} resolves to ${address}, ${refusal}`;
    return `refused: ${what}; ${allowHint(hostname, port)}`;
  }
  return undefined;
}
