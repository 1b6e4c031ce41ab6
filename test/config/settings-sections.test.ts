import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadYaml, problemsOf } from './load-yaml.js';

const models = `
model_list:
  - { model_name: gpt-4o, litellm_params: { model: openai/gpt-4o } }
  - { model_name: gpt-4o-mini, litellm_params: { model: openai/gpt-4o-mini } }
  - { model_name: claude, litellm_params: { model: anthropic/claude-3-5-sonnet } }
`;

describe('router_settings and litellm_settings', () => {
  it('lists the valid routing strategies when given another', () => {
    assert.deepEqual(problemsOf('router_settings: { routing_strategy: cost-based-routing }'), [
      'router_settings.routing_strategy: unknown routing strategy "cost-based-routing"; use one of simple-shuffle, least-busy, ' +
        'latency-based-routing, usage-based-routing, usage-based-routing-v2',
    ]);
  });

  it('reads every router setting LiteLLM has, in seconds', () => {
    const { router } = loadYaml(`${models}
router_settings:
  routing_strategy: least-busy
  num_retries: 0
  timeout: 20
  stream_timeout: 45
  allowed_fails: 1
  cooldown_time: 0
  retry_after: 40
  max_fallbacks: 1
  enable_pre_call_checks: true
`);
    assert.deepEqual(
      [router.strategy, router.numRetries, router.requestTimeoutMs, router.streamTimeoutMs, router.allowedFails, router.cooldownTimeMs, router.maxFallbacks],
      ['least-busy', 0, 20_000, 45_000, 1, 0, 1],
    );
    assert.deepEqual([router.retryBaseDelayMs, router.retryMaxDelayMs], [40_000, 40_000]);
  });

  it('never lets the default wait for a first chunk outlast a shorter whole-request timeout', () => {
    assert.equal(loadYaml('litellm_settings: { request_timeout: 15 }').router.streamTimeoutMs, 15_000);
  });

  it('turns disable_cooldowns into a zero cooldown', () => {
    assert.equal(loadYaml('router_settings: { cooldown_time: 30, disable_cooldowns: true }').router.cooldownTimeMs, 0);
  });

  it('prefers router_settings over litellm_settings, warning about the value it overrode', () => {
    const config = loadYaml(`${models}
litellm_settings:
  request_timeout: 100
  fallbacks: [{ gpt-4o: [claude] }]
router_settings:
  timeout: 50
  fallbacks: [{ gpt-4o: [gpt-4o-mini] }]
`);
    assert.equal(config.router.requestTimeoutMs, 50_000);
    assert.deepEqual(config.router.fallbacks, { 'gpt-4o': ['gpt-4o-mini'] });
    assert.deepEqual(config.warnings, [
      'litellm_settings.request_timeout: overridden by router_settings.timeout',
      'litellm_settings.fallbacks: overridden by router_settings.fallbacks',
    ]);
  });

  it('puts default_fallbacks under "*" next to the group fallbacks, and accepts the plain map form', () => {
    const config = loadYaml(`${models}
litellm_settings:
  default_fallbacks: [claude]
router_settings:
  fallbacks: { gpt-4o: [gpt-4o-mini, claude] }
`);
    assert.deepEqual(config.router.fallbacks, { 'gpt-4o': ['gpt-4o-mini', 'claude'], '*': ['claude'] });
  });

  it('refuses fallback targets that name no model group, and malformed fallbacks, each with its path', () => {
    const problems = problemsOf(`${models}
litellm_settings:
  fallbacks: [{ gpt-4o: [gpt-5, claude] }, { gpt-4o: [claude] }, just-a-name]
  context_window_fallbacks: { gpt-4o-mini: gpt-4o }
  content_policy_fallbacks: "claude"
  default_fallbacks: [gpt-6]
`);
    assert.deepEqual(problems, [
      'litellm_settings.fallbacks[2]: must be a map like {"gpt-4o": ["gpt-4o-mini"]}',
      'litellm_settings.fallbacks[1].gpt-4o: model group "gpt-4o" already has fallbacks at litellm_settings.fallbacks[0].gpt-4o',
      'litellm_settings.context_window_fallbacks.gpt-4o-mini: must be a list',
      'litellm_settings.content_policy_fallbacks: must be a list like [{"gpt-4o": ["gpt-4o-mini"]}]',
      'litellm_settings.fallbacks[0].gpt-4o[0]: fallback "gpt-5" is not a model_name in model_list',
      'litellm_settings.default_fallbacks[0]: fallback "gpt-6" is not a model_name in model_list',
    ]);
  });

  it('only warns about fallbacks of a group that is not in model_list, and matches wildcard groups', () => {
    const config = loadYaml(`
model_list:
  - { model_name: "openai/*", litellm_params: { model: "openai/*" } }
router_settings:
  fallbacks: [{ retired-model: [openai/gpt-4o] }]
`);
    assert.deepEqual(config.warnings, [
      'router_settings.fallbacks[0].retired-model: model group "retired-model" is not a model_name in model_list; these fallbacks never apply',
    ]);
  });

  it('refuses default fallbacks given twice', () => {
    assert.deepEqual(problemsOf(`${models}
router_settings:
  fallbacks: [{ "*": [claude] }]
  default_fallbacks: [gpt-4o]
`), ['router_settings.fallbacks[0]["*"]: conflicts with router_settings.default_fallbacks; give default fallbacks once']);
  });

  it('warns about LiteLLM-only keys, refuses restrictions it cannot honour and unknown keys', () => {
    const problems = problemsOf(`
router_settings: { model_group_alias: { a: b }, provider_budget_config: { openai: 10 }, num_retires: 3 }
litellm_settings: { callbacks: [otel], telemetry: false, cache: true, max_budget: 100, drop_param: true }
general_settings: { store_model_in_db: true, use_x_forwarded_for: true, master_keys: x }
include: [models.yaml]
guardrails: []
server: { port: 1 }
`);
    assert.deepEqual(problems, [
      'include: not supported; refusing to start rather than ignore it (the included files\' deployments would be missing; merge them into this file)',
      'guardrails: not supported; refusing to start rather than ignore it (requests would pass without the configured guardrails)',
      'server: unknown key',
      'litellm_settings.max_budget: not supported; refusing to start rather than ignore it (the spending limit it sets would be lifted)',
      'litellm_settings.drop_param: unknown key',
      'router_settings.provider_budget_config: not supported; refusing to start rather than ignore it (the provider spending limits it sets would be lifted)',
      'router_settings.num_retires: unknown key',
      'general_settings.use_x_forwarded_for: not supported; refusing to start rather than ignore it (the proxies whose X-Forwarded-For is believed must be named: set gatehouse.server.trusted_proxies)',
      'general_settings.master_keys: unknown key',
    ]);
  });

  it('explains why each ignored LiteLLM feature is ignored', () => {
    const config = loadYaml(`
litellm_settings: { callbacks: [otel], telemetry: false, cache: true, turn_off_message_logging: true }
general_settings: { store_prompts_in_spend_logs: true }
callback_settings: { otel: { message_logging: false } }
`);
    assert.deepEqual(config.warnings, [
      'callback_settings: ignored: Gatehouse never sends request data to third parties; usage is recorded in its own database',
      'litellm_settings.callbacks: ignored: Gatehouse never sends request data to third parties; usage is recorded in its own database',
      'litellm_settings.telemetry: ignored: Gatehouse has no telemetry and opens no connection of its own',
      'litellm_settings.cache: ignored: response caching is not supported yet',
      'litellm_settings.turn_off_message_logging: ignored: Gatehouse never logs or stores prompt or response content',
      'general_settings.store_prompts_in_spend_logs: ignored: Gatehouse never logs or stores prompt or response content',
    ]);
  });

  it('leaves references in ignored keys unresolved, so unset variables there do no harm', () => {
    const config = loadYaml('router_settings: { routing_strategy_args: os.environ/UNSET_STRATEGY_ARGS }');
    assert.deepEqual(config.warnings, ['router_settings.routing_strategy_args: ignored: not supported yet']);
  });

  it('reads drop_params, false by default', () => {
    assert.equal(loadYaml('litellm_settings: { drop_params: "yes" }').dropParams, true);
    assert.equal(loadYaml('model_list: []').dropParams, false);
    assert.deepEqual(problemsOf('litellm_settings: { drop_params: sometimes }'), ['litellm_settings.drop_params: must be true or false']);
  });
});
