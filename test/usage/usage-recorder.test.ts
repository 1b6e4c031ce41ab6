// The usage recorder: rows are buffered and written in batches off the hot path, a failing sink is
// retried until the rows land, a full buffer drops its oldest rows and says so, close writes all.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UsageRecord } from '../../src/store/records.js';
import { createUsageRecorder } from '../../src/usage/usage-recorder.js';
import type { UsageLogFields, UsageSink } from '../../src/usage/usage-recorder.js';

function row(index: number): UsageRecord {
  return {
    requestId: `req-${index}`, startedAt: '2025-01-01T00:00:00.000Z', endedAt: '2025-01-01T00:00:01.000Z',
    keyId: 'key-1', userId: null, teamId: null, organizationId: null, route: '/v1/chat/completions', modelGroup: 'gpt-4o',
    deploymentId: 'd1', provider: 'openai', region: null, promptTokens: 10, completionTokens: 5, cachedTokens: 0, totalTokens: 15,
    costUsd: 0.0001, latencyMs: 1000, ttftMs: null, stream: false, status: 'success', httpStatus: 200, errorCode: null,
  };
}

interface FakeSink extends UsageSink {
  readonly batches: string[][];
  attempts: number;
  /** The next this-many writes fail. */
  failNext: number;
  /** Resolves once `count` rows in all have been written. */
  written(count: number): Promise<void>;
}

function fakeSink(): FakeSink {
  const waiters: { count: number; resolve: () => void }[] = [];
  const total = (): number => sink.batches.reduce((sum, batch) => sum + batch.length, 0);
  const sink: FakeSink = {
    batches: [],
    attempts: 0,
    failNext: 0,
    writeBatch(records) {
      sink.attempts += 1;
      if (sink.failNext > 0) {
        sink.failNext -= 1;
        return Promise.reject(new Error('database unavailable'));
      }
      sink.batches.push(records.map((record) => record.requestId));
      for (const waiter of waiters.filter((candidate) => total() >= candidate.count)) waiter.resolve();
      return Promise.resolve();
    },
    written: (count) => (total() >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
  };
  return sink;
}

function logCollector(): { lines: { message: string; fields: UsageLogFields }[]; log: (message: string, fields: UsageLogFields) => void } {
  const lines: { message: string; fields: UsageLogFields }[] = [];
  return { lines, log: (message, fields) => void lines.push({ message, fields }) };
}

const ids = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, offset) => `req-${from + offset}`);

describe('usage recorder', () => {
  it('returns from record at once and writes full batches in order, off the hot path', async () => {
    const sink = fakeSink();
    const recorder = createUsageRecorder({ sink, maxBatch: 3, flushIntervalMs: 60_000 });
    for (let index = 1; index <= 7; index += 1) recorder.record(row(index));
    assert.equal(sink.attempts, 0, 'nothing is written while the caller is still running');
    await sink.written(6);
    await recorder.close();
    assert.deepEqual(sink.batches, [ids(1, 3), ids(4, 6), ids(7, 7)]);
  });

  it('writes a partial batch once the flush interval has passed', async () => {
    const sink = fakeSink();
    const recorder = createUsageRecorder({ sink, maxBatch: 100, flushIntervalMs: 5 });
    recorder.record(row(1));
    recorder.record(row(2));
    await sink.written(2);
    assert.deepEqual(sink.batches, [ids(1, 2)]);
    await recorder.close();
  });

  it('writes everything on close, however long the interval', async () => {
    const sink = fakeSink();
    const recorder = createUsageRecorder({ sink, maxBatch: 2, flushIntervalMs: 3_600_000 });
    recorder.record(row(1));
    await recorder.flush();
    recorder.record(row(2));
    recorder.record(row(3));
    recorder.record(row(4));
    await recorder.close();
    assert.deepEqual(sink.batches.flat(), ids(1, 4));
    assert.equal(recorder.pendingCount(), 0);
  });

  it('keeps the rows of a failed write and retries them with backoff until they land, in order, once', async () => {
    const sink = fakeSink();
    const { lines, log } = logCollector();
    const recorder = createUsageRecorder({ sink, maxBatch: 10, flushIntervalMs: 60_000, retryBaseDelayMs: 1, retryMaxDelayMs: 4, log });
    sink.failNext = 2;
    recorder.record(row(1));
    recorder.record(row(2));
    await assert.rejects(recorder.flush(), /database unavailable/);
    assert.equal(recorder.pendingCount(), 2);
    recorder.record(row(3));
    await sink.written(3);
    assert.deepEqual(sink.batches.flat(), ids(1, 3));
    assert.deepEqual(sink.batches, [ids(1, 3)], 'after two failed writes, one write carried every row');
    assert.equal(sink.attempts, 3);
    assert.equal(lines.filter((line) => line.message.includes('will retry')).length, 2);
    await recorder.close();
  });

  it('drops the oldest rows when the buffer is full while the sink fails, and logs how many', async () => {
    const sink = fakeSink();
    const { lines, log } = logCollector();
    const recorder = createUsageRecorder({ sink, maxBatch: 2, maxBufferedRecords: 5, flushIntervalMs: 60_000, retryBaseDelayMs: 60_000, log });
    sink.failNext = 1;
    recorder.record(row(1));
    recorder.record(row(2));
    await assert.rejects(recorder.flush());
    for (let index = 3; index <= 8; index += 1) recorder.record(row(index));
    assert.equal(recorder.pendingCount(), 5);
    await recorder.close();
    assert.deepEqual(sink.batches.flat(), ids(4, 8));
    const drops = lines.filter((line) => line.message.includes('dropped'));
    assert.deepEqual(drops.map((line) => line.fields.dropped), [3]);
  });

  it('rejects close after its attempts when the sink keeps failing, saying how many rows were lost', async () => {
    const sink = fakeSink();
    const { lines, log } = logCollector();
    const recorder = createUsageRecorder({ sink, flushIntervalMs: 60_000, retryBaseDelayMs: 1, closeAttempts: 2, log });
    sink.failNext = Number.POSITIVE_INFINITY;
    recorder.record(row(1));
    recorder.record(row(2));
    await assert.rejects(recorder.close(), /2 usage rows could not be written/);
    assert.equal(sink.attempts, 2);
    assert.deepEqual(lines.filter((line) => line.message.includes('lost')).map((line) => line.fields.rows), [2]);
    recorder.record(row(3));
    assert.ok(lines.some((line) => line.message.includes('after close')), 'a row after close is not dropped silently');
  });

  it('refuses settings that cannot work', () => {
    const sink = fakeSink();
    assert.throws(() => createUsageRecorder({ sink, maxBatch: 0 }), RangeError);
    assert.throws(() => createUsageRecorder({ sink, maxBatch: 10, maxBufferedRecords: 5 }), RangeError);
  });
});
