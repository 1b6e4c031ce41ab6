// The contract every SharedState implementation passes: in-process and Redis. Each
// implementation's test file calls `describeSharedStateContract` with a target that opens fresh,
// empty state. Presence is only asserted right after a write, so a real clock cannot flake it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SharedState } from '../../src/shared-state/types.js';

export interface SharedStateHarness {
  readonly state: SharedState;
  /** Lets at least `ms` pass on the clock counters expire by (a fake clock moves; a real one is slept on). */
  elapse(ms: number): Promise<void>;
  /** A second instance over the same backend, or undefined when the implementation has no peers. */
  peer(): Promise<SharedState | undefined>;
}

export interface SharedStateTarget {
  /** False to run, or the reason this implementation cannot run here. */
  readonly skip: string | false;
  /** The TTL the expiry tests use: short for a real clock, any value for a fake one. */
  readonly ttlMs: number;
  /** Opens state in which no key and no subscription exists yet. */
  fresh(): Promise<SharedStateHarness>;
}

/** Waits (briefly, with small sleeps) until `check` holds: delivery between instances is asynchronous. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(check(), what);
}

export function describeSharedStateContract(name: string, target: SharedStateTarget): void {
  const ttl = target.ttlMs;
  const open = async <T>(body: (harness: SharedStateHarness) => Promise<T>): Promise<T> => {
    const harness = await target.fresh();
    try {
      return await body(harness);
    } finally {
      await harness.state.close();
    }
  };

  describe(`SharedState contract: ${name}`, { skip: target.skip }, () => {
    it('adds to counters, reads missing keys as 0, and answers getMany in the order asked', () =>
      open(async ({ state: { counters } }) => {
        assert.equal(await counters.add('a', 5, 60_000), 5);
        assert.equal(await counters.add('a', -2, 60_000), 3);
        assert.equal(await counters.add('b', 1, 60_000), 1);
        assert.deepEqual(await counters.getMany(['b', 'missing', 'a']), [1, 0, 3]);
        assert.deepEqual(await counters.getMany([]), []);
      }));

    it('expires a key its TTL after the first write; later writes do not extend it', () =>
      open(async ({ state: { counters }, elapse }) => {
        await counters.add('a', 1, ttl);
        await elapse(ttl * 0.6);
        await counters.add('a', 1, ttl);
        await elapse(ttl * 0.6);
        assert.deepEqual(await counters.getMany(['a']), [0]);
        assert.equal(await counters.add('a', 4, ttl), 4, 'an expired key starts again from nothing');
      }));

    it('adds every entry when all stay within their limits, a value equal to its limit included', () =>
      open(async ({ state: { counters } }) => {
        await counters.add('x', 8, 60_000);
        const entries = [
          { key: 'x', delta: 2, limit: 10, ttlMs: 60_000 },
          { key: 'y', delta: 3, limit: 3, ttlMs: 60_000 },
        ];
        assert.equal(await counters.addIfWithin(entries), -1);
        assert.deepEqual(await counters.getMany(['x', 'y']), [10, 3]);
      }));

    it('refuses all or nothing, naming the first counter that would exceed its limit', () =>
      open(async ({ state: { counters } }) => {
        await counters.add('b', 9, 60_000);
        await counters.add('c', 9, 60_000);
        const refused = await counters.addIfWithin([
          { key: 'a', delta: 1, limit: 5, ttlMs: 60_000 },
          { key: 'b', delta: 2, limit: 10, ttlMs: 60_000 },
          { key: 'c', delta: 2, limit: 10, ttlMs: 60_000 },
        ]);
        assert.equal(refused, 1);
        assert.deepEqual(await counters.getMany(['a', 'b', 'c']), [0, 9, 9], 'nothing was added');
      }));

    it('accumulates an entry repeated in one call, and always accepts a decrease within the limit', () =>
      open(async ({ state: { counters } }) => {
        const twice = { key: 'r', delta: 3, limit: 5, ttlMs: 60_000 };
        assert.equal(await counters.addIfWithin([twice, twice]), 1);
        assert.deepEqual(await counters.getMany(['r']), [0]);
        assert.equal(await counters.addIfWithin([twice, { ...twice, delta: -1 }]), -1);
        assert.deepEqual(await counters.getMany(['r']), [2]);
      }));

    it('counts an expired key as 0 in addIfWithin and gives a key it creates its TTL', () =>
      open(async ({ state: { counters }, elapse }) => {
        await counters.add('w', 10, ttl);
        await elapse(ttl * 1.5);
        assert.equal(await counters.addIfWithin([{ key: 'w', delta: 1, limit: 1, ttlMs: ttl }]), -1);
        assert.deepEqual(await counters.getMany(['w']), [1]);
        await elapse(ttl * 1.5);
        assert.deepEqual(await counters.getMany(['w']), [0]);
      }));

    it('admits exactly up to the limit when many callers race', () =>
      open(async ({ state: { counters } }) => {
        const entry = { key: 'race', delta: 1, limit: 10, ttlMs: 60_000 };
        const results = await Promise.all(Array.from({ length: 40 }, () => counters.addIfWithin([entry])));
        assert.equal(results.filter((result) => result === -1).length, 10);
        assert.deepEqual(await counters.getMany(['race']), [10]);
      }));

    it('keeps large integers exact (budgets count nano-dollars) in add, addIfWithin and seed', () =>
      open(async ({ state: { counters } }) => {
        const big = 123_456_789_012_345;
        assert.equal(await counters.add('spend', big, 60_000), big);
        assert.equal(await counters.addIfWithin([{ key: 'spend', delta: 1, limit: big + 1, ttlMs: 60_000 }]), -1);
        assert.deepEqual(await counters.getMany(['spend']), [big + 1]);
        await counters.seed('seeded', big, 60_000);
        assert.equal(await counters.add('seeded', 2, 60_000), big + 2);
      }));

    it('counts fractional amounts (spend in dollars) and checks them against fractional limits', () =>
      open(async ({ state: { counters } }) => {
        await counters.add('usd', 0.25, 60_000);
        assert.equal(await counters.add('usd', 0.5, 60_000), 0.75);
        assert.equal(await counters.addIfWithin([{ key: 'usd', delta: 0.5, limit: 1.2, ttlMs: 60_000 }]), 0);
        assert.equal(await counters.addIfWithin([{ key: 'usd', delta: 0.25, limit: 1, ttlMs: 60_000 }]), -1);
        assert.deepEqual(await counters.getMany(['usd']), [1]);
        assert.equal(await counters.addIfWithin([{ key: 'usd', delta: 1, limit: Infinity, ttlMs: 60_000 }]), -1);
      }));

    it('seeds a missing key only, and a seeded key expires like any other', () =>
      open(async ({ state: { counters }, elapse }) => {
        await counters.seed('s', 7, ttl);
        await counters.seed('s', 100, ttl);
        assert.equal(await counters.add('s', 1, ttl), 8);
        await counters.add('t', 2, 60_000);
        await counters.seed('t', 100, 60_000);
        assert.deepEqual(await counters.getMany(['t']), [2], 'an existing key keeps its value');
        await elapse(ttl * 1.5);
        assert.deepEqual(await counters.getMany(['s']), [0]);
      }));

    it('admits in one step: seeds missing keys, reports the values before, adds all or nothing', () =>
      open(async ({ state: { counters } }) => {
        const big = 123_456_789_012_345;
        await counters.add('rpm', 4, 60_000);
        await counters.add('budget', 50, 60_000);
        const first = await counters.admit([
          { key: 'budget', delta: 10, limit: 100, ttlMs: 60_000, seed: 999 },
          { key: 'fresh-budget', delta: 1, limit: big + 10, ttlMs: 60_000, seed: big },
          { key: 'rpm', delta: 1, limit: 5, ttlMs: 60_000 },
        ]);
        assert.deepEqual(first, { refused: -1, before: [50, big, 4] }, 'an existing key keeps its value; a missing one is seeded');
        const second = await counters.admit([
          { key: 'budget', delta: 10, limit: 100, ttlMs: 60_000 },
          { key: 'rpm', delta: 1, limit: 5, ttlMs: 60_000 },
        ]);
        assert.deepEqual(second, { refused: 1, before: [60, 5] });
        assert.deepEqual(await counters.getMany(['budget', 'fresh-budget', 'rpm']), [60, big + 1, 5], 'a refusal adds nothing');
        const seededThenRefused = await counters.admit([
          { key: 'late-seed', delta: 1, limit: 100, ttlMs: 60_000, seed: 7 },
          { key: 'rpm', delta: 1, limit: 5, ttlMs: 60_000 },
        ]);
        assert.equal(seededThenRefused.refused, 1);
        assert.deepEqual(await counters.getMany(['late-seed']), [7], 'seeds stay when refused');
        assert.deepEqual(await counters.admit([]), { refused: -1, before: [] });
      }));

    it('lowers a limit by the positive value of its limitLessKey (parallel slots of the previous bucket)', () =>
      open(async ({ state: { counters } }) => {
        await counters.add('previous', 2, 60_000);
        await counters.add('negative', -3, 60_000);
        const entry = { key: 'current', delta: 1, limit: 3, ttlMs: 60_000, limitLessKey: 'previous' };
        assert.equal((await counters.admit([entry])).refused, -1);
        assert.equal((await counters.admit([entry])).refused, 0, '1 + 2 in flight reached the limit of 3');
        assert.equal((await counters.admit([{ ...entry, key: 'other', limitLessKey: 'negative' }])).refused, -1, 'a negative value lowers nothing');
        assert.equal((await counters.admit([{ ...entry, key: 'third', limitLessKey: 'missing' }])).refused, -1);
      }));

    it('adds many entries in one step, seeding the missing ones first', () =>
      open(async ({ state: { counters } }) => {
        await counters.add('kept', 10, 60_000);
        await counters.addMany([
          { key: 'kept', delta: -1, ttlMs: 60_000, seed: 500 },
          { key: 'seeded', delta: 2, ttlMs: 60_000, seed: 40 },
          { key: 'plain', delta: 0.5, ttlMs: 60_000 },
        ]);
        assert.deepEqual(await counters.getMany(['kept', 'seeded', 'plain']), [9, 42, 0.5]);
        await counters.addMany([]);
      }));

    it('delivers a published id to the subscribers of that topic, this instance included', () =>
      open(async ({ state: { bus } }) => {
        const keys: string[] = [];
        const teams: string[] = [];
        bus.subscribe('keys', (id) => keys.push(id));
        bus.subscribe('teams', (id) => teams.push(id));
        await bus.publish('keys', 'k1');
        await bus.publish('keys', 'k2');
        await eventually(() => keys.length === 2, 'both ids arrive');
        assert.deepEqual(keys, ['k1', 'k2']);
        assert.deepEqual(teams, []);
      }));

    it('stops delivering after unsubscribe, leaving other subscribers in place', () =>
      open(async ({ state: { bus } }) => {
        const first: string[] = [];
        const second: string[] = [];
        const unsubscribe = bus.subscribe('keys', (id) => first.push(id));
        bus.subscribe('keys', (id) => second.push(id));
        unsubscribe();
        await bus.publish('keys', 'k1');
        await eventually(() => second.length === 1, 'the remaining subscriber still hears');
        assert.deepEqual(first, []);
      }));

    it('keeps delivering to the others when one subscriber throws', () =>
      open(async ({ state: { bus } }) => {
        const heard: string[] = [];
        bus.subscribe('keys', () => {
          throw new Error('subscriber failed');
        });
        bus.subscribe('keys', (id) => heard.push(id));
        await bus.publish('keys', 'k1').catch(() => undefined);
        await eventually(() => heard.length === 1, 'the healthy subscriber hears');
      }));

    it('can be closed twice', async () => {
      const { state } = await target.fresh();
      await state.close();
      await state.close();
    });

    it('shares counters and messages with a second instance over the same backend', async (t) => {
      await open(async ({ state, peer }) => {
        const other = await peer();
        if (other === undefined) {
          t.skip('this implementation serves one process and has no peers');
          return;
        }
        try {
          const heard: string[] = [];
          other.bus.subscribe('keys', (id) => heard.push(id));
          await state.counters.add('shared', 3, 60_000);
          assert.deepEqual(await other.counters.getMany(['shared']), [3]);
          await eventually(() => {
            void state.bus.publish('keys', 'k1').catch(() => undefined);
            return heard.length > 0;
          }, 'the peer hears a message published here');
        } finally {
          await other.close();
        }
      });
    });
  });
}
