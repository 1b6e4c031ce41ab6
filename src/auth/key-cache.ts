// The in-memory cache of resolved virtual keys by hash, so warm requests never query the database:
// bounded (least recently used leaves first), with a TTL as a safety net, a short bounded memory of
// unknown hashes, and eviction by invalidation topic. Deciding whether a key may pass is not here.

import type { VirtualKeyPrincipal } from './principal.js';

/** Invalidation topics, each carrying the changed record's id. */
export const keyCacheTopics = ['key', 'user', 'team', 'organization'] as const;
export type KeyCacheTopic = (typeof keyCacheTopics)[number];

/** The subscribing half of shared-state's InvalidationBus, which any bus satisfies. */
export interface InvalidationSubscriber {
  /** Returns an unsubscribe function. */
  subscribe(topic: string, handler: (id: string) => void): () => void;
}

export interface CachedKey {
  readonly principal: VirtualKeyPrincipal;
  /** Which of the key's hashes the secret matched: the previous one is valid only in its grace period. */
  readonly matched: 'current' | 'previous';
}

export interface KeyCacheOptions {
  readonly now: () => number;
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly unknownTtlMs: number;
  readonly maxUnknownEntries: number;
}

export interface KeyCache {
  /** The cached key, `'unknown'` for a recently unknown hash, or undefined when not cached. */
  get(hash: string): CachedKey | 'unknown' | undefined;
  set(hash: string, value: CachedKey): void;
  setUnknown(hash: string): void;
  delete(hash: string): void;
  /** Drops every entry that references the record `id` under `topic`. */
  evict(topic: KeyCacheTopic, id: string): void;
  /** Changes whenever an eviction happens: a lookup started before a change must not be cached. */
  readonly generation: () => number;
  readonly size: () => { readonly keys: number; readonly unknown: number };
  /** Subscribes to every topic on the bus; returns the unsubscribe function. */
  listen(bus: InvalidationSubscriber): () => void;
}

interface Entry extends CachedKey {
  readonly expiresAtMs: number;
  readonly refs: readonly string[];
}

function refsOf(principal: VirtualKeyPrincipal): string[] {
  const { key, user, team, organization } = principal;
  const refs = new Set([`key:${key.id}`]);
  const add = (topic: KeyCacheTopic, ids: ReadonlyArray<string | null | undefined>): void => {
    for (const id of ids) if (typeof id === 'string') refs.add(`${topic}:${id}`);
  };
  add('user', [key.userId, user?.id]);
  add('team', [key.teamId, team?.id]);
  add('organization', [key.organizationId, team?.organizationId, organization?.id]);
  return [...refs];
}

export function createKeyCache(options: KeyCacheOptions): KeyCache {
  const entries = new Map<string, Entry>();
  const unknown = new Map<string, number>();
  const byRef = new Map<string, Set<string>>();
  let generation = 0;

  const remove = (hash: string): void => {
    const entry = entries.get(hash);
    if (entry === undefined) return;
    entries.delete(hash);
    for (const ref of entry.refs) {
      const hashes = byRef.get(ref);
      hashes?.delete(hash);
      if (hashes?.size === 0) byRef.delete(ref);
    }
  };

  const evict = (topic: KeyCacheTopic, id: string): void => {
    generation += 1;
    // A new or changed key may now match a hash remembered as unknown.
    if (topic === 'key') unknown.clear();
    for (const hash of [...(byRef.get(`${topic}:${id}`) ?? [])]) remove(hash);
  };

  return {
    get(hash) {
      const entry = entries.get(hash);
      if (entry !== undefined) {
        if (entry.expiresAtMs <= options.now()) remove(hash);
        else {
          // Re-inserting keeps the Map in least-recently-used order.
          entries.delete(hash);
          entries.set(hash, entry);
          return entry;
        }
      }
      const unknownUntilMs = unknown.get(hash);
      if (unknownUntilMs === undefined) return undefined;
      if (unknownUntilMs > options.now()) return 'unknown';
      unknown.delete(hash);
      return undefined;
    },
    set(hash, value) {
      remove(hash);
      unknown.delete(hash);
      const refs = refsOf(value.principal);
      entries.set(hash, { ...value, expiresAtMs: options.now() + options.ttlMs, refs });
      for (const ref of refs) {
        const hashes = byRef.get(ref) ?? new Set<string>();
        hashes.add(hash);
        byRef.set(ref, hashes);
      }
      while (entries.size > options.maxEntries) remove(entries.keys().next().value as string);
    },
    setUnknown(hash) {
      unknown.delete(hash);
      unknown.set(hash, options.now() + options.unknownTtlMs);
      while (unknown.size > options.maxUnknownEntries) unknown.delete(unknown.keys().next().value as string);
    },
    delete: remove,
    evict,
    generation: () => generation,
    size: () => ({ keys: entries.size, unknown: unknown.size }),
    listen(bus) {
      const unsubscribers = keyCacheTopics.map((topic) => bus.subscribe(topic, (id) => evict(topic, id)));
      return () => {
        for (const unsubscribe of unsubscribers) unsubscribe();
      };
    },
  };
}
