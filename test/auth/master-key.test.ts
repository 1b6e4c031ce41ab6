import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MasterKeyError, resolveMasterKey } from '../../src/auth/master-key.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-master-key-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function refused(configured: string | undefined, dataDir = tempDir()): MasterKeyError {
  let caught: unknown;
  try {
    resolveMasterKey({ configured, dataDir });
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof MasterKeyError, `expected ${JSON.stringify(configured)} to be refused`);
  return caught;
}

const posix = process.platform !== 'win32';

describe('resolveMasterKey without a configured key', () => {
  it('generates a key, stores it in a 0600 file inside a 0700 folder, then reads it back', () => {
    const dataDir = join(tempDir(), 'data');
    const generated = resolveMasterKey({ configured: undefined, dataDir });
    assert.equal(generated.source, 'generated');
    assert.match(generated.key, /^sk-gh-[A-Za-z0-9_-]{43}$/);
    assert.equal(generated.file, join(dataDir, 'master.key'));
    assert.equal(readFileSync(join(dataDir, 'master.key'), 'utf8').trim(), generated.key);
    if (posix) {
      assert.equal(statSync(join(dataDir, 'master.key')).mode & 0o777, 0o600);
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    }
    assert.deepEqual(resolveMasterKey({ configured: undefined, dataDir }), { key: generated.key, source: 'stored', file: generated.file });
  });

  it('generates a different key for every data directory', () => {
    const first = resolveMasterKey({ configured: undefined, dataDir: tempDir() });
    const second = resolveMasterKey({ configured: undefined, dataDir: tempDir() });
    assert.notEqual(first.key, second.key);
  });

  it('refuses a key file other users can read, saying how to fix it', { skip: !posix && 'POSIX permissions only' }, () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'master.key');
    writeFileSync(file, `sk-gh-${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    chmodSync(file, 0o644);
    const error = refused(undefined, dataDir);
    assert.match(error.message, /accessible to other users \(mode 0644\)/);
    assert.match(error.message, /chmod 600/);
  });

  it('refuses a weak key someone wrote into the key file, naming the file', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'master.key'), 'changeme\n', { mode: 0o600 });
    const error = refused(undefined, dataDir);
    assert.match(error.message, /master key stored in .*master\.key is an example value/);
  });

  it('refuses a key path that is not a file', () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'master.key'));
    assert.match(refused(undefined, dataDir).message, /is not a regular file/);
  });
});

describe('resolveMasterKey with a configured key', () => {
  it('uses a strong key as it is and writes nothing', () => {
    const dataDir = join(tempDir(), 'never-created');
    const key = randomBytes(48).toString('base64');
    assert.deepEqual(resolveMasterKey({ configured: key, dataDir }), { key, source: 'configured' });
    assert.throws(() => statSync(dataDir), /ENOENT/);
  });

  it('accepts keys generated the usual ways', () => {
    const keys = [
      randomBytes(48).toString('base64'),
      randomBytes(16).toString('hex'),
      `sk-${randomBytes(24).toString('base64url')}`,
      `sk-test-${randomBytes(24).toString('base64url')}`,
      `${randomUUID()}`,
      ...Array.from({ length: 200 }, () => randomBytes(16).toString('hex')),
    ];
    for (const key of keys) assert.equal(resolveMasterKey({ configured: key, dataDir: tempDir() }).key, key);
  });

  it('refuses example values, whatever their case or decoration', () => {
    const examples = [
      'sk-1234', 'changeme', 'CHANGEME', 'password', 'secret', 'test', 'example', 'your-master-key', 'sk-your-master-key',
      'Your_Master_Key_123', 'sk-changeme-0a8f3e9b2c7d1f4e6a5b9c8d7e6f5a4b', 'my-example-key-9f8e7d6c5b4a3f2e1d0c9b8a',
      'sk-password1', 'SECRET!',
    ];
    for (const example of examples) assert.match(refused(example).message, /is an example value/, example);
  });

  it('refuses keys shorter than 32 characters', () => {
    assert.match(refused(randomBytes(15).toString('hex')).message, /shorter than 32 characters/);
  });

  it('refuses keys with visibly low entropy', () => {
    const weak = [
      `sk-${'a'.repeat(40)}`,
      'abcd'.repeat(10),
      'sk-Xy7#Xy7#Xy7#Xy7#Xy7#Xy7#Xy7#Xy7#Xy7#',
      'sk-abcdefghijklmnopqrstuvwxyz0123456789',
      '9876543210zyxwvutsrqponmlkjihgfedcba',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab1c2d3e4',
    ];
    for (const key of weak) assert.match(refused(key).message, /too little entropy/, key);
  });

  it('refuses keys with spaces or control characters, which no client could send', () => {
    assert.match(refused(`${randomBytes(24).toString('hex')} ${randomBytes(8).toString('hex')}`).message, /spaces, control characters/);
  });

  it('says how to make a good key', () => {
    assert.match(refused('sk-1234').message, /openssl rand -base64 48/);
    assert.match(refused('sk-1234').message, /GATEHOUSE_MASTER_KEY/);
  });
});
