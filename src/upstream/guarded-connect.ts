// Enforces the egress policy where it cannot be dodged: when a connection opens. The host is
// resolved once, every address is checked, and the socket connects only to addresses that passed,
// so a name that answers differently later (DNS rebinding) still cannot reach a private address.

import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { GatewayError } from '../errors/gateway-error.js';
import { allowHint, egressRefusal, normalizeHostname, refusedHostname, type EgressPolicy } from './egress-policy.js';
import { systemResolveHost, type ResolveHost } from './resolve-host.js';

export interface GuardOptions {
  readonly policy: EgressPolicy;
  readonly resolveHost?: ResolveHost;
}

interface Destination {
  readonly hostname: string;
  readonly port: number;
}

function refused(destination: Destination, what: string): GatewayError {
  const detail = `egress refused: ${what}; ${allowHint(destination.hostname, destination.port)}`;
  return new GatewayError('upstream_error', { detail });
}

/** Whether `family` (from `LookupOptions`) admits an address of family 4 or 6. */
function familyMatches(wanted: LookupOptions['family'], family: number): boolean {
  if (wanted === 4 || wanted === 'IPv4') return family === 4;
  if (wanted === 6 || wanted === 'IPv6') return family === 6;
  return true;
}

/** A `net` lookup that fails the connection when any address of the host is outside the policy. */
function guardedLookup(guard: GuardOptions, destination: Destination): LookupFunction {
  const resolve = guard.resolveHost ?? systemResolveHost;
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        const addresses: LookupAddress[] = all.filter((a) => familyMatches(options.family, a.family)).map((a) => ({ address: a.address, family: a.family }));
        // One bad answer refuses the host: rebinding answers often mix a public and a private address.
        for (const { address } of addresses) {
          const refusal = egressRefusal(guard.policy, { ...destination, address });
          if (refusal !== undefined) return callback(refused(destination, `${hostname} resolves to ${address}, ${refusal}`), '', 0);
        }
        const first = addresses[0];
        if (first === undefined) return callback(Object.assign(new Error(`No address found for ${hostname}.`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all === true) return callback(null, addresses);
        return callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** What refuses a connection before a lookup: a metadata host name, or an IP literal outside the policy. */
function refusedBeforeLookup(guard: GuardOptions, destination: Destination): GatewayError | undefined {
  const name = refusedHostname(guard.policy, destination.hostname, destination.port);
  if (name !== undefined) return refused(destination, name);
  if (isIP(destination.hostname) === 0) return undefined;
  // `net` connects to an IP literal without calling `lookup`, so it is checked here.
  const refusal = egressRefusal(guard.policy, { ...destination, address: destination.hostname });
  return refusal === undefined ? undefined : refused(destination, `${destination.hostname} is ${refusal}`);
}

/** An undici connector for one origin that applies the egress policy to every connection it opens. */
export function guardedConnector(origin: URL, guard: GuardOptions, options: buildConnector.BuildOptions): buildConnector.connector {
  const destination: Destination = {
    hostname: normalizeHostname(origin.hostname),
    port: origin.port === '' ? (origin.protocol === 'https:' ? 443 : 80) : Number(origin.port),
  };
  const connect = buildConnector({ ...options, lookup: guardedLookup(guard, destination) });
  return (connectOptions, callback) => {
    const refusal = refusedBeforeLookup(guard, destination);
    if (refusal !== undefined) {
      callback(refusal, null);
      return;
    }
    connect(connectOptions, callback);
  };
}
