// Shared state on Redis, for several Gatehouse instances: counters (redis-counters.ts) on one
// connection, the invalidation bus (redis-bus.ts) on a second one that only subscribes. Every key and
// the bus channel start with `keyPrefix`, so several deployments can share one Redis (not a Cluster).

import type { Redis } from 'ioredis';
import { createRedisBus } from './redis-bus.js';
import { openRedisConnection, type RedisConnectionOptions } from './redis-connection.js';
import { createRedisCounters } from './redis-counters.js';
import type { SharedState } from './types.js';

export interface RedisStateOptions extends RedisConnectionOptions {
  /** Prepended to every key and to the bus channel. Default `gatehouse:`. */
  readonly keyPrefix?: string;
  /** A bus subscriber threw on a message from another instance. */
  readonly onHandlerError?: (error: unknown) => void;
}

export const defaultKeyPrefix = 'gatehouse:';
/** How long close() waits for Redis to acknowledge QUIT before dropping the connection. */
const quitTimeoutMs = 1000;

/** Connects both connections and subscribes the bus; rejects (URL not included) when Redis is unreachable. */
export async function createRedisState(options: RedisStateOptions): Promise<SharedState> {
  const keyPrefix = options.keyPrefix ?? defaultKeyPrefix;
  const client = await openRedisConnection(options, 'commands');
  let subscriber: Redis;
  try {
    subscriber = await openRedisConnection(options, 'subscriber');
  } catch (error) {
    client.disconnect();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const ensureOpen = (): void => {
    if (closing !== undefined) throw new Error('shared state is closed');
  };
  const bus = createRedisBus({
    publisher: client,
    subscriber,
    channel: `${keyPrefix}bus`,
    ensureOpen,
    onHandlerError: options.onHandlerError ?? (() => undefined),
  });
  try {
    await bus.listen();
  } catch (error) {
    client.disconnect();
    subscriber.disconnect();
    throw new Error(`cannot subscribe to the Redis bus channel: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return {
    counters: createRedisCounters(client, keyPrefix, ensureOpen),
    bus,
    close() {
      closing ??= Promise.all([quit(client), quit(subscriber)]).then(() => undefined);
      return closing;
    },
  };
}

/** QUIT, or drop the connection when Redis does not answer in time (it may be the reason we stop). */
async function quit(client: Redis): Promise<void> {
  client.removeAllListeners('close');
  client.removeAllListeners('ready');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, quitTimeoutMs);
  });
  await Promise.race([client.quit().then(() => undefined, () => undefined), timedOut]);
  clearTimeout(timer);
  client.disconnect();
}
