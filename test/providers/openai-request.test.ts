// How the OpenAI-wire adapters build upstream requests: base URLs as LiteLLM users write them,
// deployment defaults that never override the client, profile rules on keys and parameters.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { createOpenAIAdapter, openaiAdapter } from '../../src/providers/openai/openai-adapter.js';
import { getProvider } from '../../src/providers/registry.js';
import { deploymentOf, nonStream, streamWithUsage } from './deployments.js';

const chatRequest = { model: 'public-name', messages: [{ role: 'user' as const, content: 'hi' }] };

function bodyOf(spec: { body: string | undefined }): Record<string, unknown> {
  return JSON.parse(spec.body ?? 'null') as Record<string, unknown>;
}

describe('OpenAI-wire request building', () => {
  it('keeps api_base as given, with or without /v1, minus trailing slashes', () => {
    const urls = ['http://10.0.0.5:8000/v1/', 'http://10.0.0.5:8000', 'https://proxy.example/openai//'].map(
      (apiBase) => openaiAdapter.chat.buildRequest(chatRequest, deploymentOf({ apiBase }), nonStream).url,
    );
    assert.deepEqual(urls, [
      'http://10.0.0.5:8000/v1/chat/completions',
      'http://10.0.0.5:8000/chat/completions',
      'https://proxy.example/openai/chat/completions',
    ]);
  });

  it('applies known deployment params as defaults the client overrides, and ignores unknown ones', () => {
    const deployment = deploymentOf({ extraParams: { temperature: 0.2, top_p: 0.5, rpm: 10, mock_response: 'x' } });
    const body = bodyOf(openaiAdapter.chat.buildRequest({ ...chatRequest, temperature: 0.9 }, deployment, nonStream));
    assert.deepEqual(body, { temperature: 0.9, top_p: 0.5, model: 'gpt-4o-mini-2024-07-18', messages: chatRequest.messages });
  });

  it('asks for usage in streams when told to, keeping the client stream options', () => {
    const request = { ...chatRequest, stream: true, stream_options: { include_obfuscation: false } };
    const body = bodyOf(openaiAdapter.chat.buildRequest(request, deploymentOf(), streamWithUsage));
    assert.deepEqual([body['stream'], body['stream_options']], [true, { include_obfuscation: false, include_usage: true }]);
    const plain = bodyOf(openaiAdapter.chat.buildRequest({ ...chatRequest, stream: false, stream_options: null }, deploymentOf(), nonStream));
    assert.ok(!('stream' in plain) && !('stream_options' in plain));
  });

  it('sends the key as a bearer token only when there is one, and adds deployment headers', () => {
    const deployment = deploymentOf({ headers: { 'X-Team': 'blue', 'OpenAI-Organization': 'org-1' } });
    const spec = openaiAdapter.embeddings.buildRequest({ model: 'e', input: 'x' }, deployment, nonStream);
    assert.deepEqual(spec.headers, {
      'content-type': 'application/json',
      authorization: 'Bearer sk-proj-deploymentkey0123456789',
      'x-team': 'blue',
      'openai-organization': 'org-1',
    });
    assert.equal(spec.url, 'https://api.openai.com/v1/embeddings');
    const keyless = openaiAdapter.chat.buildRequest(chatRequest, deploymentOf({ apiKey: undefined }), nonStream);
    assert.ok(!('authorization' in keyless.headers));
  });

  it('requires api_base where the profile says so, and uses a profile default otherwise', () => {
    const vllm = getProvider('hosted_vllm');
    assert.throws(() => vllm?.chat?.buildRequest(chatRequest, deploymentOf({ provider: 'hosted_vllm' }), nonStream), GatewayError);
    const studio = getProvider('lm_studio')?.chat?.buildRequest(chatRequest, deploymentOf({ apiKey: undefined }), nonStream);
    assert.equal(studio?.url, 'http://127.0.0.1:1234/v1/chat/completions');
  });

  it('refuses or drops a parameter the profile does not support, and refuses a keyless bearer profile', () => {
    const strict = createOpenAIAdapter({ name: 'strict', defaultApiBase: 'https://strict.example/v1', requiresApiBase: false, authHeader: 'bearer', unsupportedParams: ['logit_bias'] });
    const request = { ...chatRequest, logit_bias: { '50256': -100 } };
    assert.throws(() => strict.chat.buildRequest(request, deploymentOf(), nonStream), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.deepEqual([error.code, error.param], ['unsupported_parameter', 'logit_bias']);
      assert.match(error.message, /logit_bias/);
      return true;
    });
    const dropped = bodyOf(strict.chat.buildRequest(request, deploymentOf(), { ...nonStream, dropParams: true }));
    assert.ok(!('logit_bias' in dropped));
    assert.throws(() => strict.chat.buildRequest(chatRequest, deploymentOf({ apiKey: undefined }), nonStream), { code: 'upstream_auth' });
  });
});
