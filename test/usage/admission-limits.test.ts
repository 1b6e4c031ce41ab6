// Rate-limit admission at every level: requests and tokens per minute, parallel requests, with
// Retry-After until the window frees, nothing counted on refusal, and the tightest level's headers.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGatewayError } from '../../src/errors/gateway-error.js';
import type { GatewayError } from '../../src/errors/gateway-error.js';
import { createInProcessState } from '../../src/shared-state/in-process-state.js';
import { admitRequest } from '../../src/usage/admission.js';
import type { Admission } from '../../src/usage/admission.js';
import { PARALLEL_BUCKET_MS } from '../../src/usage/admission-checks.js';
import type { BudgetSubject } from '../../src/usage/admission-checks.js';
import { T0, kinds, levels, spy, subject } from './admission-fixtures.js';

/** Counters whose expiry clock moves to each instant a test admits or settles at. */
function harness(): {
  spied: ReturnType<typeof spy>;
  admit(subjects: readonly BudgetSubject[], atMs: number, totalTokens?: number): Promise<Admission>;
  settle(admission: Admission, atMs: number, totalTokens?: number): Promise<void>;
} {
  let nowMs = T0;
  const spied = spy(createInProcessState({ now: () => nowMs }).counters);
  return {
    spied,
    admit(subjects, atMs, totalTokens = 100) {
      nowMs = atMs;
      return admitRequest(spied.counters, { subjects, estimate: { costUsd: 0, totalTokens }, nowMs: atMs });
    },
    settle(admission, atMs, totalTokens = 0) {
      nowMs = atMs;
      return admission.settle({ costUsd: 0, totalTokens }, atMs);
    },
  };
}

async function refusalOf(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  assert.ok(isGatewayError(error), 'refused with a GatewayError');
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.status, 429);
  return error;
}

describe('requests per minute', () => {
  for (const kind of kinds) {
    it(`refuses the ${kind}'s third request in a minute of 2, until the next minute, counting nothing`, async () => {
      const { spied, admit } = harness();
      const subjects = levels(kind, { limits: { rpmLimit: 2 } }, { limits: { rpmLimit: 100, tpmLimit: 10_000, maxParallelRequests: 100 } });
      await admit(subjects, T0 + 1000);
      await admit(subjects, T0 + 2000);
      const before = await spied.snapshot();
      const error = await refusalOf(admit(subjects, T0 + 20_000));
      assert.equal(error.retryAfterS, 40);
      assert.match(error.message, new RegExp(`this ${kind === 'organization' ? 'organisation' : kind}: 2 requests per minute`));
      assert.deepEqual(await spied.snapshot(), before);
      await admit(subjects, T0 + 60_000);
    });
  }
});

describe('tokens per minute', () => {
  for (const kind of kinds) {
    it(`reserves the ${kind}'s estimated tokens and corrects them to the actual count on settle`, async () => {
      const { admit, settle } = harness();
      const subjects = levels(kind, { limits: { tpmLimit: 1000 } });
      const first = await admit(subjects, T0 + 1000, 600);
      const error = await refusalOf(admit(subjects, T0 + 30_500, 600));
      assert.equal(error.retryAfterS, 30);
      assert.match(error.message, /1000 tokens per minute/);
      await settle(first, T0 + 31_000, 100);
      await admit(subjects, T0 + 31_000, 600);
      await refusalOf(admit(subjects, T0 + 32_000, 301));
    });
  }

  it('tells a request estimated above the whole limit to lower max_tokens', async () => {
    const { admit } = harness();
    const error = await refusalOf(admit([subject('key', { limits: { tpmLimit: 1000 } })], T0, 4000));
    assert.match(error.message, /estimated at 4000 tokens: lower max_tokens/);
  });

  it('leaves the next minute alone when a request settles after its own minute ended', async () => {
    const { admit, settle } = harness();
    const subjects = [subject('key', { limits: { tpmLimit: 1000 } })];
    const late = await admit(subjects, T0 + 59_000, 900);
    await admit(subjects, T0 + 60_000, 900);
    await settle(late, T0 + 61_000, 0);
    await refusalOf(admit(subjects, T0 + 62_000, 200));
  });
});

describe('parallel requests', () => {
  for (const kind of kinds) {
    it(`holds the ${kind} to its parallel limit until a request settles, once per request`, async () => {
      const { admit, settle } = harness();
      const subjects = levels(kind, { limits: { maxParallelRequests: 2 } });
      const first = await admit(subjects, T0);
      await admit(subjects, T0);
      const error = await refusalOf(admit(subjects, T0));
      assert.equal(error.retryAfterS, 1);
      assert.match(error.message, /at most 2 at a time/);
      await settle(first, T0 + 1, 0);
      await settle(first, T0 + 2, 0);
      await admit(subjects, T0 + 3);
      await refusalOf(admit(subjects, T0 + 4));
    });
  }

  it('still counts requests started just before the counters rotate', async () => {
    const { admit, settle } = harness();
    const subjects = [subject('key', { limits: { maxParallelRequests: 2 } })];
    const boundary = T0 + PARALLEL_BUCKET_MS;
    const old = await admit(subjects, boundary - 1000);
    await admit(subjects, boundary - 500);
    await refusalOf(admit(subjects, boundary + 1000));
    await settle(old, boundary + 1500, 0);
    await admit(subjects, boundary + 2000);
  });
});

describe('rate-limit headers', () => {
  it('describe the level with the least left, for requests and tokens apart', async () => {
    const { admit } = harness();
    const subjects = [
      subject('key', { limits: { rpmLimit: 100, tpmLimit: 5000 } }),
      subject('team', { limits: { rpmLimit: 10, tpmLimit: 100_000 } }),
    ];
    await admit(subjects, T0);
    const admission = await admit(subjects, T0 + 1, 1200);
    assert.deepEqual(admission.headers(), {
      'x-ratelimit-limit-requests': '10',
      'x-ratelimit-remaining-requests': '8',
      'x-ratelimit-limit-tokens': '5000',
      'x-ratelimit-remaining-tokens': '3700',
    });
  });

  it('leave out what no level limits', async () => {
    const { admit } = harness();
    const admission = await admit([subject('key', { limits: { maxParallelRequests: 3 } })], T0);
    assert.deepEqual(admission.headers(), {});
  });
});
