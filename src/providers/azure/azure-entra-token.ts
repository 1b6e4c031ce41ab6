// The `sign` step of Azure OpenAI deployments configured with an Entra ID app: a client-credentials
// token from the tenant's token endpoint, cached by the sign context until shortly before it expires.
// https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow

import { GatewayError } from '../../errors/gateway-error.js';
import { credentialMemoKey } from '../credential-memo-key.js';
import type { HttpRequestSpec, ResolvedDeployment, SignContext } from '../types.js';
import type { AzureClientCredentials } from './azure-credentials.js';
import { azureCredentialOf } from './azure-credentials.js';

/** A token is renewed this long before Entra ID says it expires, so no request carries a stale one. */
const renewBeforeExpiryMs = 5 * 60_000;

function tokenRequest(app: AzureClientCredentials): HttpRequestSpec {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: app.scope });
  return {
    method: 'POST',
    url: `${app.authorityHost}/${encodeURIComponent(app.tenantId)}/oauth2/v2.0/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  };
}

function parsed(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function fetchToken(app: AzureClientCredentials, deployment: ResolvedDeployment, ctx: SignContext): Promise<{ value: string; expiresAtMs: number }> {
  const answer = await ctx.fetch(tokenRequest(app));
  const body = parsed(answer.text);
  const token = body['access_token'];
  const expiresInS = Number(body['expires_in']);
  if (answer.status !== 200 || typeof token !== 'string' || token === '' || !Number.isFinite(expiresInS)) {
    // Entra ID's `error` is a fixed code (invalid_client, ...); its description may quote the app, so it stays out.
    const code = typeof body['error'] === 'string' ? body['error'] : '-';
    const detail = `Entra ID token request of deployment ${deployment.id} (azure, tenant ${app.tenantId}) answered ${answer.status} (error=${code})`;
    throw new GatewayError('upstream_auth', { detail });
  }
  return { value: token, expiresAtMs: ctx.now() + Math.max(0, expiresInS * 1000 - renewBeforeExpiryMs) };
}

export async function signAzureRequest(request: HttpRequestSpec, deployment: ResolvedDeployment, ctx: SignContext): Promise<HttpRequestSpec> {
  const credential = azureCredentialOf(deployment);
  if (credential.kind !== 'client-credentials') return request;
  const app = credential.app;
  const key = credentialMemoKey('azure-entra', [app.authorityHost, app.tenantId, app.clientId, app.scope], app.clientSecret);
  const token = await ctx.memo(key, () => fetchToken(app, deployment, ctx));
  return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
}
