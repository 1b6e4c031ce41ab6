// Writes usage records in batches, off the hot path: `record` only buffers; a timer or a full batch
// triggers a write; a failed write is retried with backoff; a full buffer drops its oldest rows and
// logs how many. What a record holds is build-usage-record.ts's concern; where it goes, the sink's.

import type { UsageRecord } from '../store/records.js';

/** Where batches go: the store's usage repository. What the write resolves to is not used. */
export interface UsageSink {
  writeBatch(records: readonly UsageRecord[]): Promise<unknown>;
}

export type UsageLogFields = Record<string, string | number | boolean | null | undefined>;

export interface UsageRecorderOptions {
  readonly sink: UsageSink;
  /** Longest a recorded row waits before a write starts. Default 1000. */
  readonly flushIntervalMs?: number;
  /** Rows per write; a full batch is written without waiting for the interval. Default 500. */
  readonly maxBatch?: number;
  /** Rows held while the sink fails; beyond it the oldest are dropped (and logged). Default 50 000. */
  readonly maxBufferedRecords?: number;
  /** First retry delay after a failed write, doubled per failure up to `retryMaxDelayMs`. Default 1000. */
  readonly retryBaseDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** Writes `close` attempts before giving up on the rows left (and logging how many). Default 3. */
  readonly closeAttempts?: number;
  /** Error lines: failed writes, dropped rows. Facts only; records never carry content. */
  readonly log?: (message: string, fields: UsageLogFields) => void;
}

export interface UsageRecorder {
  /** Buffers one row and returns at once; never throws, never waits. */
  record(record: UsageRecord): void;
  /** Writes every buffered row now; rejects (keeping the rows, retry scheduled) when the sink fails. */
  flush(): Promise<void>;
  /**
   * Stops the timers and writes everything; rejects, after logging how many rows were lost, if it
   * cannot. Until then a pending write keeps the process alive, so rows are not lost on a natural exit.
   */
  close(): Promise<void>;
  /** Rows recorded but not written yet. */
  pendingCount(): number;
}

export function createUsageRecorder(options: UsageRecorderOptions): UsageRecorder {
  const settings = settingsOf(options);
  const { sink, maxBatch, maxBufferedRecords } = settings;
  const log = options.log ?? (() => undefined);
  let buffer: UsageRecord[] = [];
  let writing = 0;
  let failures = 0;
  let dropped = 0;
  let closed = false;
  let closing: Promise<void> | undefined;
  let queue: Promise<void> = Promise.resolve();
  let timer: { handle: NodeJS.Timeout; dueMs: number } | undefined;

  const backoffMs = (attempt: number): number => {
    const capped = Math.min(settings.retryMaxDelayMs, settings.retryBaseDelayMs * 2 ** (attempt - 1));
    return Math.round(capped * (0.5 + Math.random() / 2));
  };

  const clearTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer.handle);
    timer = undefined;
  };

  /** Runs a write after `delayMs`, unless one is due sooner (or `force` says to replace it). */
  const schedule = (delayMs: number, force = false): void => {
    const dueMs = Date.now() + delayMs;
    if (closed || (timer !== undefined && !force && timer.dueMs <= dueMs)) return;
    clearTimer();
    const handle = setTimeout(() => {
      timer = undefined;
      drainInTurn().catch(() => undefined);
    }, delayMs);
    timer = { handle, dueMs };
  };

  const dropOverflow = (): void => {
    const excess = buffer.length + writing - maxBufferedRecords;
    if (excess <= 0) return;
    buffer.splice(0, excess);
    dropped += excess;
  };

  const reportDrops = (): void => {
    if (dropped === 0) return;
    log('usage buffer full: oldest rows dropped', { dropped, maxBufferedRecords });
    dropped = 0;
  };

  const drain = async (): Promise<void> => {
    reportDrops();
    while (buffer.length > 0) {
      const batch = buffer.splice(0, maxBatch);
      writing = batch.length;
      try {
        await sink.writeBatch(batch);
      } catch (error) {
        writing = 0;
        buffer = batch.concat(buffer);
        dropOverflow();
        failures += 1;
        const retryInMs = backoffMs(failures);
        log('usage rows could not be written; will retry', { rows: buffer.length, attempt: failures, retryInMs, error: messageOf(error) });
        schedule(retryInMs, true);
        throw error;
      }
      writing = 0;
      failures = 0;
    }
  };

  /** One drain at a time, in call order. */
  const drainInTurn = (): Promise<void> => {
    const run = queue.then(drain);
    queue = run.catch(() => undefined);
    return run;
  };

  const closeNow = async (): Promise<void> => {
    closed = true;
    clearTimer();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await drainInTurn();
        return;
      } catch (error) {
        if (attempt >= settings.closeAttempts) {
          reportDrops();
          const lost = buffer.length;
          buffer = [];
          log('usage rows lost at shutdown: the sink kept failing', { rows: lost, error: messageOf(error) });
          throw new Error(`${lost} usage rows could not be written`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
      }
    }
  };

  return {
    record(record) {
      if (closed) {
        log('usage row recorded after close: dropped', { rows: 1 });
        return;
      }
      buffer.push(record);
      dropOverflow();
      if (failures > 0) return; // a retry is already scheduled
      schedule(buffer.length >= maxBatch ? 0 : settings.flushIntervalMs);
    },
    flush: drainInTurn,
    close() {
      closing ??= closeNow();
      return closing;
    },
    pendingCount: () => buffer.length + writing,
  };
}

function settingsOf(options: UsageRecorderOptions): Required<Omit<UsageRecorderOptions, 'log'>> {
  const settings = {
    sink: options.sink,
    flushIntervalMs: options.flushIntervalMs ?? 1000,
    maxBatch: options.maxBatch ?? 500,
    maxBufferedRecords: options.maxBufferedRecords ?? 50_000,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 1000,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 30_000,
    closeAttempts: options.closeAttempts ?? 3,
  };
  const { maxBatch, maxBufferedRecords, closeAttempts } = settings;
  if (!Number.isSafeInteger(maxBatch) || maxBatch < 1) throw new RangeError('maxBatch must be a positive integer');
  if (!Number.isSafeInteger(maxBufferedRecords) || maxBufferedRecords < maxBatch) throw new RangeError('maxBufferedRecords must be an integer of at least maxBatch');
  if (!Number.isSafeInteger(closeAttempts) || closeAttempts < 1) throw new RangeError('closeAttempts must be a positive integer');
  return settings;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
