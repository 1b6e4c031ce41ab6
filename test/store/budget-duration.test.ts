// LiteLLM budget durations: which spellings parse, where one period ends, and how a late reset
// keeps the schedule (calendar months included).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetPeriodEndAfter, nextBudgetResetAt, parseBudgetDuration } from '../../src/store/budget-duration.js';

const at = (iso: string): Date => new Date(iso);

describe('budget durations', () => {
  it('parses LiteLLM durations and refuses anything else', () => {
    assert.deepEqual(parseBudgetDuration('30s'), { count: 30, unit: 's' });
    assert.deepEqual(parseBudgetDuration('15m'), { count: 15, unit: 'm' });
    assert.deepEqual(parseBudgetDuration('24h'), { count: 24, unit: 'h' });
    assert.deepEqual(parseBudgetDuration('7d'), { count: 7, unit: 'd' });
    assert.deepEqual(parseBudgetDuration('2w'), { count: 2, unit: 'w' });
    assert.deepEqual(parseBudgetDuration(' 1mo '), { count: 1, unit: 'mo' });
    for (const text of ['', '0d', '-1d', '1.5h', 'd', '1 d', '1y', '1M', '1month', '01d', '1000000s']) {
      assert.equal(parseBudgetDuration(text), null, text);
    }
  });

  it('ends a period one duration after its start, in UTC', () => {
    const start = at('2026-03-10T12:00:00.000Z');
    assert.equal(nextBudgetResetAt('30s', start), '2026-03-10T12:00:30.000Z');
    assert.equal(nextBudgetResetAt('15m', start), '2026-03-10T12:15:00.000Z');
    assert.equal(nextBudgetResetAt('24h', start), '2026-03-11T12:00:00.000Z');
    assert.equal(nextBudgetResetAt('7d', start), '2026-03-17T12:00:00.000Z');
    assert.equal(nextBudgetResetAt('1w', start), '2026-03-17T12:00:00.000Z');
    assert.equal(nextBudgetResetAt('1mo', start), '2026-04-10T12:00:00.000Z');
    assert.equal(nextBudgetResetAt('12mo', start), '2027-03-10T12:00:00.000Z');
    assert.equal(nextBudgetResetAt('weekly', start), null);
  });

  it('clamps a month-end start to the end of a shorter month', () => {
    assert.equal(nextBudgetResetAt('1mo', at('2026-01-31T08:00:00.000Z')), '2026-02-28T08:00:00.000Z');
    assert.equal(nextBudgetResetAt('1mo', at('2028-01-31T08:00:00.000Z')), '2028-02-29T08:00:00.000Z');
    assert.equal(nextBudgetResetAt('1mo', at('2026-12-15T00:00:00.000Z')), '2027-01-15T00:00:00.000Z');
  });

  it('moves a late period end on by whole periods to the first end after now', () => {
    const now = at('2026-03-10T12:00:00.000Z');
    assert.equal(budgetPeriodEndAfter('1d', at('2026-03-07T06:00:00.000Z'), now), '2026-03-11T06:00:00.000Z');
    assert.equal(budgetPeriodEndAfter('1h', at('2026-03-10T12:00:00.000Z'), now), '2026-03-10T13:00:00.000Z', 'an end exactly now is over');
    assert.equal(budgetPeriodEndAfter('30s', at('2025-03-10T12:00:10.000Z'), now), '2026-03-10T12:00:10.000Z');
    assert.equal(budgetPeriodEndAfter('1mo', at('2026-01-31T00:00:00.000Z'), now), '2026-03-31T00:00:00.000Z', 'keeps the month-end schedule');
    assert.equal(budgetPeriodEndAfter('1mo', at('2026-03-10T12:00:00.000Z'), now), '2026-04-10T12:00:00.000Z');
    assert.equal(budgetPeriodEndAfter('3mo', at('2025-01-15T00:00:00.000Z'), now), '2026-04-15T00:00:00.000Z');
    assert.equal(budgetPeriodEndAfter('nope', at('2026-01-01T00:00:00.000Z'), now), null);
  });
});
