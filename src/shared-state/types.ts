// Fast state shared by every instance: counters with expiry (rate limits, budgets, parallel
// requests) and invalidation messages (key cache). In-process when alone; Redis when several
// instances run. Both implementations pass one contract suite.

export interface SharedCounters {
  /** Adds `delta` (may be negative) to `key` and returns the new value. A new key expires `ttlMs` after its first write. */
  add(key: string, delta: number, ttlMs: number): Promise<number>;
  /** Current values (0 for missing or expired keys), in the order asked. */
  getMany(keys: readonly string[]): Promise<number[]>;
  /**
   * Adds each delta only if no resulting value exceeds its limit; all or nothing. Returns the
   * index of the first counter that would exceed its limit, or -1 when all were added.
   */
  addIfWithin(entries: readonly CounterEntry[]): Promise<number>;
  /** Sets `key` to `value` only if it does not exist yet (seeding from the database). */
  seed(key: string, value: number, ttlMs: number): Promise<void>;
  /**
   * One request's admission as one atomic step (one round trip on Redis): seeds the entries that
   * carry a `seed`, reads every value, then adds all deltas only if none would exceed its limit
   * (a limit lowered by the current value of its `limitLessKey`). Seeds stay even when refused.
   */
  admit(entries: readonly AdmitEntry[]): Promise<AdmitResult>;
  /** Seeds (where given) and adds each entry, in order, as one step. */
  addMany(entries: readonly AddEntry[]): Promise<void>;
}

export interface AddEntry {
  readonly key: string;
  readonly delta: number;
  readonly ttlMs: number;
  /** Written first when the key does not exist. */
  readonly seed?: number;
}

export interface AdmitEntry extends CounterEntry {
  /** Written first when the key does not exist (a budget counter started from the database's spend). */
  readonly seed?: number;
  /** A counter whose current value (when positive) is taken off this entry's limit. */
  readonly limitLessKey?: string;
}

export interface AdmitResult {
  /** -1 when every delta was added; else the index of the first entry over its limit (nothing added). */
  readonly refused: number;
  /** Each entry's value before the deltas (after seeding), in order. */
  readonly before: readonly number[];
}

export interface CounterEntry {
  readonly key: string;
  readonly delta: number;
  readonly limit: number;
  readonly ttlMs: number;
}

export interface InvalidationBus {
  /** Tells every instance (this one included) that `id` under `topic` changed. */
  publish(topic: string, id: string): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(topic: string, handler: (id: string) => void): () => void;
}

export interface SharedState {
  readonly counters: SharedCounters;
  readonly bus: InvalidationBus;
  close(): Promise<void>;
}
