// Times are stored in `Date#toISOString()` form whatever form they arrive in, invalid ones are
// refused, and the fast path for canonical times of an already seen second changes none of that.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toIsoTime } from '../../src/store/repositories/row-values.js';

describe('toIsoTime', () => {
  it('keeps canonical times, normalises other forms, refuses invalid ones', () => {
    assert.equal(toIsoTime('2026-11-23T12:00:00.000Z', 'at'), '2026-11-23T12:00:00.000Z');
    assert.equal(toIsoTime('2026-11-23T12:00:00.123Z', 'at'), '2026-11-23T12:00:00.123Z', 'same second, other milliseconds');
    assert.equal(toIsoTime('2026-11-23T13:00:00+01:00', 'at'), '2026-11-23T12:00:00.000Z');
    assert.equal(toIsoTime(new Date(Date.UTC(2026, 10, 23, 12)), 'at'), '2026-11-23T12:00:00.000Z');
    assert.equal(toIsoTime('2026-02-30T00:00:00.000Z', 'at'), '2026-03-02T00:00:00.000Z', 'an impossible day is rolled over like Date does');
    assert.throws(() => toIsoTime('not a time', 'at'), RangeError);
  });

  it('refuses a malformed time even within an already seen second', () => {
    assert.equal(toIsoTime('2026-11-23T12:00:00.000Z', 'at'), '2026-11-23T12:00:00.000Z');
    assert.throws(() => toIsoTime('2026-11-23T12:00:00.12xZ', 'at'), RangeError);
    assert.equal(toIsoTime('2026-11-23T12:00:00.5Z', 'at'), '2026-11-23T12:00:00.500Z');
    assert.equal(toIsoTime('2026-11-23T12:00:00.000+00:00', 'at'), '2026-11-23T12:00:00.000Z');
  });
});
