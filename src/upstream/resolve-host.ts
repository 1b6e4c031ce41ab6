// The DNS seam of the egress policy: every address a host name resolves to. Injected in tests
// (to play DNS rebinding); the default asks the system resolver, as a connection would.

import { lookup } from 'node:dns/promises';

export interface ResolvedAddress {
  readonly address: string;
  /** 4 or 6. */
  readonly family: number;
}

export type ResolveHost = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolveHost: ResolveHost = (hostname) => lookup(hostname, { all: true });
