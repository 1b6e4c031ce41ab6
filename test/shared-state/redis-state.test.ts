// The Redis shared state: the shared contract against a real Redis (a key prefix per run, flushed
// afterwards), plus what only Redis has to promise: one delivery per instance, scripts surviving a
// Redis that forgot them, and typed, prompt failures when Redis is cut off or stops answering.

import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { after, before, describe, it } from 'node:test';
import { createRedisState } from '../../src/shared-state/redis-state.js';
import { SharedStateUnavailableError } from '../../src/shared-state/shared-state-unavailable-error.js';
import type { SharedState } from '../../src/shared-state/types.js';
import { describeSharedStateContract } from './shared-state-contract.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import { flushPrefix, requireTestRedis, testRedisUrl, uniqueKeyPrefix } from './test-redis.js';

const runPrefix = uniqueKeyPrefix('state');
let fresh = 0;
let redisChecked: Promise<void> | undefined;

/** A new state (and its peers) under a prefix of its own, so no key or message leaks between tests. */
async function openPair(): Promise<{ state: SharedState; peer: () => Promise<SharedState> }> {
  redisChecked ??= requireTestRedis();
  await redisChecked;
  const keyPrefix = `${runPrefix}${(fresh += 1)}:`;
  const open = (): Promise<SharedState> => createRedisState({ url: testRedisUrl, keyPrefix });
  return { state: await open(), peer: open };
}

after(() => flushPrefix(runPrefix));

describeSharedStateContract('redis', {
  skip: false,
  ttlMs: 300,
  async fresh() {
    const { state, peer } = await openPair();
    return { state, elapse: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)), peer };
  },
});

describe('Redis shared state', () => {
  it('delivers a message once to every instance, the sender first and before publish resolves', async () => {
    const { state, peer } = await openPair();
    const other = await peer();
    try {
      const here: string[] = [];
      const there: string[] = [];
      state.bus.subscribe('key', (id) => here.push(id));
      other.bus.subscribe('key', (id) => there.push(id));
      await state.bus.publish('key', 'k1');
      assert.deepEqual(here, ['k1']);
      await until(() => there.length === 1);
      // Redis delivers a channel's messages in order: once "done" arrives, an echo of k1 would have too.
      await other.bus.publish('key', 'done');
      await until(() => here.length >= 2);
      assert.deepEqual(here, ['k1', 'done']);
      assert.deepEqual(there, ['k1', 'done']);
    } finally {
      await other.close();
      await state.close();
    }
  });

  it('loads its scripts again after Redis forgot them (SCRIPT FLUSH, or a restart)', async () => {
    const { state } = await openPair();
    const admin = new Redis(testRedisUrl);
    try {
      assert.equal(await state.counters.add('a', 1, 60_000), 1);
      await admin.script('FLUSH');
      assert.equal(await state.counters.add('a', 1, 60_000), 2);
      await admin.script('FLUSH');
      assert.equal(await state.counters.addIfWithin([{ key: 'a', delta: 1, limit: 3, ttlMs: 60_000 }]), -1);
    } finally {
      admin.disconnect();
      await state.close();
    }
  });

  it('refuses to start, naming the problem but not the URL, when Redis cannot be reached', async () => {
    const proxy = await startTcpProxy(hostPort());
    proxy.cut();
    try {
      await assert.rejects(
        createRedisState({ url: `redis://:very-secret-password@127.0.0.1:${proxy.port}`, connectTimeoutMs: 500 }),
        (error: Error) => /cannot connect to Redis/.test(error.message) && !error.message.includes('very-secret-password'),
      );
    } finally {
      await proxy.close();
    }
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

function hostPort(): { host: string; port: number } {
  const url = new URL(testRedisUrl);
  return { host: url.hostname, port: Number(url.port || 6379) };
}

describe('Redis shared state in an outage', () => {
  let proxy: TcpProxy;
  let state: SharedState;
  const prefix = `${runPrefix}outage:`;
  const events: string[] = [];

  before(async () => {
    redisChecked ??= requireTestRedis();
    await redisChecked;
    proxy = await startTcpProxy(hostPort());
    state = await createRedisState({
      url: `redis://127.0.0.1:${proxy.port}`,
      keyPrefix: prefix,
      commandTimeoutMs: 200,
      onConnectionEvent: (event) => events.push(`${event.connection} ${event.state}`),
    });
  });

  after(async () => {
    await state.close();
    await proxy.close();
  });

  const entry = { key: 'rpm', delta: 1, limit: 5, ttlMs: 60_000 };

  it('fails every operation with SharedStateUnavailableError while Redis is cut off', async () => {
    assert.equal(await state.counters.addIfWithin([entry]), -1);
    proxy.cut();
    await assert.rejects(state.counters.addIfWithin([entry]), SharedStateUnavailableError);
    await assert.rejects(state.counters.getMany(['rpm']), SharedStateUnavailableError);
    await assert.rejects(state.counters.seed('s', 1, 1000), SharedStateUnavailableError);
    await assert.rejects(state.bus.publish('key', 'k1'), SharedStateUnavailableError);
    await until(() => events.length === 2);
    assert.deepEqual(events.sort(), ['commands lost', 'subscriber lost'], 'each loss is reported once');
  });

  it('works again once Redis is back, without a restart', async () => {
    proxy.restore();
    let value: number[] | undefined;
    for (let attempt = 0; attempt < 100 && value === undefined; attempt += 1) {
      value = await state.counters.getMany(['rpm']).catch(() => undefined);
      if (value === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(value, [1], 'the counter written before the outage is still there');
    await until(() => events.length === 4);
    assert.deepEqual(events.slice(2).sort(), ['commands restored', 'subscriber restored']);
  });

  it('times a command out with SharedStateUnavailableError when Redis stops answering', async () => {
    proxy.freeze();
    try {
      await assert.rejects(state.counters.add('rpm', 1, 60_000), (error: Error) =>
        error instanceof SharedStateUnavailableError && /timed out/i.test(error.message));
    } finally {
      proxy.restore();
    }
  });
});
