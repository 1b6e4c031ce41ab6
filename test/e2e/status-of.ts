// The HTTP status an OpenAI SDK call ended with: 200 when it resolved, the API error's status when
// it was refused. Anything else thrown (a network failure) fails the test.

import assert from 'node:assert/strict';
import OpenAI from 'openai';

export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    assert.ok(error instanceof OpenAI.APIError, String(error));
    return error.status ?? 0;
  }
}
