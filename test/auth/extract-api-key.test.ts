import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncomingHttpHeaders } from 'node:http';
import { extractApiKey } from '../../src/auth/extract-api-key.js';
import { GatewayError } from '../../src/errors/gateway-error.js';

const key = 'sk-gh-4dK9xQ2mV7nB1cZ8wR5tY3uJ6hF0gL';

function rejectedAsInvalid(headers: IncomingHttpHeaders): void {
  assert.throws(() => extractApiKey(headers), (error: unknown) => {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.code, 'invalid_api_key');
    assert.equal(error.status, 401);
    assert.doesNotMatch(`${error.message} ${error.detail ?? ''}`, /sk-gh-/);
    return true;
  });
}

describe('extractApiKey', () => {
  it('reads Authorization: Bearer, whatever the case of the scheme and the spacing', () => {
    assert.equal(extractApiKey({ authorization: `Bearer ${key}` }), key);
    assert.equal(extractApiKey({ authorization: `bearer ${key}` }), key);
    assert.equal(extractApiKey({ authorization: `  BEARER \t ${key}  ` }), key);
  });

  it('reads api-key (Azure clients) and x-api-key (Anthropic SDKs)', () => {
    assert.equal(extractApiKey({ 'api-key': key }), key);
    assert.equal(extractApiKey({ 'x-api-key': ` ${key} ` }), key);
  });

  it('takes the first non-empty of Authorization, api-key, x-api-key', () => {
    assert.equal(extractApiKey({ authorization: `Bearer ${key}`, 'api-key': 'other', 'x-api-key': 'third' }), key);
    assert.equal(extractApiKey({ 'api-key': key, 'x-api-key': 'third' }), key);
    assert.equal(extractApiKey({ authorization: '  ', 'api-key': '', 'x-api-key': key }), key);
    assert.equal(extractApiKey({ authorization: 'Bearer ', 'x-api-key': key }), key);
  });

  it('is undefined when no key was sent', () => {
    assert.equal(extractApiKey({}), undefined);
    assert.equal(extractApiKey({ authorization: '', 'api-key': ' ', 'x-api-key': '' }), undefined);
    assert.equal(extractApiKey({ authorization: 'Bearer' }), undefined);
  });

  it('refuses a malformed credential as an invalid key, never an internal error', () => {
    rejectedAsInvalid({ authorization: `Basic ${Buffer.from(`user:${key}`).toString('base64')}` });
    rejectedAsInvalid({ authorization: key });
    rejectedAsInvalid({ authorization: `Bearer ${key} extra` });
    rejectedAsInvalid({ authorization: `Bearer ${key}\u0000` });
    rejectedAsInvalid({ authorization: `Bearer ${key}\u00e9` });
    rejectedAsInvalid({ authorization: `Bearer ${'a'.repeat(1025)}` });
    rejectedAsInvalid({ 'x-api-key': `${key}\u0007` });
    rejectedAsInvalid({ 'api-key': 'a'.repeat(2000) });
    rejectedAsInvalid({ 'x-api-key': [key, key] } as unknown as IncomingHttpHeaders);
  });

  it('accepts a value of exactly 1 KiB', () => {
    const long = `Bearer ${'k'.repeat(1024 - 'Bearer '.length)}`;
    assert.equal(extractApiKey({ authorization: long })?.length, 1024 - 'Bearer '.length);
  });
});
