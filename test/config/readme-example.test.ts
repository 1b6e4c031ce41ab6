// The configuration the README shows a newcomer loads as it is (with its environment variables
// set): an example that stopped loading would be the first thing a user copies.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load-config.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README configuration example', () => {
  it('loads, every model of it and every fallback', () => {
    const example = /```yaml\n(model_list:[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example !== undefined, 'the README has a yaml block starting with model_list');
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-readme-'));
    try {
      const file = join(dir, 'config.yaml');
      writeFileSync(file, example);
      const env = { OPENAI_API_KEY: 'sk-example', ANTHROPIC_API_KEY: 'sk-ant-example', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example', GATEHOUSE_DATA_DIR: join(dir, 'data') };
      const config = loadConfig({ file, cwd: dir, env });
      assert.deepEqual([...new Set(config.deployments.map((d) => d.modelName))], ['gpt-4o', 'claude-sonnet-4-5']);
      assert.deepEqual(config.deployments.map((d) => d.provider), ['openai', 'hosted_vllm', 'anthropic', 'bedrock']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
