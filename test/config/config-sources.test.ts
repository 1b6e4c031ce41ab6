import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../src/config/config-error.js';
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_MAX_REQUEST_BODY_BYTES,
  DEFAULT_PORT,
  defaultRouterConfig,
  defaultServerConfig,
} from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadYaml, problemsOf } from './load-yaml.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-config-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('where the configuration comes from', () => {
  it('starts with no deployments and secure defaults when there is no file', () => {
    const cwd = tempDir();
    const config = loadConfig({ cwd, env: {} });
    assert.equal(config.source, undefined);
    assert.deepEqual(config.deployments, []);
    assert.deepEqual(config.router, defaultRouterConfig);
    assert.deepEqual(config.server, defaultServerConfig);
    assert.equal(config.server.host, '127.0.0.1');
    assert.deepEqual([config.masterKey, config.databaseUrl, config.dataDir], [undefined, undefined, join(cwd, '.gatehouse')]);
  });

  it('reads gatehouse.yaml from the working directory when no file is named', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.yaml'), 'model_list:\n  - { model_name: a, litellm_params: { model: openai/a } }\n');
    const config = loadConfig({ cwd, env: {} });
    assert.equal(config.source, join(cwd, 'gatehouse.yaml'));
    assert.equal(config.deployments.length, 1);
  });

  it('names a --config file that does not exist', () => {
    const cwd = tempDir();
    assert.throws(() => loadConfig({ file: 'litellm.yaml', cwd, env: {} }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, [`${join(cwd, 'litellm.yaml')}: configuration file not found`]);
      assert.match(error.message, /litellm\.yaml: configuration file not found/);
      return true;
    });
  });

  it('reports YAML syntax errors with their line, without quoting the file', () => {
    const problems = problemsOf('model_list:\n  - model_name: a\n    model_name: b\nrouter_settings: [unclosed\n');
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0] ?? '', /gatehouse\.yaml \(line 3, column 5\): Map keys must be unique/);
    assert.doesNotMatch(problems.join('\n'), /model_name: b/);
  });

  it('refuses a file that is not a map of sections, and a self-referencing alias', () => {
    assert.match(problemsOf('- just\n- a list\n')[0] ?? '', /must be a YAML map of sections/);
    assert.match(problemsOf('model_list: &loop [*loop]\n')[0] ?? '', /alias refers to a node that contains it/);
  });

  it('supports YAML anchors and merge keys, as PyYAML does', () => {
    const config = loadYaml(`
model_list:
  - model_name: a
    litellm_params: &azure
      model: azure/a
      api_base: https://x.openai.azure.example
      api_version: "2024-06-01"
  - model_name: b
    litellm_params:
      <<: *azure
      model: azure/b
`);
    assert.deepEqual(config.deployments.map((d) => [d.model, d.apiBase, d.apiVersion]), [
      ['a', 'https://x.openai.azure.example', '2024-06-01'],
      ['b', 'https://x.openai.azure.example', '2024-06-01'],
    ]);
  });
});

describe('environment references', () => {
  it('resolves os.environ references from the environment_variables section, which wins over the process', () => {
    const config = loadYaml(`
environment_variables: { OPENAI_BASE: "https://llm.internal.example/v1", PORT_NUMBER: 8443 }
model_list:
  - model_name: a
    litellm_params: { model: openai/a, api_base: os.environ/OPENAI_BASE, api_key: os.environ/OPENAI_KEY }
gatehouse: { server: { port: os.environ/PORT_NUMBER } }
`, { OPENAI_BASE: 'https://ignored.example', OPENAI_KEY: 'from-process' });
    assert.deepEqual([config.deployments[0]?.apiBase, config.deployments[0]?.apiKey], ['https://llm.internal.example/v1', 'from-process']);
    assert.equal(config.server.port, 8443);
  });

  it('refuses malformed references, variable names and empty values', () => {
    assert.deepEqual(problemsOf(`
environment_variables: { "1BAD": x }
general_settings: { database_url: "os.environ/", master_key: os.environ/EMPTY_KEY }
`, { EMPTY_KEY: '' }), [
      'environment_variables.1BAD: is not a valid environment variable name',
      'general_settings.master_key: must not be empty (environment variable EMPTY_KEY is empty)',
      'general_settings.database_url: "os.environ/" is not a valid environment variable reference',
    ]);
  });
});

