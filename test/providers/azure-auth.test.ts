// Azure OpenAI credentials as a user configures them: start-up problems named, and an Entra ID app's
// client-credentials token fetched once, cached until near expiry, and never leaked on failure.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { azureAdapter } from '../../src/providers/azure/azure-adapter.js';
import type { HttpRequestSpec, SignContext } from '../../src/providers/types.js';
import { deploymentOf, nonStream } from './deployments.js';

const app = { tenant_id: 'contoso-tenant', client_id: 'app-id-123', client_secret: 'app-secret-value-987' }; // scan-secrets: allow (a fixture secret)
const entra = deploymentOf({ provider: 'azure', model: 'gpt-4o-prod', apiKey: undefined, apiBase: 'https://r.openai.azure.com', extraParams: app });

/** A sign context with a settable clock, a scripted token endpoint and a real memo. */
function signContext(answers: { status: number; text: string }[]): SignContext & { sent: HttpRequestSpec[]; nowMs: number } {
  const cache = new Map<string, { value: string; expiresAtMs: number }>();
  const ctx = {
    sent: [] as HttpRequestSpec[],
    nowMs: 1_000_000,
    now: () => ctx.nowMs,
    fetch: (request: HttpRequestSpec) => {
      ctx.sent.push(request);
      return Promise.resolve(answers.shift() ?? { status: 500, text: '' });
    },
    memo: async (key: string, load: () => Promise<{ value: string; expiresAtMs: number }>) => {
      const hit = cache.get(key);
      if (hit !== undefined && ctx.nowMs < hit.expiresAtMs) return hit.value;
      const entry = await load();
      cache.set(key, entry);
      return entry.value;
    },
  };
  return ctx;
}

const token = (value: string, expiresInS = 3599) => ({ status: 200, text: JSON.stringify({ token_type: 'Bearer', expires_in: expiresInS, ext_expires_in: expiresInS, access_token: value }) });

describe('Azure OpenAI credentials', () => {
  it('names what a deployment misses at start', () => {
    const check = azureAdapter.checkDeployment;
    assert.ok(check !== undefined);
    assert.deepEqual(check(entra), []);
    const problems = check(deploymentOf({ provider: 'azure', apiKey: undefined, apiBase: undefined, extraParams: { tenant_id: 't' } }));
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /api_base/);
    assert.match(problems[1] ?? '', /api_key, azure_ad_token, or tenant_id \+ client_id \+ client_secret \(an Entra ID app also needs client_id, client_secret\)/);
  });

  it("exchanges an Entra ID app's secret for a token once, and renews it near expiry", async () => {
    const ctx = signContext([token('first-token'), token('second-token')]);
    const spec = azureAdapter.chat.buildRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, entra, nonStream);
    const signed = await azureAdapter.sign?.(spec, entra, ctx);
    assert.equal(signed?.headers['authorization'], 'Bearer first-token');
    assert.equal(ctx.sent.length, 1);
    const sent = ctx.sent[0];
    assert.equal(sent?.url, 'https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token');
    assert.equal(sent?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(sent?.body ?? '')), {
      grant_type: 'client_credentials', client_id: 'app-id-123', client_secret: 'app-secret-value-987', scope: 'https://cognitiveservices.azure.com/.default', // scan-secrets: allow
    });
    ctx.nowMs += 50 * 60_000;
    assert.equal((await azureAdapter.sign?.(spec, entra, ctx))?.headers['authorization'], 'Bearer first-token');
    ctx.nowMs += 6 * 60_000;
    assert.equal((await azureAdapter.sign?.(spec, entra, ctx))?.headers['authorization'], 'Bearer second-token');
    assert.equal(ctx.sent.length, 2);
  });

  it('never hands a cached token to a deployment of the same app with another secret', async () => {
    const ctx = signContext([token('granted-token'), { status: 401, text: JSON.stringify({ error: 'invalid_client' }) }]);
    const spec = azureAdapter.chat.buildRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, entra, nonStream);
    assert.equal((await azureAdapter.sign?.(spec, entra, ctx))?.headers['authorization'], 'Bearer granted-token');
    const guessed = deploymentOf({ ...entra, extraParams: { ...app, client_secret: 'a-guess' } });
    await assert.rejects(azureAdapter.sign?.(spec, guessed, ctx) ?? Promise.resolve(), (error: unknown) => error instanceof GatewayError && error.code === 'upstream_auth');
    assert.equal(ctx.sent.length, 2, 'the second secret was exchanged on its own');
  });

  it('uses the configured authority host and scope (sovereign clouds)', async () => {
    const gov = deploymentOf({ ...entra, extraParams: { ...app, azure_authority_host: 'https://login.microsoftonline.us/', azure_scope: 'https://cognitiveservices.azure.us/.default' } });
    const ctx = signContext([token('gov-token')]);
    await azureAdapter.sign?.(azureAdapter.embeddings.buildRequest({ model: 'e', input: 'x' }, gov, nonStream), gov, ctx);
    assert.equal(ctx.sent[0]?.url, 'https://login.microsoftonline.us/contoso-tenant/oauth2/v2.0/token');
    assert.equal(new URLSearchParams(ctx.sent[0]?.body ?? '').get('scope'), 'https://cognitiveservices.azure.us/.default');
  });

  it('turns a refused exchange into upstream_auth without the secret, and leaves key deployments alone', async () => {
    const refused = { status: 401, text: JSON.stringify({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided. app-secret-value-987' }) };
    const ctx = signContext([refused]);
    const spec = azureAdapter.chat.buildRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, entra, nonStream);
    await assert.rejects(azureAdapter.sign?.(spec, entra, ctx) ?? Promise.resolve(), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.code, 'upstream_auth');
      assert.match(error.detail ?? '', /answered 401 \(error=invalid_client\)/);
      assert.ok(!`${error.message} ${error.detail ?? ''}`.includes('app-secret-value-987'));
      return true;
    });
    const keyed = deploymentOf({ provider: 'azure', apiBase: 'https://r.openai.azure.com', extraParams: app });
    const keyedSpec = azureAdapter.chat.buildRequest({ model: 'm', messages: [] }, keyed, nonStream);
    assert.equal(await azureAdapter.sign?.(keyedSpec, keyed, ctx), keyedSpec);
    assert.equal(ctx.sent.length, 1);
  });
});
