// The committed-secret scanner, run as CI runs it, over throwaway git repositories. Every key-like
// string is assembled at run time from pieces, so this file itself stays clean for the scanner.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const script = new URL('../../../scripts/scan-secrets.mjs', import.meta.url).pathname;
const dirs: string[] = [];

/** Random-looking text with no ascending runs or words, which the scanner would take for placeholders. */
const body = 'hR7kQ2xZp9LmW4vN8sT1yB6cF3gJ5dK0uE2aYq7X';
const join2 = (...parts: string[]): string => parts.join('');

const shapes: readonly [kind: string, value: string][] = [
  ['private key block', join2('-----BEGIN ', 'RSA PRIVATE KEY-----')],
  ['AWS access key id', join2('AK', 'IAQ7ZX2M4KJW8RHY5N')],
  ['OpenAI API key', join2('sk-', 'proj-', body)],
  ['Anthropic API key', join2('sk-', 'ant-api03-', body, body)],
  ['Google API key', join2('AI', 'za', body.slice(0, 35))],
  ['Groq API key', join2('gs', 'k_', body, body.slice(0, 12))],
  ['GitHub token', join2('gh', 'p_', body.slice(0, 36))],
  ['Slack token', join2('xo', 'xb-7391846205-', body.slice(0, 24))],
  ['Gatehouse virtual key', join2('sk', '-', body, body.slice(0, 3))],
];

function repoWith(files: Record<string, string>, untracked: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-scan-'));
  dirs.push(dir);
  const git = (...args: string[]): void => {
    const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  };
  git('init', '-q');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  git('add', '.');
  for (const [name, text] of Object.entries(untracked)) writeFileSync(join(dir, name), text);
  return dir;
}

function scan(dir: string): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('scan-secrets', () => {
  it('passes a clean tree', () => {
    const { code, out } = scan(repoWith({ 'a.ts': 'export const answer = 42;\n' }));
    assert.equal(code, 0, out);
    assert.match(out, /no secrets found/);
  });

  it('finds every token shape, naming file and line, without printing the secret', () => {
    const text = shapes.map(([, value]) => `const value = "${value}";`).join('\n');
    const { code, out } = scan(repoWith({ 'config.ts': `// settings\n${text}\n` }));
    assert.equal(code, 1, out);
    shapes.forEach(([kind, value], index) => {
      assert.ok(out.includes(`config.ts:${index + 2}: ${kind}`), `${kind} not reported:\n${out}`);
      if (kind !== 'private key block') assert.ok(!out.includes(value), `${kind} printed in full`);
    });
  });

  it('finds high-entropy values assigned to secret names, and ignores plain words and references', () => {
    const { code, out } = scan(repoWith({
      'settings.yaml': [
        `client_secret: ${body}`,
        'password: correct horse battery staple',
        'api_key: os.environ/OPENAI_API_KEY',
        `request_id: ${body}`,
        `headers: { Authorization: "Bearer ${body.slice(5)}" }`,
      ].join('\n'),
    }));
    assert.equal(code, 1, out);
    assert.match(out, /settings\.yaml:1: high-entropy value assigned to a secret name/);
    assert.match(out, /settings\.yaml:5: bearer token/);
    assert.doesNotMatch(out, /settings\.yaml:[234]:/);
  });

  it('takes placeholders and documented examples for what they are', () => {
    const { code, out } = scan(repoWith({
      'fixture.json': JSON.stringify({ apiKey: join2('sk-', 'proj-', 'deploymentkey0123456789'), aws: join2('AKIA', 'IOSFODNN7EXAMPLE'), key: join2('sk-', 'test-', body) }),
    }));
    assert.equal(code, 0, out);
  });

  it('skips a line carrying the allow marker, or following it', () => {
    const key = shapes[2]?.[1] ?? '';
    const marker = join2('scan-secrets', ': allow');
    const { code, out } = scan(repoWith({
      'fixture.ts': [`const a = "${key}"; // ${marker}`, `// ${marker}: a fixture that must look real`, `const b = "${key}";`, `const c = "${key}";`].join('\n'),
    }));
    assert.equal(code, 1, out);
    assert.match(out, /fixture\.ts:4: OpenAI API key/);
    assert.doesNotMatch(out, /fixture\.ts:[123]:/);
  });

  it('scans only what git tracks, and skips binary files', () => {
    const key = shapes[1]?.[1] ?? '';
    const binary = `\0\x01${key}`;
    const { code, out } = scan(repoWith({ 'image.bin': binary }, { 'notes.txt': key }));
    assert.equal(code, 0, out);
  });
});
