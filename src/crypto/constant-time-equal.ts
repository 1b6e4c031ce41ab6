// Constant-time comparison of secrets. Both sides are reduced to HMAC-SHA256 digests under a
// per-process random key first, so neither the length nor the content of a secret leaks through
// timing. Deriving or storing secrets is not this module's concern.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const COMPARISON_KEY_BYTES = 32;
const comparisonKey = randomBytes(COMPARISON_KEY_BYTES);

function digest(value: string): Buffer {
  return createHmac('sha256', comparisonKey).update(value, 'utf8').digest();
}

/** True when `a` and `b` are the same string; safe for strings of different lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** For one secret compared many times (on every request): its digest is computed once. */
export function createSecretMatcher(secret: string): (candidate: string) => boolean {
  const expected = digest(secret);
  return (candidate) => timingSafeEqual(digest(candidate), expected);
}
