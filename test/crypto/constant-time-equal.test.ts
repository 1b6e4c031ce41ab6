import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantTimeEqual, createSecretMatcher } from '../../src/crypto/constant-time-equal.js';

describe('constantTimeEqual', () => {
  it('is true for equal strings only', () => {
    assert.equal(constantTimeEqual('sk-secret', 'sk-secret'), true);
    assert.equal(constantTimeEqual('sk-secret', 'sk-secreT'), false);
    assert.equal(constantTimeEqual('', ''), true);
  });

  it('compares strings of different lengths without throwing', () => {
    assert.equal(constantTimeEqual('sk-secret', 'sk-secret-and-more'), false);
    assert.equal(constantTimeEqual('', 'x'), false);
  });

  it('compares characters, not bytes of a lossy encoding', () => {
    assert.equal(constantTimeEqual('clé', 'cle\u0301'), false);
    assert.equal(constantTimeEqual('\u{1F511}', '\u{1F511}'), true);
  });
});

describe('createSecretMatcher', () => {
  it('matches only the secret it was made for', () => {
    const isSecret = createSecretMatcher('sk-gh-the-real-key');
    assert.equal(isSecret('sk-gh-the-real-key'), true);
    assert.equal(isSecret('sk-gh-the-real-ke'), false);
    assert.equal(isSecret('sk-gh-the-real-key '), false);
    assert.equal(isSecret(''), false);
  });
});
