// The Redis the shared-state tests run against (127.0.0.1:6379 unless GATEHOUSE_TEST_REDIS_URL says
// otherwise), a key prefix unique to each run, and clean-up of that prefix only. An unreachable Redis
// fails the tests with a message saying so: CI starts one (.ci/run), so silence would hide a gap.

import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const testRedisUrl = process.env.GATEHOUSE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** `gatehouse-test:<pid>-<random>:`, different in every test process. */
export function uniqueKeyPrefix(label: string): string {
  return `gatehouse-test:${label}:${process.pid}-${randomBytes(4).toString('hex')}:`;
}

/** Rejects with a clear message when the test Redis is not there. */
export async function requireTestRedis(): Promise<void> {
  const client = new Redis(testRedisUrl, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Redis is not reachable at ${new URL(testRedisUrl).host} (${reason}); these tests need it: start redis-server (CI's .ci/run does)`);
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under `prefix` (and nothing else). */
export async function flushPrefix(prefix: string): Promise<void> {
  const client = new Redis(testRedisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
