// Waiting that stops the moment a request is abandoned: the default sleep, and a guard that makes
// any promise (an injected sleep included) reject with the signal's reason on abort.

import type { CancelSignal } from '../upstream/types.js';

/** The reason to throw for an aborted signal: its own reason, else a standard AbortError. */
export function abortReason(signal: CancelSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

export function sleepMs(ms: number, signal?: CancelSignal): Promise<void> {
  return untilAborted(new Promise<void>((resolve) => {
    const onAbort = (): void => clearTimeout(timer);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  }), signal);
}

/** Settles like `promise`, or rejects with the abort reason as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: CancelSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}
