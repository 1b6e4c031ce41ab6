// Deployment cooldowns across instances: a cooldown decided on one instance holds on another that
// shares its Redis, until the same instant; the router's other counts stay per instance.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createInProcessCounters } from '../../src/router/in-process-counters.js';
import { silentLogger } from '../../src/server/logger.js';
import { shareCooldowns } from '../../src/server/shared-cooldowns.js';
import { createRedisState } from '../../src/shared-state/redis-state.js';
import { flushPrefix, requireTestRedis, testRedisUrl, uniqueKeyPrefix } from './test-redis.js';

const keyPrefix = uniqueKeyPrefix('cooldowns');

after(() => flushPrefix(keyPrefix));

describe('shared deployment cooldowns', () => {
  it('cools a deployment down on every instance until the instant one of them chose', async () => {
    await requireTestRedis();
    const [stateA, stateB] = await Promise.all([1, 2].map(() => createRedisState({ url: testRedisUrl, keyPrefix })));
    assert.ok(stateA !== undefined && stateB !== undefined);
    const a = shareCooldowns(createInProcessCounters(), stateA.bus, silentLogger);
    const b = shareCooldowns(createInProcessCounters(), stateB.bus, silentLogger);
    try {
      const nowMs = Date.now();
      await b.counters.start('d1', nowMs);
      a.counters.coolDown('d1', nowMs + 30_000);
      assert.equal((await a.counters.read(['d1'], nowMs)).get('d1')?.cooldownUntilMs, nowMs + 30_000);
      let onB = 0;
      for (let attempt = 0; attempt < 200 && onB === 0; attempt += 1) {
        onB = (await b.counters.read(['d1'], nowMs)).get('d1')?.cooldownUntilMs ?? 0;
        if (onB === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(onB, nowMs + 30_000);
      const [statsA, statsB] = await Promise.all([a.counters.read(['d1'], nowMs), b.counters.read(['d1'], nowMs)]);
      assert.deepEqual([statsA.get('d1')?.inFlight, statsB.get('d1')?.inFlight], [0, 1], 'in-flight counts stay per instance');
    } finally {
      a.close();
      b.close();
      await Promise.all([stateA.close(), stateB.close()]);
    }
  });

  it('stops applying other instances\' cooldowns once closed', async () => {
    await requireTestRedis();
    const [stateA, stateB] = await Promise.all([1, 2].map(() => createRedisState({ url: testRedisUrl, keyPrefix: `${keyPrefix}closed:` })));
    assert.ok(stateA !== undefined && stateB !== undefined);
    const a = shareCooldowns(createInProcessCounters(), stateA.bus, silentLogger);
    const b = shareCooldowns(createInProcessCounters(), stateB.bus, silentLogger);
    const heardOnB: string[] = [];
    stateB.bus.subscribe('deployment_cooldown', (id) => heardOnB.push(id));
    try {
      b.close();
      const nowMs = Date.now();
      a.counters.coolDown('d1', nowMs + 30_000);
      for (let attempt = 0; attempt < 200 && heardOnB.length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(heardOnB.length, 1, 'the message reached B');
      assert.equal((await b.counters.read(['d1'], nowMs)).get('d1')?.cooldownUntilMs, 0);
    } finally {
      a.close();
      await Promise.all([stateA.close(), stateB.close()]);
    }
  });
});
