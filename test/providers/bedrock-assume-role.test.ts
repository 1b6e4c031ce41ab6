// `aws_role_name`: the sign step calls STS AssumeRole (a signed query-protocol POST, XML answer)
// through the sign context, caches the temporary keys in its memo, and signs Bedrock requests
// with them; STS failures are `upstream_auth` without any key in them.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { getProvider } from '../../src/providers/registry.js';
import type { HttpRequestSpec, SignContext } from '../../src/providers/types.js';
import { deploymentOf } from './deployments.js';

const base = { aws_access_key_id: 'AKIDFAKEBASEKEY', aws_secret_access_key: 'fake-base-secret-key-0000000000' };
const role = 'arn:aws:iam::123456789012:role/bedrock-caller';
const deployment = deploymentOf({
  provider: 'bedrock', model: 'amazon.nova-lite-v1:0', apiKey: undefined, region: 'us-west-2',
  extraParams: { ...base, aws_role_name: role, aws_session_name: 'gh-test', aws_external_id: 'fake-external-id' },
});
const bedrockRequest: HttpRequestSpec = { method: 'POST', url: 'https://bedrock-runtime.us-west-2.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse', headers: { 'content-type': 'application/json' }, body: '{}' };
const nowMs = Date.UTC(2024, 4, 1, 9, 0, 0);

/** STS's documented AssumeRole answer shape. */
function stsAnswer(expiration: string): string {
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/bedrock-caller/gh-test</Arn><AssumedRoleId>AROAFAKE:gh-test</AssumedRoleId></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIDFAKETEMPKEY</AccessKeyId>
      <SecretAccessKey>fake-temp-secret-key-0000000000</SecretAccessKey>
      <SessionToken>fake-temp-session-token</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>`;
}

/** A sign context with a real memo (keyed cache honouring expiry) and a scripted STS. */
function contextWith(answers: { status: number; text: string }[]): { ctx: SignContext; sent: HttpRequestSpec[]; clock: { ms: number } } {
  const sent: HttpRequestSpec[] = [];
  const clock = { ms: nowMs };
  const cache = new Map<string, { value: string; expiresAtMs: number }>();
  const ctx: SignContext = {
    now: () => clock.ms,
    fetch: (request) => {
      sent.push(request);
      const answer = answers.shift();
      return answer === undefined ? Promise.reject(new Error('no more STS answers')) : Promise.resolve(answer);
    },
    memo: async (key, load) => {
      const hit = cache.get(key);
      if (hit !== undefined && clock.ms < hit.expiresAtMs) return hit.value;
      const entry = await load();
      cache.set(key, entry);
      return entry.value;
    },
  };
  return { ctx, sent, clock };
}

function sign(ctx: SignContext): Promise<HttpRequestSpec> {
  const adapter = getProvider('bedrock');
  assert.ok(adapter?.sign !== undefined);
  return adapter.sign(bedrockRequest, deployment, ctx);
}

describe('bedrock with aws_role_name', () => {
  it('assumes the role with a signed STS call and signs Bedrock with the temporary keys', async () => {
    const { ctx, sent } = contextWith([{ status: 200, text: stsAnswer('2024-05-01T10:00:00Z') }]);
    const signed = await sign(ctx);
    assert.equal(sent.length, 1);
    const sts = sent[0]!;
    assert.equal(sts.url, 'https://sts.us-west-2.amazonaws.com/');
    assert.equal(sts.body, `Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fbedrock-caller&RoleSessionName=gh-test&DurationSeconds=3600&ExternalId=fake-external-id`);
    assert.match(sts.headers['authorization'] ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDFAKEBASEKEY\/20240501\/us-west-2\/sts\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/);
    assert.match(signed.headers['authorization'] ?? '', /Credential=ASIDFAKETEMPKEY\/20240501\/us-west-2\/bedrock\/aws4_request/);
    assert.equal(signed.headers['x-amz-security-token'], 'fake-temp-session-token');
  });

  it('reuses the temporary keys until five minutes before they expire', async () => {
    const { ctx, sent, clock } = contextWith([
      { status: 200, text: stsAnswer('2024-05-01T10:00:00Z') },
      { status: 200, text: stsAnswer('2024-05-01T11:00:00Z') },
    ]);
    await sign(ctx);
    clock.ms = Date.UTC(2024, 4, 1, 9, 54, 59);
    await sign(ctx);
    assert.equal(sent.length, 1, 'still fresh: no second STS call');
    clock.ms = Date.UTC(2024, 4, 1, 9, 55, 0);
    await sign(ctx);
    assert.equal(sent.length, 2, 'within the margin: fetched again');
  });

  it('never hands the cached role keys to a deployment with the same key id and another secret', async () => {
    const { ctx, sent } = contextWith([
      { status: 200, text: stsAnswer('2024-05-01T10:00:00Z') },
      { status: 403, text: '<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>' },
    ]);
    await sign(ctx);
    const guessed = deploymentOf({ ...deployment, extraParams: { ...deployment.extraParams, aws_secret_access_key: 'a-guessed-secret' } });
    const adapter = getProvider('bedrock');
    await assert.rejects(adapter?.sign?.(bedrockRequest, guessed, ctx) ?? Promise.resolve(), (error: unknown) => error instanceof GatewayError && error.code === 'upstream_auth');
    assert.equal(sent.length, 2, 'the other secret went to STS on its own');
  });

  it('turns an STS refusal into upstream_auth naming the code, not the keys', async () => {
    const refusal = '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User arn:aws:iam::123456789012:user/x is not authorized to perform: sts:AssumeRole</Message></Error></ErrorResponse>';
    const { ctx } = contextWith([{ status: 403, text: refusal }]);
    await assert.rejects(sign(ctx), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.code, 'upstream_auth');
      assert.match(error.detail ?? '', /code=AccessDenied/);
      const visible = `${error.message} ${error.detail ?? ''}`;
      for (const secret of [base.aws_secret_access_key, 'is not authorized']) assert.ok(!visible.includes(secret), visible);
      return true;
    });
  });
});
