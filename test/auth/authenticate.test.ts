import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAuthenticator } from '../../src/auth/authenticate.js';
import { GatewayError, type ErrorCode } from '../../src/errors/gateway-error.js';

const masterKey = 'sk-gh-Pw3nX8cK1vR6zT4yB9mQ2sL7dF5hJ0aG';
const authenticate = createAuthenticator({ masterKey });

function refusedWith(code: ErrorCode, headers: Parameters<typeof authenticate>[0]): void {
  assert.throws(() => authenticate(headers), (error: unknown) => {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.code, code);
    assert.equal(error.status, 401);
    return true;
  });
}

describe('createAuthenticator', () => {
  it('recognises the master key in every header form', () => {
    for (const headers of [{ authorization: `Bearer ${masterKey}` }, { 'api-key': masterKey }, { 'x-api-key': masterKey }]) {
      assert.deepEqual(authenticate(headers), { kind: 'master' });
    }
  });

  it('hands out the same frozen principal every time', () => {
    const first = authenticate({ authorization: `Bearer ${masterKey}` });
    assert.equal(authenticate({ 'x-api-key': masterKey }), first);
    assert.equal(Object.isFrozen(first), true);
  });

  it('answers missing_api_key when no key was sent', () => {
    refusedWith('missing_api_key', {});
    refusedWith('missing_api_key', { authorization: 'Bearer   ' });
  });

  it('answers invalid_api_key for any other key, including near misses', () => {
    refusedWith('invalid_api_key', { authorization: 'Bearer sk-gh-wrong' });
    refusedWith('invalid_api_key', { authorization: `Bearer ${masterKey.slice(0, -1)}` });
    refusedWith('invalid_api_key', { authorization: `Bearer ${masterKey}x` });
    refusedWith('invalid_api_key', { authorization: `Bearer ${masterKey.toUpperCase()}` });
  });

  it('answers invalid_api_key for malformed credentials', () => {
    refusedWith('invalid_api_key', { authorization: `Token ${masterKey}` });
    refusedWith('invalid_api_key', { authorization: `Bearer ${masterKey}\u0001` });
    refusedWith('invalid_api_key', { authorization: `Bearer ${'x'.repeat(5000)}` });
  });

  it('refuses a malformed Authorization even when another header carries the right key', () => {
    refusedWith('invalid_api_key', { authorization: masterKey, 'x-api-key': masterKey });
  });
});
