// The Bedrock adapter's steps the contract suite does not drive: `sign` (clock from the context,
// session token, payload hash, credentials never in errors) and the start-up deployment checks.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { getProvider } from '../../src/providers/registry.js';
import type { HttpRequestSpec, ProviderAdapter, SignContext } from '../../src/providers/types.js';
import { deploymentOf } from './deployments.js';

function bedrock(): ProviderAdapter {
  const adapter = getProvider('bedrock');
  assert.ok(adapter?.sign !== undefined && adapter.checkDeployment !== undefined);
  return adapter;
}

const keys = { aws_access_key_id: 'AKIDFAKEUNITTEST', aws_secret_access_key: 'fake-unit-secret-key-000000', aws_session_token: 'fake-unit-session-token' };
const deployment = deploymentOf({ provider: 'bedrock', model: 'amazon.nova-lite-v1:0', apiKey: undefined, region: 'eu-central-1', extraParams: keys });
const at = Date.UTC(2024, 4, 1, 9, 30, 15);
const ctx: SignContext = {
  now: () => at,
  fetch: () => Promise.reject(new Error('Bedrock signing makes no token exchange')),
  memo: () => Promise.reject(new Error('Bedrock signing caches nothing')),
};

describe('bedrock sign', () => {
  it('adds the SigV4 headers with the context clock, session token and payload hash', async () => {
    const spec: HttpRequestSpec = { method: 'POST', url: 'https://bedrock-runtime.eu-central-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse', headers: { 'content-type': 'application/json' }, body: '{"messages":[]}' };
    const signed = await bedrock().sign!(spec, deployment, ctx);
    assert.equal(signed.headers['x-amz-date'], '20240501T093015Z');
    assert.equal(signed.headers['x-amz-security-token'], keys.aws_session_token);
    // sha256 of the body, hex.
    assert.equal(signed.headers['x-amz-content-sha256'], '5e4ce7b36ba37b78a5d5f9fd08e6b7b54ba6879d651aa46ec9e1d6fa24ebe30a');
    assert.match(
      signed.headers['authorization'] ?? '',
      /^AWS4-HMAC-SHA256 Credential=AKIDFAKEUNITTEST\/20240501\/eu-central-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    assert.equal(signed.body, spec.body);
    assert.equal(signed.url, spec.url);
  });

  it('refuses to send unsigned when keys are missing, naming neither key', async () => {
    const noKeys = deploymentOf({ provider: 'bedrock', apiKey: undefined, region: 'us-east-1', extraParams: { aws_secret_access_key: keys.aws_secret_access_key } });
    const spec: HttpRequestSpec = { method: 'POST', url: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse', headers: {}, body: '{}' };
    await assert.rejects(bedrock().sign!(spec, noKeys, ctx), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.code, 'upstream_auth');
      assert.ok(!`${error.message} ${error.detail ?? ''}`.includes(keys.aws_secret_access_key));
      return true;
    });
  });
});

describe('bedrock deployment checks', () => {
  it('accepts keys with aws_region_name or region_name', () => {
    assert.deepEqual(bedrock().checkDeployment!(deployment), []);
    const viaParam = deploymentOf({ provider: 'bedrock', region: undefined, extraParams: { ...keys, aws_region_name: 'us-west-2' } });
    assert.deepEqual(bedrock().checkDeployment!(viaParam), []);
  });

  it('names a missing region, missing keys and credential sources it cannot use', () => {
    const bare = deploymentOf({ provider: 'bedrock', region: undefined, extraParams: { aws_profile_name: 'default' } });
    const problems = bedrock().checkDeployment!(bare);
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? '', /aws_region_name/);
    assert.match(problems[1] ?? '', /aws_access_key_id and aws_secret_access_key/);
    assert.match(problems[2] ?? '', /aws_profile_name is not supported/);
  });

  it("names LiteLLM's invoke/ route, which it does not speak", () => {
    const invoke = deploymentOf({ provider: 'bedrock', model: 'invoke/anthropic.claude-3-haiku-20240307-v1:0', region: 'us-east-1', extraParams: keys });
    assert.deepEqual(bedrock().checkDeployment!(invoke).length, 1);
  });
});
