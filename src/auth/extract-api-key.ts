// Finds the API key a client sent: `Authorization: Bearer <key>` (OpenAI SDKs), `api-key` (Azure
// clients) or `x-api-key` (Anthropic SDKs), the first non-empty in that order. Whether the key is
// valid is authenticate.ts's concern.

import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';

/** Longest header value read as a credential; anything longer is refused before any work. */
export const MAX_CREDENTIAL_HEADER_LENGTH = 1024;
const BEARER = /^bearer(?:[ \t]+(.*))?$/is;
/** Keys are visible ASCII: no spaces, control characters or anything outside ASCII. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * The key, or undefined when none was sent. A malformed value (no Bearer scheme, control
 * characters, too long) throws `invalid_api_key`: it was sent, and it is not a valid key.
 */
export function extractApiKey(headers: IncomingHttpHeaders): string | undefined {
  return bearerToken(headers.authorization) ?? plainKey(headers['api-key'], 'api-key') ?? plainKey(headers['x-api-key'], 'x-api-key');
}

function bearerToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = checkedValue(value, 'Authorization');
  if (trimmed === '') return undefined;
  const match = BEARER.exec(trimmed);
  if (match === null) throw malformed('Authorization header without the Bearer scheme');
  return checkedKey(match[1]?.trim() ?? '', 'Authorization');
}

function plainKey(value: string | string[] | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw malformed(`${name} header sent more than once`);
  return checkedKey(checkedValue(value, name), name);
}

function checkedValue(value: string, name: string): string {
  if (value.length > MAX_CREDENTIAL_HEADER_LENGTH) throw malformed(`${name} header longer than ${MAX_CREDENTIAL_HEADER_LENGTH} characters`);
  return value.trim();
}

function checkedKey(key: string, name: string): string | undefined {
  if (key === '') return undefined;
  if (!VISIBLE_ASCII.test(key)) throw malformed(`${name} key with spaces, control or non-ASCII characters`);
  return key;
}

function malformed(detail: string): GatewayError {
  return new GatewayError('invalid_api_key', { detail });
}
