// The credential memo of the sign context: concurrent callers share one load, a value is kept until
// its expiry, and a failed load is not kept (the next caller tries again).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSignContext } from '../../src/server/pipeline/sign-context.js';
import type { UpstreamClient } from '../../src/upstream/types.js';

const noUpstream: UpstreamClient = {
  send: () => Promise.reject(new Error('no upstream in this test')),
  close: () => Promise.resolve(),
};

describe('sign context memo', () => {
  it('shares one load among concurrent callers and keeps it until it expires', async () => {
    const clock = { ms: 1_000 };
    const ctx = createSignContext(noUpstream, () => clock.ms);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { value: `token-${loads}`, expiresAtMs: clock.ms + 60_000 };
    };
    assert.deepEqual(await Promise.all([ctx.memo('k', load), ctx.memo('k', load), ctx.memo('k', load)]), ['token-1', 'token-1', 'token-1']);
    clock.ms += 59_999;
    assert.equal(await ctx.memo('k', load), 'token-1');
    clock.ms += 1;
    assert.equal(await ctx.memo('k', load), 'token-2');
    assert.equal(await ctx.memo('other', load), 'token-3', 'keys are apart');
  });

  it('does not keep a failed load', async () => {
    const ctx = createSignContext(noUpstream, () => 0);
    let attempt = 0;
    const load = () => {
      attempt += 1;
      return attempt === 1 ? Promise.reject(new Error('token endpoint down')) : Promise.resolve({ value: 'fresh', expiresAtMs: 10 });
    };
    await assert.rejects(ctx.memo('k', load), /token endpoint down/);
    assert.equal(await ctx.memo('k', load), 'fresh');
  });
});
