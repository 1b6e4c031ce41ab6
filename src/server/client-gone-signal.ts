// The per-request cancel signal: set when the client goes away before its response is complete.
// Shaped like an AbortSignal where the router and the upstream client read it, without what an
// AbortController costs on every request (an EventTarget, its listeners' bookkeeping).

import type { CancelSignal } from '../upstream/types.js';

export interface ClientGoneSignal extends CancelSignal {
  /** Marks the signal aborted (once) and calls each listener once. */
  abort(reason: unknown): void;
}

export function createClientGoneSignal(): ClientGoneSignal {
  let listeners: (() => void)[] | undefined;
  const signal = {
    aborted: false,
    reason: undefined as unknown,
    addEventListener(_type: 'abort', listener: () => void): void {
      if (!signal.aborted) (listeners ??= []).push(listener);
    },
    removeEventListener(_type: 'abort', listener: () => void): void {
      const at = listeners?.indexOf(listener) ?? -1;
      if (at !== -1) listeners?.splice(at, 1);
    },
    abort(reason: unknown): void {
      if (signal.aborted) return;
      signal.aborted = true;
      signal.reason = reason;
      const called = listeners ?? [];
      listeners = undefined;
      for (const listener of called) listener();
    },
  };
  return signal;
}
