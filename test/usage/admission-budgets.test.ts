// Budget admission: refusals at every level with nothing counted, reservations that bound a burst,
// settling estimates to actual cost, period rollover on an injected clock, soft budgets, the master key.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGatewayError } from '../../src/errors/gateway-error.js';
import { createInProcessState } from '../../src/shared-state/in-process-state.js';
import { admitRequest } from '../../src/usage/admission.js';
import type { BudgetSubject } from '../../src/usage/admission-checks.js';
import { T0, budgetSpendUsd, kinds, levels, spy, subject } from './admission-fixtures.js';

const estimate = (costUsd: number, totalTokens = 100): { costUsd: number; totalTokens: number } => ({ costUsd, totalTokens });

function freshCounters(now = (): number => T0): ReturnType<typeof spy> {
  return spy(createInProcessState({ now }).counters);
}

function admit(spied: ReturnType<typeof spy>, subjects: readonly BudgetSubject[], costUsd: number, nowMs = T0): ReturnType<typeof admitRequest> {
  return admitRequest(spied.counters, { subjects, estimate: estimate(costUsd), nowMs });
}

describe('budget admission', () => {
  for (const kind of kinds) {
    it(`refuses when the ${kind} budget is spent, naming it, and counts nothing`, async () => {
      const spied = freshCounters();
      const limits = { rpmLimit: 100, tpmLimit: 100_000, maxParallelRequests: 10 };
      const subjects = levels(kind, { budget: { maxBudget: 1 }, limits }, { limits });
      const first = await admit(spied, subjects, 0.1);
      await first.settle({ costUsd: 1, totalTokens: 100 }, T0);
      const before = await spied.snapshot();

      const refusal = await admit(spied, subjects, 0.1).then(() => undefined, (error: unknown) => error);
      assert.ok(isGatewayError(refusal), 'a GatewayError');
      assert.equal(refusal.code, 'budget_exceeded');
      assert.equal(refusal.status, 429);
      assert.equal(refusal.retryable, false);
      const level = kind === 'organization' ? 'organisation' : kind;
      assert.match(refusal.message, new RegExp(`this ${level}: .*maximum of \\$1\\.00`));
      const after = await spied.snapshot();
      assert.deepEqual(after, { ...Object.fromEntries(Object.keys(after).map((name) => [name, 0])), ...before });
    });
  }

  it('refuses a zero-cost request once spend reaches the maximum exactly', async () => {
    const spied = freshCounters();
    const subjects = [subject('key', { budget: { maxBudget: 2, spend: 2 } })];
    await assert.rejects(admit(spied, subjects, 0), { code: 'budget_exceeded' });
  });

  it('lets a burst of 20 concurrent requests through only as far as reservations cover, bounding the overshoot', async () => {
    const spied = freshCounters();
    const maxBudget = 0.1;
    const estimated = 0.03;
    const actual = 0.05;
    const subjects = [subject('team', { budget: { maxBudget } })];
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => admit(spied, subjects, estimated)));
    const admitted = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    assert.equal(admitted.length, 3, 'three reservations of $0.03 fit under $0.10, a fourth would reach it');

    await Promise.all(admitted.map((admission) => admission.settle({ costUsd: actual, totalTokens: 100 }, T0)));
    const spend = await budgetSpendUsd(spied, 'team');
    assert.ok(Math.abs(spend - admitted.length * actual) < 1e-9, `spend is the actual cost (${spend})`);
    // The documented bound: the maximum plus, for each request in flight, its actual minus its estimate.
    assert.ok(spend <= maxBudget + admitted.length * (actual - estimated) + 1e-9);
    await assert.rejects(admit(spied, subjects, 0), { code: 'budget_exceeded' });
  });

  it('frees the unused part of a reservation when a request settles, failures at zero cost included', async () => {
    const spied = freshCounters();
    const subjects = [subject('key', { budget: { maxBudget: 0.1 } })];
    const first = await admit(spied, subjects, 0.06);
    await assert.rejects(admit(spied, subjects, 0.06), { code: 'budget_exceeded' });
    await first.settle({ costUsd: 0, totalTokens: 0 }, T0);
    const second = await admit(spied, subjects, 0.06);
    await second.settle({ costUsd: 0.02, totalTokens: 10 }, T0);
    assert.ok(Math.abs((await budgetSpendUsd(spied, 'key')) - 0.02) < 1e-9);
  });

  it('charges a settled request once, however often settle is called', async () => {
    const spied = freshCounters();
    const subjects = [subject('user', { budget: { maxBudget: 10 } })];
    const admission = await admit(spied, subjects, 0.5);
    await Promise.all([admission.settle({ costUsd: 1, totalTokens: 1 }, T0), admission.settle({ costUsd: 1, totalTokens: 1 }, T0)]);
    await admission.settle({ costUsd: 3, totalTokens: 1 }, T0);
    assert.ok(Math.abs((await budgetSpendUsd(spied, 'user')) - 1) < 1e-9);
  });

  it('starts the counter from the persisted spend', async () => {
    const spied = freshCounters();
    const subjects = [subject('organization', { budget: { maxBudget: 5, spend: 4.95 } })];
    await assert.rejects(admit(spied, subjects, 0.1), { code: 'budget_exceeded' });
    const admission = await admit(spied, subjects, 0.04);
    await admission.settle({ costUsd: 0.04, totalTokens: 1 }, T0);
    assert.ok(Math.abs((await budgetSpendUsd(spied, 'organization')) - 4.99) < 1e-9);
  });
});

