// The HTTP edge under bad input: compressed, chunked, oversized and deeply nested bodies each get a
// clear 4xx in OpenAI's error shape, never a 500, and the server keeps serving.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

interface RawAnswer { status: number; body: string }

function post(gh: TestGatehouse, body: Buffer | string[], headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${gh.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gh.masterKey}`, 'content-type': 'application/json', ...headers },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    if (Array.isArray(body)) {
      for (const part of body) req.write(part);
      req.end();
    } else {
      req.end(body);
    }
  });
}

function errorCode(answer: RawAnswer): string {
  return (JSON.parse(answer.body) as { error: { code: string } }).error.code;
}

describe('edge limits', () => {
  let gh: TestGatehouse;
  const chat = JSON.stringify({ model: 'mock-gpt', messages: [{ role: 'user', content: 'hi' }] });

  before(async () => {
    gh = await startTestGatehouse(`
model_list:
  - model_name: mock-gpt
    litellm_params: { model: mock/mock-gpt }
gatehouse:
  server: { max_request_body_bytes: 4096, max_json_depth: 16 }
`);
  });

  after(() => gh.close());

  it('accepts a gzip-compressed body', async () => {
    const answer = await post(gh, gzipSync(chat), { 'content-encoding': 'gzip' });
    assert.equal(answer.status, 200);
  });

  it('refuses a compressed body that inflates past the limit (413)', async () => {
    const bomb = gzipSync(JSON.stringify({ model: 'mock-gpt', messages: [{ role: 'user', content: 'a'.repeat(200_000) }] }));
    assert.ok(bomb.length < 4096);
    const answer = await post(gh, bomb, { 'content-encoding': 'gzip' });
    assert.equal(answer.status, 413);
    assert.equal(errorCode(answer), 'payload_too_large');
  });

  it('refuses a chunked body that grows past the limit (413)', async () => {
    const parts = Array.from({ length: 10 }, () => 'x'.repeat(1000));
    const answer = await post(gh, parts, { 'transfer-encoding': 'chunked' });
    assert.equal(answer.status, 413);
  });

  it('refuses a declared length over the limit before reading it (413)', async () => {
    const answer = await post(gh, Buffer.alloc(5000, 32));
    assert.equal(answer.status, 413);
  });

  it('refuses JSON nested deeper than the limit (400)', async () => {
    const deep = '['.repeat(40) + ']'.repeat(40);
    const answer = await post(gh, Buffer.from(`{"model":"mock-gpt","messages":${deep}}`));
    assert.equal(answer.status, 400);
    assert.match(JSON.parse(answer.body).error.message as string, /nested deeper/);
  });

  it('refuses an unknown content-encoding (415) and a corrupt gzip stream (400)', async () => {
    assert.equal((await post(gh, Buffer.from(chat), { 'content-encoding': 'zstd-unknown' })).status, 415);
    const corrupt = await post(gh, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    assert.equal(corrupt.status, 400);
  });

  it('does not echo the body in a JSON syntax error', async () => {
    const answer = await post(gh, Buffer.from('{"model":"mock-gpt","secret-prompt-text'));
    assert.equal(answer.status, 400);
    assert.ok(!answer.body.includes('secret-prompt-text'));
  });

  it('keeps serving after all of the above', async () => {
    assert.equal((await post(gh, Buffer.from(chat))).status, 200);
  });
});
