// The in-process shared state: the shared contract on a fake clock, plus what only one process
// promises (exact expiry instants, bounded memory, synchronous delivery, refusal after close).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInProcessState } from '../../src/shared-state/in-process-state.js';
import { describeSharedStateContract } from './shared-state-contract.js';

function fakeClock(startMs = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let nowMs = startMs;
  return { now: () => nowMs, advance: (ms) => void (nowMs += ms) };
}

describeSharedStateContract('in-process', {
  skip: false,
  ttlMs: 1000,
  fresh() {
    const clock = fakeClock();
    const state = createInProcessState({ now: clock.now });
    return Promise.resolve({
      state,
      elapse: (ms: number) => Promise.resolve(clock.advance(ms)),
      peer: () => Promise.resolve(undefined),
    });
  },
});

describe('in-process shared state', () => {
  it('keeps a key until the last millisecond of its TTL', async () => {
    const clock = fakeClock();
    const { counters } = createInProcessState({ now: clock.now });
    await counters.add('a', 1, 1000);
    clock.advance(999);
    assert.deepEqual(await counters.getMany(['a']), [1]);
    clock.advance(1);
    assert.deepEqual(await counters.getMany(['a']), [0]);
  });

  it('sweeps expired keys on a later write, so memory follows the live keys only', async () => {
    const clock = fakeClock();
    const state = createInProcessState({ now: clock.now, sweepIntervalMs: 1000 });
    await Promise.all(Array.from({ length: 500 }, (_, index) => state.counters.add(`window:${index}`, 1, 60_000)));
    assert.equal(state.counterKeyCount(), 500);
    clock.advance(60_000);
    await state.counters.add('fresh', 1, 60_000);
    assert.equal(state.counterKeyCount(), 1);
  });

  it('delivers a message before publish resolves', async () => {
    const { bus } = createInProcessState();
    const heard: string[] = [];
    bus.subscribe('keys', (id) => heard.push(id));
    const published = bus.publish('keys', 'k1');
    assert.deepEqual(heard, ['k1']);
    await published;
  });

  it('reports a failing subscriber through publish after delivering to the others', async () => {
    const { bus } = createInProcessState();
    const heard: string[] = [];
    bus.subscribe('keys', () => {
      throw new Error('cache refresh failed');
    });
    bus.subscribe('keys', (id) => heard.push(id));
    await assert.rejects(bus.publish('keys', 'k1'), /cache refresh failed/);
    assert.deepEqual(heard, ['k1']);
  });

  it('needs one unsubscribe per subscription of the same handler', async () => {
    const { bus } = createInProcessState();
    const heard: string[] = [];
    const handler = (id: string): void => void heard.push(id);
    const first = bus.subscribe('keys', handler);
    bus.subscribe('keys', handler);
    first();
    await bus.publish('keys', 'k1');
    assert.deepEqual(heard, ['k1']);
  });

  it('refuses counter and bus operations once closed', async () => {
    const state = createInProcessState();
    await state.close();
    await assert.rejects(state.counters.add('a', 1, 1000), /closed/);
    await assert.rejects(state.counters.addIfWithin([{ key: 'a', delta: 1, limit: 1, ttlMs: 1000 }]), /closed/);
    await assert.rejects(state.bus.publish('keys', 'k1'), /closed/);
    assert.throws(() => state.bus.subscribe('keys', () => undefined), /closed/);
  });
});
