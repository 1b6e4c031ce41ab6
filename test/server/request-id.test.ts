// Request ids Gatehouse makes: valid UUIDs of version 7 whose text order is their time order, so
// the usage table's primary key grows at its end.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newRequestId } from '../../src/server/request-id.js';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newRequestId', () => {
  it('makes version 7 UUIDs carrying the time, distinct within a millisecond', () => {
    const at = Date.UTC(2026, 10, 23, 12, 0, 0);
    const ids = Array.from({ length: 100 }, () => newRequestId(at));
    for (const id of ids) assert.match(id, uuidV7);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(parseInt(ids[0]!.slice(0, 8) + ids[0]!.slice(9, 13), 16), at);
  });

  it('sorts by time as text', () => {
    const times = [0, 1, 999, 1_000, Date.UTC(2001, 0, 1), Date.UTC(2026, 10, 23), Date.UTC(2100, 0, 1)];
    const ids = times.map((ms) => newRequestId(ms));
    assert.deepEqual([...ids].sort(), ids);
  });
});
