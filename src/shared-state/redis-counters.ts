// Shared counters on Redis: each operation is one round trip (a Lua script, MGET or SET NX PX), and
// every failure to reach Redis becomes a SharedStateUnavailableError. The scripts are in redis-scripts.ts.

import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { addIfWithinScript, addManyScript, addScript, admitScript } from './redis-scripts.js';
import { SharedStateUnavailableError } from './shared-state-unavailable-error.js';
import type { AddEntry, AdmitEntry, AdmitResult, CounterEntry, SharedCounters } from './types.js';

interface Script {
  readonly source: string;
  readonly sha1: string;
}

function script(source: string): Script {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

const add = script(addScript);
const addIfWithin = script(addIfWithinScript);
const admit = script(admitScript);
const addMany = script(addManyScript);

/** The admit script's KEYS and ARGV: entry counters first, then each distinct limit-lowering counter. */
function admitArgs(entries: readonly AdmitEntry[], keyOf: (key: string) => string): { keys: string[]; args: string[] } {
  const keys = entries.map((entry) => keyOf(entry.key));
  const args = [String(entries.length)];
  for (const entry of entries) {
    let less = 0;
    if (entry.limitLessKey !== undefined) {
      const lessKey = keyOf(entry.limitLessKey);
      let index = keys.indexOf(lessKey, entries.length);
      if (index === -1) index = keys.push(lessKey) - 1;
      less = index + 1;
    }
    args.push(numberArg(entry.delta), numberArg(entry.limit), ttlArg(entry.ttlMs), entry.seed === undefined ? '' : numberArg(entry.seed), String(less));
  }
  return { keys, args };
}

function admitResult(reply: unknown): AdmitResult {
  const [refused, ...before] = reply as unknown[];
  return { refused: toNumber(refused), before: before.map(toNumber) };
}

/** Redis wants whole, positive milliseconds; a TTL that rounds to nothing still lives one. */
function ttlArg(ttlMs: number): string {
  return String(Math.max(1, Math.ceil(ttlMs)));
}

/** Lua's tonumber reads any finite JavaScript number text; "no limit" becomes the largest double. */
function numberArg(value: number): string {
  if (Number.isNaN(value)) throw new RangeError('a counter value or limit is NaN');
  if (value === Infinity) return String(Number.MAX_VALUE);
  if (value === -Infinity) return String(-Number.MAX_VALUE);
  return String(value);
}

function toNumber(reply: unknown): number {
  return reply === null || reply === undefined ? 0 : Number(reply);
}

export function createRedisCounters(client: Redis, keyPrefix: string, ensureOpen: () => void): SharedCounters {
  const keyOf = (key: string): string => `${keyPrefix}c:${key}`;

  /** Runs a command, turning any failure into the one error callers handle. */
  async function guarded<T>(operation: string, command: () => Promise<T>): Promise<T> {
    ensureOpen();
    try {
      return await command();
    } catch (error) {
      // A NaN from the caller is a bug to surface as it is, not Redis being unavailable.
      if (error instanceof RangeError) throw error;
      throw new SharedStateUnavailableError(operation, error);
    }
  }

  /** EVALSHA, loading the script with EVAL once when this Redis has not seen it (or was restarted). */
  async function run(which: Script, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    try {
      return await client.evalsha(which.sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(which.source, keys.length, ...keys, ...args);
    }
  }

  return {
    add: (key, delta, ttlMs) =>
      guarded('add', async () => toNumber(await run(add, [keyOf(key)], [numberArg(delta), ttlArg(ttlMs)]))),
    getMany: (keys) =>
      guarded('getMany', async () => (keys.length === 0 ? [] : (await client.mget(keys.map(keyOf))).map(toNumber))),
    addIfWithin: (entries: readonly CounterEntry[]) =>
      guarded('addIfWithin', async () => {
        if (entries.length === 0) return -1;
        const args = entries.flatMap((entry) => [numberArg(entry.delta), numberArg(entry.limit), ttlArg(entry.ttlMs)]);
        return toNumber(await run(addIfWithin, entries.map((entry) => keyOf(entry.key)), args));
      }),
    seed: (key, value, ttlMs) =>
      guarded('seed', async () => {
        await client.set(keyOf(key), numberArg(value), 'PX', ttlArg(ttlMs), 'NX');
      }),
    admit: (entries: readonly AdmitEntry[]) =>
      guarded('admit', async () => {
        if (entries.length === 0) return { refused: -1, before: [] };
        const { keys, args } = admitArgs(entries, keyOf);
        return admitResult(await run(admit, keys, args));
      }),
    addMany: (entries: readonly AddEntry[]) =>
      guarded('addMany', async () => {
        if (entries.length === 0) return;
        const args = entries.flatMap((entry) => [numberArg(entry.delta), ttlArg(entry.ttlMs), entry.seed === undefined ? '' : numberArg(entry.seed)]);
        await run(addMany, entries.map((entry) => keyOf(entry.key)), args);
      }),
  };
}
