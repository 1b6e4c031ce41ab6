// Master-key rotation end to end: secrets sealed under the old key are re-sealed by
// `gatehouse rotate-master-key`, an instance holding both keys serves throughout, and afterwards the
// new key alone serves stored models and existing virtual keys. A rerun is a no-op.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import OpenAI from 'openai';
import { hashVirtualKey, mintVirtualKey } from '../../src/auth/virtual-keys.js';
import { loadConfig } from '../../src/config/load-config.js';
import { storedModelSecretContext } from '../../src/server/live-models.js';
import { silentLogger } from '../../src/server/logger.js';
import { startGatehouse, type RunningGatehouse } from '../../src/server/start-gatehouse.js';

const cli = new URL('../../src/cli/main.js', import.meta.url).pathname;
const oldKey = 'Q7f9kLm2Zp4Rt6Vw8Yb1Nc3Hd5Jg0AaXe-old';
const newKey = 'Zz8Yy7Xx6Ww5Vv4Uu3Tt2Ss1Rr0QqPpOo-new';

describe('rotate-master-key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-rotate-'));
  const file = join(dir, 'gatehouse.yaml');
  writeFileSync(file, 'model_list:\n  - model_name: file-model\n    litellm_params: { model: mock/file-model }\n');
  after(() => rmSync(dir, { recursive: true, force: true }));

  const start = (env: Record<string, string>): Promise<RunningGatehouse> => {
    const config = loadConfig({ file, cwd: dir, env: { GATEHOUSE_DATA_DIR: join(dir, 'data'), ...env } });
    return startGatehouse({ config, masterKey: config.masterKey!, log: silentLogger, port: 0 });
  };
  const chat = (running: RunningGatehouse, apiKey: string, model: string) =>
    new OpenAI({ baseURL: `${running.url}/v1`, apiKey, maxRetries: 0 }).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

  it('re-seals stored secrets so the new key alone keeps keys and stored models working', async () => {
    const before = await start({ GATEHOUSE_MASTER_KEY: oldKey });
    const { secret, displayName } = mintVirtualKey();
    await before.app.repos.virtualKeys.create({ keyHash: hashVirtualKey(secret, before.app.keyHashingKey), displayName });
    const id = 'stored-mock';
    await before.app.repos.storedModels.create({
      id, modelName: 'stored-model', litellmParams: { model: 'mock/stored-model' }, modelInfo: {},
      encryptedSecrets: before.app.secretBox.seal(JSON.stringify({ api_key: 'sk-stored-provider-secret' }), storedModelSecretContext(id)),
    });
    await before.app.models.reload();
    assert.ok((await chat(before, secret, 'stored-model')).choices[0]);
    await before.close(1000);

    const during = await start({ GATEHOUSE_MASTER_KEY: newKey, GATEHOUSE_PREVIOUS_MASTER_KEY: oldKey });
    assert.ok((await chat(during, secret, 'stored-model')).choices[0], 'an instance holding both keys serves');

    const env = { PATH: process.env['PATH'] ?? '', GATEHOUSE_DATA_DIR: join(dir, 'data'), GATEHOUSE_MASTER_KEY: newKey, GATEHOUSE_PREVIOUS_MASTER_KEY: oldKey };
    const rotated = spawnSync(process.execPath, [cli, 'rotate-master-key', '--config', file], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.match(rotated.stdout, /stored model credentials: 1 re-sealed/);
    assert.match(rotated.stdout, /key hashing secret: 1 re-sealed/);
    await during.close(1000);

    const again = spawnSync(process.execPath, [cli, 'rotate-master-key', '--config', file], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /stored model credentials: 0 re-sealed, 1 already/);

    const after = await start({ GATEHOUSE_MASTER_KEY: newKey });
    const rotations = await after.app.store.db.selectFrom('gatehouse_audit_events').select('action').where('action', '=', 'master_key.rotate').execute();
    assert.equal(rotations.length, 2, 'each rotation run is audited');
    assert.ok((await chat(after, secret, 'stored-model')).choices[0], 'the virtual key and the stored model survive the rotation');
    assert.ok((await chat(after, newKey, 'file-model')).choices[0], 'the new master key authenticates');
    await assert.rejects(chat(after, oldKey, 'file-model'), (e: unknown) => e instanceof OpenAI.AuthenticationError);
    await after.close(1000);
  });

  it('explains what to set when the previous key is missing', () => {
    const result = spawnSync(process.execPath, [cli, 'rotate-master-key', '--config', file], {
      cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', GATEHOUSE_DATA_DIR: join(dir, 'data'), GATEHOUSE_MASTER_KEY: newKey },
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /GATEHOUSE_PREVIOUS_MASTER_KEY/);
  });
});
