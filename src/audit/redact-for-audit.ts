// Turns a value bound for an audit row's `before` or `after` into one without secrets: fields
// named like credentials, and any string that looks like a key, become fingerprints. It does not
// decide what is worth recording; callers pass whole records and this strips what must not stay.

import { createHash } from 'node:crypto';

const fingerprintHexChars = 16;
/** Deeper values are cut rather than walked: audit payloads are records, never deep documents. */
const maxDepth = 32;

/** `fp:` plus the first 16 hex digits of the value's SHA-256: tells two secrets apart, reveals neither. */
export function auditFingerprint(secret: string): string {
  return `fp:${createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, fingerprintHexChars)}`;
}

/**
 * Field names (lower-cased, punctuation removed) that hold credentials: `api_key`, `key`,
 * `master_key`, `key_hash`, `access_token`, `client_secret`, `encrypted_secrets`, `password`, ...
 * Ids (`key_id`, `token_id`) and counts (`max_tokens`) are not secrets and stay readable.
 */
function isSecretField(name: string): boolean {
  const normalised = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/(secret|password|passwd|passphrase|credential|authorization|cookie)/.test(normalised)) return true;
  return /(key|token|keyhash|passwordhash|sessionid|signature)$/.test(normalised);
}

function looksLikeSecretString(value: string): boolean {
  return value.startsWith('sk-') || /^bearer\s/i.test(value);
}

function fingerprintValue(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  return auditFingerprint(typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));
}

function redact(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return looksLikeSecretString(value) ? auditFingerprint(value) : value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maxDepth) return '[too deep]';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item: unknown) => redact(item, depth + 1));
  const entries = Object.entries(value).map(([name, item]: [string, unknown]) => [
    name,
    isSecretField(name) ? fingerprintValue(item) : redact(item, depth + 1),
  ]);
  return Object.fromEntries(entries);
}

/** A copy of `value` (any JSON-like data) with every secret replaced by its fingerprint, at any depth. */
export function redactForAudit(value: unknown): unknown {
  return redact(value, 0);
}
