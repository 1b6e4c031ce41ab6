// The clock, token exchanges and credential cache a provider's `sign` step may use. One per
// process: cached access tokens are shared by every request of every deployment that names them.

import type { HttpRequestSpec, SignContext } from '../../providers/types.js';
import type { UpstreamClient } from '../../upstream/types.js';

/** A token exchange is one small JSON answer; anything bigger is not a token. */
const maxTokenResponseBytes = 64 * 1024;
const tokenExchangeTimeoutMs = 10_000;

interface Entry {
  readonly value: string;
  readonly expiresAtMs: number;
}

export function createSignContext(upstream: UpstreamClient, now: () => number = Date.now): SignContext {
  const cache = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();
  return {
    now,
    async fetch(request: HttpRequestSpec) {
      const response = await upstream.send(request, { headersTimeoutMs: tokenExchangeTimeoutMs, bodyTimeoutMs: tokenExchangeTimeoutMs });
      return { status: response.status, text: await response.text(maxTokenResponseBytes) };
    },
    async memo(key, load) {
      const cached = cache.get(key);
      if (cached !== undefined && now() < cached.expiresAtMs) return cached.value;
      let running = pending.get(key);
      if (running === undefined) {
        running = load().finally(() => pending.delete(key));
        pending.set(key, running);
      }
      const entry = await running;
      cache.set(key, entry);
      return entry.value;
    },
  };
}
