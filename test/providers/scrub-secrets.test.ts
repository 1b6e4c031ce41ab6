// Upstream messages relayed to clients and logs keep their meaning but lose their credentials.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRetryAfterS } from '../../src/providers/retry-after.js';
import { scrubSecrets } from '../../src/providers/scrub-secrets.js';

describe('scrubSecrets', () => {
  it('keeps ordinary prose, model names, URLs and numbers', () => {
    const text = "The model `text-embedding-3-small` does not exist. See https://platform.openai.com/docs/models (max 8192 tokens).";
    assert.equal(scrubSecrets(text), text);
  });

  it('removes bearer tokens, OpenAI and AWS keys, key=value secrets, long tokens and the known key', () => {
    const text = 'auth Bearer abc.def-ghi, sk-ant-api03-xyzXYZ123, AKIAIOSFODNN7EXAMPLE, api_key=hunter2hunter2, id 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b, mine-own-key';
    const scrubbed = scrubSecrets(text, { secrets: ['mine-own-key', undefined] });
    for (const secret of ['abc.def-ghi', 'sk-ant-api03', 'AKIAIOSFODNN7EXAMPLE', 'hunter2hunter2', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b', 'mine-own-key']) {
      assert.ok(!scrubbed.includes(secret), `${secret} in ${scrubbed}`);
    }
    assert.match(scrubbed, /^auth Bearer \[redacted\]/);
  });

  it('caps the length', () => {
    assert.equal(scrubSecrets('word '.repeat(200), { maxChars: 20 }), `${'word '.repeat(4)}…`);
  });
});

describe('parseRetryAfterS', () => {
  it('needs the Date header to read an HTTP date, and never goes negative', () => {
    assert.equal(parseRetryAfterS({ 'retry-after': 'Wed, 21 Oct 2026 07:28:30 GMT' }), undefined);
    assert.equal(parseRetryAfterS({ 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT', date: 'Wed, 21 Oct 2026 07:29:00 GMT' }), 0);
  });

  it('ignores values that are neither seconds nor dates', () => {
    assert.equal(parseRetryAfterS({ 'retry-after': 'soon', date: 'Wed, 21 Oct 2026 07:29:00 GMT' }), undefined);
    assert.equal(parseRetryAfterS({ 'retry-after-ms': '-5' }), undefined);
    assert.equal(parseRetryAfterS({ 'retry-after': ['4', '9'] }), 4);
  });
});
