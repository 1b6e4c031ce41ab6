// What an audit row may hold of a record: secrets at any depth become fingerprints that tell two
// secrets apart without revealing either; ids, counts and ordinary values stay readable.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { auditFingerprint, redactForAudit } from '../../src/audit/redact-for-audit.js';

const fp = (secret: string): string => `fp:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;

describe('redactForAudit', () => {
  it('fingerprints credential fields at any depth and keeps the rest', () => {
    const model = {
      model_name: 'gpt-4o',
      litellm_params: { model: 'openai/gpt-4o', api_key: 'plain-provider-key', api_base: 'https://api.openai.com/v1', max_tokens: 512 },
      deployments: [{ credentials: { aws_secret_access_key: 'AKIA-secret', region: 'eu' } }],
      key_id: 'key-1',
      keyHash: 'a1b2c3',
      previous_key_hash: 'd4e5f6',
      password: 'hunter2',
      nested: { deeper: { token: 'tok', refresh_token: 'rtok', total_tokens: 12, clientSecret: 'cs' } },
      encrypted_secrets: 'v1.abc.def',
      headers: { Authorization: 'Bearer abc' },
    };
    assert.deepEqual(redactForAudit(model), {
      model_name: 'gpt-4o',
      litellm_params: { model: 'openai/gpt-4o', api_key: fp('plain-provider-key'), api_base: 'https://api.openai.com/v1', max_tokens: 512 },
      deployments: [{ credentials: fp(JSON.stringify({ aws_secret_access_key: 'AKIA-secret', region: 'eu' })) }],
      key_id: 'key-1',
      keyHash: fp('a1b2c3'),
      previous_key_hash: fp('d4e5f6'),
      password: fp('hunter2'),
      nested: { deeper: { token: fp('tok'), refresh_token: fp('rtok'), total_tokens: 12, clientSecret: fp('cs') } },
      encrypted_secrets: fp('v1.abc.def'),
      headers: { Authorization: fp('Bearer abc') },
    });
  });

  it('fingerprints any string that looks like a key, wherever it is', () => {
    const secret = 'sk-live-0123456789abcdef';
    const redacted = redactForAudit({ note: secret, list: ['ok', [secret]], header: 'Bearer xyz' });
    assert.deepEqual(redacted, { note: fp(secret), list: ['ok', [fp(secret)]], header: fp('Bearer xyz') });
    assert.equal(redactForAudit(secret), fp(secret));
    assert.ok(!JSON.stringify(redacted).includes('0123456789abcdef'));
  });

  it('tells two secrets apart and the same secret alike', () => {
    assert.equal(auditFingerprint('sk-a'), auditFingerprint('sk-a'));
    assert.notEqual(auditFingerprint('sk-a'), auditFingerprint('sk-b'));
    assert.match(auditFingerprint('sk-a'), /^fp:[0-9a-f]{16}$/);
  });

  it('leaves null secrets null, copies rather than mutates, and bounds depth', () => {
    const input = { api_key: null, user: { id: 'u1' } };
    assert.deepEqual(redactForAudit(input), { api_key: null, user: { id: 'u1' } });
    assert.notEqual(redactForAudit(input), input);
    let deep: unknown = 'sk-bottom';
    for (let i = 0; i < 100; i++) deep = { next: deep };
    assert.ok(!JSON.stringify(redactForAudit(deep)).includes('sk-bottom'));
    assert.deepEqual(redactForAudit({ at: new Date('2026-03-10T00:00:00Z'), n: 10n }), { at: '2026-03-10T00:00:00.000Z', n: '10' });
  });
});
