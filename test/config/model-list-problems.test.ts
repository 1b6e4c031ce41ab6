import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadYaml, problemsOf } from './load-yaml.js';

describe('model_list problems', () => {
  it('reports every problem of every entry at once, each with its path', () => {
    const problems = problemsOf(`
model_list:
  - model_name: ok
    litellm_params: { model: openai/gpt-4o }
  - litellm_params: { model: openai/gpt-4o }
  - model_name: no-params
  - model_name: no-model
    litellm_params: { api_key: x }
  - model_name: bad-numbers
    litellm_params:
      model: openai/gpt-4o
      rpm: lots
      tpm: -5
      timeout: 0
      weight: 0
      order: 1.5
      max_parallel_requests: 0
  - model_name: bad-strings
    litellm_params:
      model: /gpt-4o
      api_base: file:///etc/passwd
      api_version: 2024.1
      extra_headers: { "Bad Header": x, X-Ok: "a\\r\\nHost: evil" }
    model_info: { mode: painting, max_input_tokens: 0 }
  - just a string
  - model_name: typo
    litelm_params: { model: openai/gpt-4o }
`);
    assert.deepEqual(problems, [
      'model_list[1].model_name: required',
      'model_list[2].litellm_params: required',
      'model_list[3].litellm_params.model: required',
      'model_list[4].litellm_params.rpm: must be a number',
      'model_list[4].litellm_params.tpm: must be at least 0',
      'model_list[4].litellm_params.max_parallel_requests: must be at least 1',
      'model_list[4].litellm_params.timeout: must be greater than 0',
      'model_list[4].litellm_params.weight: must be greater than 0',
      'model_list[4].litellm_params.order: must be a whole number',
      'model_list[5].litellm_params.model: must be "provider/model-name" or a model name',
      'model_list[5].model_info.max_input_tokens: must be greater than 0',
      'model_list[5].model_info.mode: must be one of chat, completion, embedding (got "painting")',
      'model_list[5].litellm_params.api_base: must be an http:// or https:// URL',
      'model_list[5].litellm_params.api_version: must be a string (quote the value in YAML)',
      'model_list[5].litellm_params.extra_headers["Bad Header"]: is not a valid HTTP header name',
      'model_list[5].litellm_params.extra_headers.X-Ok: must not contain control characters',
      'model_list[6]: must be a map with model_name and litellm_params',
      'model_list[7].litelm_params: unknown key',
      'model_list[7].litellm_params: required',
    ]);
  });

  it('refuses duplicate model_info.id values, naming both entries', () => {
    const problems = problemsOf(`
model_list:
  - { model_name: a, litellm_params: { model: openai/a }, model_info: { id: shared } }
  - { model_name: b, litellm_params: { model: openai/b }, model_info: { id: shared } }
`);
    assert.deepEqual(problems, ['model_list[1].model_info.id: duplicate deployment id "shared" (also used by model_list[0])']);
  });

  it('names the missing environment variable and where it is referenced', () => {
    const problems = problemsOf(`
model_list:
  - model_name: a
    litellm_params:
      model: openai/a
      api_key: os.environ/MISSING_OPENAI_KEY
      aws_secret_access_key: os.environ/ALSO_MISSING
`);
    assert.deepEqual(problems, [
      'model_list[0].litellm_params.api_key: environment variable MISSING_OPENAI_KEY is not set (referenced as os.environ/MISSING_OPENAI_KEY)',
      'model_list[0].litellm_params.aws_secret_access_key: environment variable ALSO_MISSING is not set (referenced as os.environ/ALSO_MISSING)',
    ]);
  });

  it('never repeats a configured value that may be a secret', () => {
    const problems = problemsOf(`
model_list:
  - model_name: a
    litellm_params: { model: openai/a, api_key: 918273645546372819, api_base: "sk-live-secret-value" }
`);
    assert.equal(problems.length, 2);
    for (const problem of problems) {
      assert.doesNotMatch(problem, /918273645546372819|sk-live-secret-value/);
    }
  });

  it('accepts numbers written as strings, as they arrive from the environment', () => {
    const config = loadYaml(`
model_list:
  - model_name: a
    litellm_params: { model: openai/a, rpm: os.environ/RPM, timeout: "2.5", weight: " 3 " }
`, { RPM: '120' });
    const deployment = config.deployments[0];
    assert.deepEqual([deployment?.rpm, deployment?.timeoutMs, deployment?.weight], [120, 2500, 3]);
  });

  it('splits the provider on the first slash only, and honours custom_llm_provider', () => {
    const config = loadYaml(`
model_list:
  - { model_name: a, litellm_params: { model: openrouter/meta-llama/llama-3-70b } }
  - { model_name: b, litellm_params: { model: my-finetune, custom_llm_provider: hosted_vllm } }
  - { model_name: c, litellm_params: { model: hosted_vllm/qwen, custom_llm_provider: hosted_vllm } }
`);
    assert.deepEqual(config.deployments.map((d) => [d.provider, d.model]), [
      ['openrouter', 'meta-llama/llama-3-70b'],
      ['hosted_vllm', 'my-finetune'],
      ['hosted_vllm', 'qwen'],
    ]);
  });

  it('leaves out, with a warning, deployments of a LiteLLM mode Gatehouse does not serve', () => {
    const config = loadYaml(`
model_list:
  - { model_name: chat, litellm_params: { model: openai/gpt-4o } }
  - { model_name: images, litellm_params: { model: openai/dall-e-3 }, model_info: { mode: image_generation } }
`);
    assert.deepEqual(config.deployments.map((d) => d.modelName), ['chat']);
    assert.deepEqual(config.warnings, ['model_list[1].model_info.mode: mode "image_generation" is not supported yet; this deployment is left out']);
  });

  it('takes prices given in litellm_params when model_info has none, max_output_tokens over max_tokens', () => {
    const config = loadYaml(`
model_list:
  - model_name: a
    litellm_params: { model: openai/a, input_cost_per_token: 0.001, output_cost_per_token: 0.002 }
    model_info: { output_cost_per_token: 0.003, max_tokens: 100, max_output_tokens: 200 }
`);
    assert.deepEqual(config.deployments[0]?.modelInfo, { inputCostPerToken: 0.001, outputCostPerToken: 0.003, maxOutputTokens: 200 });
    assert.deepEqual(config.deployments[0]?.extraParams, {});
  });
});