describe('budget periods in admission', () => {
  const hourMs = 3_600_000;
  const dayMs = 24 * hourMs;
  const resetAt = T0 + hourMs;
  const stale = { maxBudget: 1, budgetDuration: '1d', budgetResetAt: new Date(resetAt).toISOString(), spend: 0.99 };

  it('refuses until the period ends, then starts the next period at 0 even before the store resets it', async () => {
    let nowMs = T0;
    const spied = freshCounters(() => nowMs);
    const subjects = [subject('key', { budget: stale })];
    const refusal = await admit(spied, subjects, 0.02, nowMs).catch((error: unknown) => error);
    assert.ok(isGatewayError(refusal));
    assert.match(refusal.message, new RegExp(`resets at ${new Date(resetAt).toISOString()}`));

    nowMs = resetAt + 1;
    const admission = await admit(spied, subjects, 0.5, nowMs);
    await admission.settle({ costUsd: 0.5, totalTokens: 1 }, nowMs);
  });

  it('keeps counting the new period across the moment the store persists its reset', async () => {
    let nowMs = resetAt + 1;
    const spied = freshCounters(() => nowMs);
    const early = await admit(spied, [subject('key', { budget: stale })], 0.5, nowMs);
    await early.settle({ costUsd: 0.5, totalTokens: 1 }, nowMs);

    nowMs += 1000;
    const persisted = { ...stale, budgetResetAt: new Date(resetAt + dayMs).toISOString(), spend: 0 };
    await assert.rejects(admit(spied, [subject('key', { budget: persisted })], 0.6, nowMs), { code: 'budget_exceeded' });
    await admit(spied, [subject('key', { budget: persisted })], 0.4, nowMs);
  });
});

describe('soft budgets', () => {
  it('reports the level once spend with the reservation reaches it, and flags the crossing request', async () => {
    const spied = freshCounters();
    const subjects = [subject('key'), subject('team', { budget: { softBudget: 0.5, spend: 0.45 } })];
    const below = await admit(spied, subjects, 0.01);
    assert.deepEqual(below.softBudget, []);
    const crossing = await admit(spied, subjects, 0.1);
    assert.equal(crossing.softBudget.length, 1);
    assert.deepEqual({ ...crossing.softBudget[0], spendUsd: undefined }, { kind: 'team', id: 'team-1', softBudgetUsd: 0.5, spendUsd: undefined, crossedNow: true });
    const over = await admit(spied, subjects, 0.01);
    assert.equal(over.softBudget[0]?.crossedNow, false);
    assert.ok(Math.abs((over.softBudget[0]?.spendUsd ?? 0) - 0.57) < 1e-9);
  });
});

describe('requests without limits', () => {
  it('skips the shared counters entirely for the master key and for subjects without limits', async () => {
    const spied = freshCounters();
    for (const subjects of [[], [subject('key'), subject('team')]]) {
      const admission = await admit(spied, subjects, 5);
      assert.deepEqual(admission.headers(), {});
      assert.deepEqual(admission.softBudget, []);
      await admission.settle({ costUsd: 5, totalTokens: 10 });
    }
    assert.equal(spied.calls(), 0);
  });
});
