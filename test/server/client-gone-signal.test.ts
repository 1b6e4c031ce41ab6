// The per-request cancel signal behaves like an AbortSignal where the router and undici read it:
// listeners called once on abort, removed ones not at all, and the reason kept.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClientGoneSignal } from '../../src/server/client-gone-signal.js';

describe('client-gone signal', () => {
  it('calls each listener once, skips removed ones, and keeps the reason', () => {
    const signal = createClientGoneSignal();
    const calls: string[] = [];
    const first = (): void => { calls.push('first'); };
    const removed = (): void => { calls.push('removed'); };
    signal.addEventListener('abort', first, { once: true });
    signal.addEventListener('abort', removed);
    signal.removeEventListener('abort', removed);
    assert.equal(signal.aborted, false);
    const reason = new Error('gone');
    signal.abort(reason);
    signal.abort(new Error('again'));
    assert.deepEqual(calls, ['first']);
    assert.equal(signal.aborted, true);
    assert.equal(signal.reason, reason);
    signal.addEventListener('abort', () => calls.push('late'));
    assert.deepEqual(calls, ['first'], 'like an AbortSignal, a listener added after the abort is not called');
  });
});
