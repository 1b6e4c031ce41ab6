// The Vertex AI `sign` step: a service account's JWT is signed with its key and traded at its
// token_uri once, the token is reused until shortly before expiry (a fake clock moves time), and
// token endpoint failures become upstream_auth without the private key in sight.

import assert from 'node:assert/strict';
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { vertexAiAdapter } from '../../src/providers/vertex-ai/vertex-ai-adapter.js';
import type { HttpRequestSpec, ResolvedDeployment } from '../../src/providers/types.js';
import { createSignContext } from '../../src/server/pipeline/sign-context.js';
import type { OutboundRequest, UpstreamClient } from '../../src/upstream/types.js';
import { deploymentOf } from './deployments.js';

const tokenUri = 'https://oauth2.example.test/token';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const account = { type: 'service_account', project_id: 'acme-prod', private_key_id: 'kid-1', private_key: privatePem, client_email: 'gatehouse@acme-prod.iam.gserviceaccount.com', token_uri: tokenUri };

interface TokenEndpoint {
  readonly client: UpstreamClient;
  readonly exchanges: { assertion: string; claims: Record<string, unknown>; header: Record<string, unknown> }[];
  answer: { status: number; body: string } | undefined;
}

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A token endpoint that checks the form and the RS256 signature against the test's public key. */
function tokenEndpoint(): TokenEndpoint {
  const endpoint: TokenEndpoint = {
    exchanges: [],
    answer: undefined,
    client: {
      send: (request: OutboundRequest) => {
        assert.equal(request.url, tokenUri);
        assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
        const form = new URLSearchParams(request.body ?? '');
        assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
        const assertion = form.get('assertion') ?? '';
        const [header, claims, signature] = assertion.split('.');
        const valid = createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, signature ?? '', 'base64url');
        assert.ok(valid, 'the JWT signature verifies with the service account public key');
        endpoint.exchanges.push({ assertion, claims: decodePart(claims), header: decodePart(header) });
        const answer = endpoint.answer ?? { status: 200, body: JSON.stringify({ access_token: `ya29.token-${endpoint.exchanges.length}`, expires_in: 3599, token_type: 'Bearer' }) };
        return Promise.resolve({ status: answer.status, headers: {}, body: (async function* () {})(), text: () => Promise.resolve(answer.body), dump: () => undefined });
      },
      close: () => Promise.resolve(),
    },
  };
  return endpoint;
}

function vertexDeployment(extra: Record<string, unknown> = {}): ResolvedDeployment {
  return deploymentOf({ provider: 'vertex_ai', model: 'gemini-2.5-flash', apiKey: undefined, extraParams: { vertex_project: 'acme-prod', vertex_location: 'us-central1', vertex_credentials: JSON.stringify(account), ...extra } });
}

const request: HttpRequestSpec = { method: 'POST', url: 'https://us-central1-aiplatform.googleapis.com/v1/x:generateContent', headers: { 'content-type': 'application/json' }, body: '{}' };
const sign = vertexAiAdapter.sign!;

describe('vertex_ai sign: service account tokens', () => {
  it('signs a JWT with the documented claims and exchanges it once for many requests', async () => {
    const endpoint = tokenEndpoint();
    let nowMs = Date.UTC(2026, 0, 1, 12, 0, 0);
    const ctx = createSignContext(endpoint.client, () => nowMs);
    const deployment = vertexDeployment();
    const signed = await Promise.all([sign(request, deployment, ctx), sign(request, deployment, ctx), sign(request, deployment, ctx)]);
    for (const spec of signed) assert.equal(spec.headers['authorization'], 'Bearer ya29.token-1');
    nowMs += 30 * 60_000;
    assert.equal((await sign(request, deployment, ctx)).headers['authorization'], 'Bearer ya29.token-1');
    assert.equal(endpoint.exchanges.length, 1);
    const { claims, header } = endpoint.exchanges[0]!;
    assert.deepEqual(header, { alg: 'RS256', typ: 'JWT', kid: 'kid-1' });
    assert.deepEqual(claims, {
      iss: account.client_email,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      aud: tokenUri,
      iat: Date.UTC(2026, 0, 1, 12, 0, 0) / 1000,
      exp: Date.UTC(2026, 0, 1, 13, 0, 0) / 1000,
    });
  });

  it('refreshes before the token expires, not after', async () => {
    const endpoint = tokenEndpoint();
    let nowMs = 1_800_000_000_000;
    const ctx = createSignContext(endpoint.client, () => nowMs);
    const deployment = vertexDeployment();
    await sign(request, deployment, ctx);
    nowMs += 54 * 60_000;
    assert.equal((await sign(request, deployment, ctx)).headers['authorization'], 'Bearer ya29.token-1', 'still valid well before expiry');
    nowMs += 2 * 60_000;
    assert.equal((await sign(request, deployment, ctx)).headers['authorization'], 'Bearer ya29.token-2', 'renewed inside the five-minute margin');
    assert.equal(endpoint.exchanges[1]?.claims['iat'], Math.floor(nowMs / 1000));
  });

  it('turns a refused exchange into upstream_auth that quotes neither the key nor the assertion, and does not cache it', async () => {
    const endpoint = tokenEndpoint();
    endpoint.answer = { status: 400, body: JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }) };
    const ctx = createSignContext(endpoint.client, () => 1_800_000_000_000);
    const deployment = vertexDeployment();
    const error = await sign(request, deployment, ctx).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof GatewayError);
    assert.equal(error.code, 'upstream_auth');
    const said = `${error.message} ${error.detail ?? ''}`;
    assert.ok(said.includes('invalid_grant'));
    for (const secret of [privatePem.slice(40, 80), endpoint.exchanges[0]!.assertion.slice(0, 40)]) assert.ok(!said.includes(secret));
    endpoint.answer = undefined;
    assert.equal((await sign(request, deployment, ctx)).headers['authorization'], 'Bearer ya29.token-2');
  });

  it('uses api_key as a ready access token without any exchange', async () => {
    const endpoint = tokenEndpoint();
    const ctx = createSignContext(endpoint.client, () => 0);
    const staticToken = 'ya29.minted-elsewhere'; // scan-secrets: allow (a made-up token)
    const deployment = deploymentOf({ provider: 'vertex_ai', model: 'gemini-2.5-flash', apiKey: staticToken, extraParams: { vertex_project: 'acme-prod' } });
    assert.equal((await sign(request, deployment, ctx)).headers['authorization'], `Bearer ${staticToken}`);
    assert.equal(endpoint.exchanges.length, 0);
  });

  it('names missing project and credentials, and a credentials file path, at start', () => {
    const check = vertexAiAdapter.checkDeployment!;
    const bare = deploymentOf({ provider: 'vertex_ai', model: 'gemini-2.5-flash', apiKey: undefined, extraParams: {} });
    const problems = check(bare).join('\n');
    assert.match(problems, /vertex_credentials/);
    assert.match(problems, /vertex_project/);
    const path = deploymentOf({ provider: 'vertex_ai', model: 'gemini-2.5-flash', apiKey: undefined, extraParams: { vertex_project: 'p', vertex_credentials: './sa.json' } });
    assert.match(check(path).join('\n'), /not a file path/);
    assert.deepEqual(check(vertexDeployment()), []);
  });
});
