// Constant-time comparison of secrets. `constantTimeEqual` reduces both sides to HMAC-SHA256
// digests under a per-process random key first, so neither length nor content leaks through timing;
// `createSecretMatcher` is the cheaper per-request form for one long secret. Deriving or storing secrets is not this module's concern.

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

/**
 * For one secret compared on every request (the master key). The bytes are compared in constant
 * time; only whether the candidate has the secret's length can show, and that length is no secret
 * (at least 32 characters; generated keys all have the same). This skips an HMAC per request.
 */
export function createSecretMatcher(secret: string): (candidate: string) => boolean {
  const expected = Buffer.from(secret, 'utf8');
  return (candidate) => Buffer.byteLength(candidate, 'utf8') === expected.length && timingSafeEqual(Buffer.from(candidate, 'utf8'), expected);
}
