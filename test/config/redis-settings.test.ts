// Where the shared state lives: LiteLLM's `router_settings.redis_*` keys, as a URL or as host, port,
// password and database (environment references included); none means in-process state.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadYaml, problemsOf } from './load-yaml.js';

describe('router_settings.redis_*', () => {
  it('is absent without any redis key, so state stays in-process', () => {
    assert.equal(loadYaml('router_settings: { num_retries: 1 }').redis, undefined);
    assert.equal(loadYaml('model_list: []').redis, undefined);
  });

  it('takes redis_url as it is, TLS (rediss) included', () => {
    assert.deepEqual(loadYaml('router_settings: { redis_url: "redis://cache.internal:6380/2" }').redis, { url: 'redis://cache.internal:6380/2' });
    assert.deepEqual(loadYaml('router_settings: { redis_url: "rediss://cache.internal" }').redis, { url: 'rediss://cache.internal' });
  });

  it('builds the URL from host, port, password and db given through the environment', () => {
    const config = loadYaml(
      'router_settings: { redis_host: os.environ/REDIS_HOST, redis_port: os.environ/REDIS_PORT, redis_password: os.environ/REDIS_PASSWORD, redis_db: 3 }',
      { REDIS_HOST: 'redis.internal', REDIS_PORT: '6390', REDIS_PASSWORD: 'p@ss/word:1' },
    );
    const url = new URL(config.redis?.url ?? '');
    assert.deepEqual([url.protocol, url.hostname, url.port, url.pathname], ['redis:', 'redis.internal', '6390', '/3']);
    assert.equal(decodeURIComponent(url.password), 'p@ss/word:1');
  });

  it('defaults the port to 6379 and brackets an IPv6 host', () => {
    assert.deepEqual(loadYaml('router_settings: { redis_host: "::1" }').redis, { url: 'redis://[::1]:6379' });
  });

  it('lets redis_password and redis_db override those of redis_url, as LiteLLM does', () => {
    const config = loadYaml('router_settings: { redis_url: "redis://:old@cache:6379/1", redis_password: new, redis_db: 4 }');
    assert.deepEqual(config.redis, { url: 'redis://:new@cache:6379/4' });
  });

  it('takes the key prefix from gatehouse.shared_state, and warns when there is no Redis to apply it to', () => {
    const config = loadYaml('router_settings: { redis_url: "redis://cache" }\ngatehouse: { shared_state: { key_prefix: "team-a:" } }');
    assert.deepEqual(config.redis, { url: 'redis://cache', keyPrefix: 'team-a:' });
    const alone = loadYaml('gatehouse: { shared_state: { key_prefix: "team-a:" } }');
    assert.equal(alone.redis, undefined);
    assert.deepEqual(alone.warnings, ['gatehouse.shared_state.key_prefix: has no effect without router_settings.redis_url or redis_host']);
    assert.deepEqual(problemsOf('gatehouse: { shared_state: { key_prefix: "a b", ttl: 3 } }'), [
      'gatehouse.shared_state.ttl: unknown key',
      'gatehouse.shared_state.key_prefix: must be at most 100 characters without spaces',
    ]);
  });

  it('refuses contradictory, incomplete or malformed settings without echoing the URL', () => {
    assert.deepEqual(problemsOf('router_settings: { redis_url: "redis://a:6379", redis_host: b }'), [
      'router_settings.redis_url: set either redis_url or redis_host and redis_port, not both',
    ]);
    assert.deepEqual(problemsOf('router_settings: { redis_password: secret }'), [
      'router_settings.redis_password: needs redis_host (or redis_url) to say where Redis is',
    ]);
    assert.deepEqual(problemsOf('router_settings: { redis_url: "http://:hunter2@cache" }'), [
      'router_settings.redis_url: must start with redis:// or rediss:// (TLS)',
    ]);
    assert.deepEqual(problemsOf('router_settings: { redis_host: cache, redis_port: 70000, redis_db: -1 }'), [
      'router_settings.redis_port: must be at most 65535',
      'router_settings.redis_db: must be at least 0',
    ]);
  });
});
