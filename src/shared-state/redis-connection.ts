// Opens the Redis connections shared state runs on, with the timeouts that keep a Redis outage from
// hanging requests: commands fail at once while disconnected and after `commandTimeoutMs` otherwise.
// What the connections are used for (counters, the bus) is not here.

import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  /** `redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS. Holds a secret: never log it. */
  readonly url: string;
  /** A command not answered within this many ms fails. Default 1000. */
  readonly commandTimeoutMs?: number;
  /** Opening the connection (TCP + TLS + AUTH) takes at most this many ms. Default 2000. */
  readonly connectTimeoutMs?: number;
  /** Told when a connection is lost or restored (never with the URL or password). */
  readonly onConnectionEvent?: (event: RedisConnectionEvent) => void;
}

export interface RedisConnectionEvent {
  readonly connection: 'commands' | 'subscriber';
  readonly state: 'lost' | 'restored';
  readonly detail?: string;
}

export const defaultCommandTimeoutMs = 1000;
export const defaultConnectTimeoutMs = 2000;
/** Reconnection waits grow by this much per attempt, up to the cap: an outage is retried forever. */
const reconnectStepMs = 100;
const reconnectMaxDelayMs = 2000;

/**
 * A ready connection, or a rejection (without the URL) when Redis cannot be reached at start. The
 * subscriber connection keeps its offline queue so that SUBSCRIBE is replayed after a reconnect.
 */
export async function openRedisConnection(options: RedisConnectionOptions, role: RedisConnectionEvent['connection']): Promise<Redis> {
  const client = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    commandTimeout: options.commandTimeoutMs ?? defaultCommandTimeoutMs,
    // Without an offline queue a command issued during an outage fails at once instead of waiting.
    enableOfflineQueue: role === 'subscriber',
    // A command in flight when the connection drops fails rather than being replayed later, when
    // its caller has long been told it failed.
    maxRetriesPerRequest: role === 'subscriber' ? null : 0,
    retryStrategy: (attempt) => Math.min(attempt * reconnectStepMs, reconnectMaxDelayMs),
  });
  watchConnection(client, role, options.onConnectionEvent);
  // connect() rejects with "Connection is closed."; the reason (refused, timed out, auth) comes as an event.
  let firstError: unknown;
  const noteError = (error: unknown): void => void (firstError ??= error);
  client.on('error', noteError);
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    const cause = firstError ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`cannot connect to Redis (${role} connection): ${reason}`, { cause });
  } finally {
    client.off('error', noteError);
  }
  return client;
}

/** Reports each loss and each recovery once; ioredis would otherwise print unhandled error events. */
function watchConnection(client: Redis, role: RedisConnectionEvent['connection'], report: RedisConnectionOptions['onConnectionEvent']): void {
  let wasReady = false;
  let lost = false;
  let lastError: string | undefined;
  client.on('error', (error: unknown) => {
    lastError = error instanceof Error ? error.message : String(error);
  });
  client.on('ready', () => {
    if (lost) report?.({ connection: role, state: 'restored' });
    wasReady = true;
    lost = false;
  });
  client.on('close', () => {
    if (!wasReady || lost || client.status === 'end') return;
    lost = true;
    report?.({ connection: role, state: 'lost', ...(lastError === undefined ? {} : { detail: lastError }) });
  });
}