describe('master key, database and data directory', () => {
  const key = 'sk-2WbQx7Lm9Rt4Zc8Vn1Kp6Hs3Jd5Fg0Ya';

  it('takes the master key from general_settings, else GATEHOUSE_MASTER_KEY', () => {
    assert.equal(loadYaml(`general_settings: { master_key: "${key}" }`).masterKey, key);
    assert.equal(loadYaml('model_list: []', { GATEHOUSE_MASTER_KEY: key }).masterKey, key);
    assert.equal(loadYaml('model_list: []', { GATEHOUSE_MASTER_KEY: '' }).masterKey, undefined);
    assert.equal(loadYaml(`general_settings: { master_key: "${key}" }`, { GATEHOUSE_MASTER_KEY: key }).masterKey, key);
  });

  it('refuses two different master keys', () => {
    assert.deepEqual(problemsOf(`general_settings: { master_key: "${key}" }`, { GATEHOUSE_MASTER_KEY: `${key}x` }), [
      'general_settings.master_key: differs from the GATEHOUSE_MASTER_KEY environment variable; set the master key in one place',
    ]);
  });

  it('takes the database URL from general_settings, else DATABASE_URL', () => {
    const env = { DATABASE_URL: 'postgres://from-env/db' };
    assert.equal(loadYaml('general_settings: { database_url: "postgres://from-file/db" }', env).databaseUrl, 'postgres://from-file/db');
    assert.equal(loadYaml('model_list: []', env).databaseUrl, 'postgres://from-env/db');
  });

  it('resolves the data directory against the working directory: file, else GATEHOUSE_DATA_DIR, else .gatehouse', () => {
    const cwd = tempDir();
    const file = join(cwd, 'config.yaml');
    writeFileSync(file, 'gatehouse: { data_dir: ./state }\n');
    assert.equal(loadConfig({ file, cwd, env: { GATEHOUSE_DATA_DIR: '/srv/ignored' } }).dataDir, join(cwd, 'state'));
    writeFileSync(file, 'model_list: []\n');
    assert.equal(loadConfig({ file, cwd, env: { GATEHOUSE_DATA_DIR: 'var/gatehouse' } }).dataDir, join(cwd, 'var/gatehouse'));
    assert.equal(loadConfig({ file, cwd, env: {} }).dataDir, join(cwd, '.gatehouse'));
  });
});

describe('the gatehouse section', () => {
  it('has explicit secure defaults', () => {
    assert.deepEqual(
      [DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_REQUEST_BODY_BYTES, DEFAULT_HEADERS_TIMEOUT_MS],
      ['127.0.0.1', 4000, 10 * 1024 * 1024, 10_000],
    );
  });

  it('sets every server limit, and command-line overrides win over it', () => {
    const config = loadYaml(`
gatehouse:
  server:
    host: 0.0.0.0
    port: 8080
    max_request_body_bytes: 1048576
    max_json_depth: 32
    headers_timeout_ms: 5000
    request_timeout_ms: 30000
    keep_alive_timeout_ms: 1000
    max_upstream_response_bytes: 2097152
`, {}, { overrides: { host: '::1', port: 0 } });
    assert.deepEqual(config.server, {
      host: '::1',
      port: 0,
      maxRequestBodyBytes: 1_048_576,
      maxJsonDepth: 32,
      headersTimeoutMs: 5000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 1000,
      maxUpstreamResponseBytes: 2_097_152,
      maxHeaderCount: 100,
      maxHeaderBytes: 32 * 1024,
      trustedProxies: [],
      ipAllowlist: null,
    });
  });

  it("maps LiteLLM's size limits in megabytes, below the gatehouse section", () => {
    const config = loadYaml(`
general_settings: { max_request_size_mb: 2, max_response_size_mb: 8 }
gatehouse: { server: { max_upstream_response_bytes: 1000 } }
`);
    assert.deepEqual([config.server.maxRequestBodyBytes, config.server.maxUpstreamResponseBytes], [2 * 1024 * 1024, 1000]);
  });

  it('refuses unknown keys and out-of-range values, with their paths', () => {
    assert.deepEqual(problemsOf(`
gatehouse:
  data_dir: 7
  server: { port: 70000, max_json_depth: 0, headers_timeout_ms: 1.5, tls: true }
  telemetry: false
`, {}, { overrides: { port: -1 } }), [
      'gatehouse.telemetry: unknown key',
      'gatehouse.server.port: must be at most 65535',
      'gatehouse.server.max_json_depth: must be at least 1',
      'gatehouse.server.headers_timeout_ms: must be a whole number',
      'gatehouse.server.tls: must be a map of keys to values',
      'gatehouse.data_dir: must be a string (quote the value in YAML)',
      '--port: must be a whole number from 0 to 65535',
    ]);
  });
});
