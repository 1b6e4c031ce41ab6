// The `gatehouse` command as a newcomer meets it: help, a first start that generates and prints a
// master key once, refusals of weak keys and bad configuration with clear messages, and migrate.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const cli = new URL('../../src/cli/main.js', import.meta.url).pathname;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
  dirs.push(dir);
  return dir;
}

function run(args: string[], options: { cwd: string; env?: Record<string, string> }): { code: number | null; stdout: string; stderr: string } {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', ...options.env };
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd, env, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the server, waits for its banner, stops it with SIGTERM, and returns what it printed. */
async function startOnce(cwd: string, env: Record<string, string> = {}): Promise<{ stdout: string; code: number | null }> {
  const child = spawn(process.execPath, [cli, 'start', '--port', '0'], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 200 && !stdout.includes('Try it:'); i++) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  const code = await exited;
  assert.ok(stdout.includes('Try it:'), `no banner; stderr: ${stderr}`);
  return { stdout, code };
}

after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('gatehouse CLI', () => {
  it('documents every command and option in --help', () => {
    const { code, stdout } = run(['--help'], { cwd: tempDir() });
    assert.equal(code, 0);
    for (const word of ['start', 'migrate', '--config', '--port', '--host', 'GATEHOUSE_MASTER_KEY', 'GATEHOUSE_DATA_DIR']) {
      assert.ok(stdout.includes(word), `help mentions ${word}`);
    }
  });

  it('rejects an unknown command or option with usage advice', () => {
    const unknown = run(['frobnicate'], { cwd: tempDir() });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command/);
    const badOption = run(['start', '--nope'], { cwd: tempDir() });
    assert.equal(badOption.code, 2);
  });

  it('generates a master key on first start, prints it once, stores it 0600, and reuses it', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.yaml'), 'model_list:\n  - model_name: m\n    litellm_params: { model: mock/m }\n');
    const first = await startOnce(cwd);
    const keyFile = join(cwd, '.gatehouse', 'master.key');
    const key = readFileSync(keyFile, 'utf8').trim();
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.ok(first.stdout.includes(key), 'the generated key is printed');
    assert.equal(first.code, 0);
    const second = await startOnce(cwd);
    assert.ok(!second.stdout.includes(key), 'a stored key is not printed again');
    assert.match(second.stdout, /read from/);
  });

  it('refuses to start against a database made with another master key', async () => {
    const cwd = tempDir();
    await startOnce(cwd, { GATEHOUSE_MASTER_KEY: 'Q7f9kLm2Zp4Rt6Vw8Yb1Nc3Hd5Jg0AaXe' });
    const { code, stderr } = run(['start', '--port', '0'], { cwd, env: { GATEHOUSE_MASTER_KEY: 'Zz8Yy7Xx6Ww5Vv4Uu3Tt2Ss1Rr0QqPpOo' } });
    assert.equal(code, 1);
    assert.match(stderr, /master key does not match/);
  });

  it('refuses a short or example master key with a clear message', () => {
    for (const key of ['sk-1234', 'changeme-changeme-changeme-changeme-1']) {
      const { code, stderr } = run(['start', '--port', '0'], { cwd: tempDir(), env: { GATEHOUSE_MASTER_KEY: key } });
      assert.equal(code, 1);
      assert.match(stderr, /master key/i);
      assert.ok(!stderr.includes(key), 'the refused key is not echoed');
    }
  });

  it('lists every configuration problem with its path', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad.yaml'), 'model_list:\n  - model_name: m\n    litellm_params: { api_key: os.environ/MISSING_VAR }\nnot_a_section: 1\n');
    const { code, stderr } = run(['start', '--config', 'bad.yaml'], { cwd, env: { GATEHOUSE_MASTER_KEY: 'x'.repeat(8) + 'Q7f9kLm2Zp4Rt6Vw8Yb1Nc3Hd5Jg0Aa' } });
    assert.equal(code, 1);
    assert.match(stderr, /model_list\[0\]\.litellm_params\.model/);
    assert.match(stderr, /not_a_section/);
  });

  it('refuses a deployment its provider cannot serve, naming it', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.yaml'), 'model_list:\n  - model_name: llama\n    litellm_params: { model: hosted_vllm/llama }\n  - model_name: x\n    litellm_params: { model: nosuchprovider/x }\n');
    const { code, stderr } = run(['start', '--port', '0'], { cwd, env: { GATEHOUSE_MASTER_KEY: 'Q7f9kLm2Zp4Rt6Vw8Yb1Nc3Hd5Jg0AaXe' } });
    assert.equal(code, 1);
    assert.match(stderr, /llama.*api_base/);
    assert.match(stderr, /unknown provider "nosuchprovider"/);
  });

  it('migrates the embedded database and reports when it is up to date', () => {
    const cwd = tempDir();
    const first = run(['migrate'], { cwd, env: { GATEHOUSE_MASTER_KEY: 'Q7f9kLm2Zp4Rt6Vw8Yb1Nc3Hd5Jg0AaXe' } });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Applied \d+ migration/);
    const again = run(['migrate'], { cwd });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /up to date/);
  });
});
