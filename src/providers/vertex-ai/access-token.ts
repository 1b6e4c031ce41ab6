// The `sign` step of Vertex AI: `api_key` as a ready access token, or a service account's token from
// the JWT-bearer grant at its `token_uri`, memoised until shortly before expiry; failures never quote
// the key. developers.google.com/identity/protocols/oauth2/service-account#httprest

import { credentialMemoKey } from '../credential-memo-key.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { HttpRequestSpec, ResolvedDeployment, SignContext } from '../types.js';
import { readServiceAccount } from './service-account.js';
import type { ServiceAccount } from './service-account.js';
import { serviceAccountJwt } from './service-account-jwt.js';
import { vertexCredentialsOf } from './vertex-endpoint.js';

const jwtBearerGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Refresh this long before Google's expiry, so no request leaves with a token about to lapse. */
const refreshMarginMs = 5 * 60_000;

function authFailure(deployment: ResolvedDeployment, detail: string): GatewayError {
  return new GatewayError('upstream_auth', { detail: `${deployment.provider} deployment ${deployment.id}: ${detail}` });
}

function accountOf(deployment: ResolvedDeployment): ServiceAccount {
  const reading = readServiceAccount(vertexCredentialsOf(deployment));
  if ('problem' in reading) throw authFailure(deployment, reading.problem);
  return reading.account;
}

/** The token endpoint's answer: `{"access_token","expires_in","token_type"}`, or an OAuth error. */
function tokenOf(text: string, status: number, deployment: ResolvedDeployment): { token: string; expiresInS: number } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (status !== 200 || typeof record['access_token'] !== 'string') {
    // Only the OAuth error code is kept: the description may quote the assertion.
    const code = typeof record['error'] === 'string' ? record['error'].slice(0, 60) : '-';
    throw authFailure(deployment, `the token endpoint answered ${status} (error=${code})`);
  }
  const expiresIn = record['expires_in'];
  return { token: record['access_token'], expiresInS: typeof expiresIn === 'number' ? expiresIn : 3600 };
}

async function exchange(account: ServiceAccount, deployment: ResolvedDeployment, ctx: SignContext): Promise<{ value: string; expiresAtMs: number }> {
  const startedMs = ctx.now();
  let assertion: string;
  try {
    assertion = serviceAccountJwt(account, startedMs);
  } catch (error) {
    throw authFailure(deployment, `the service account's private_key cannot sign (${error instanceof Error ? error.name : 'error'})`);
  }
  const form = new URLSearchParams({ grant_type: jwtBearerGrant, assertion });
  const request: HttpRequestSpec = { method: 'POST', url: account.tokenUri, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
  const answer = await ctx.fetch(request);
  const { token, expiresInS } = tokenOf(answer.text, answer.status, deployment);
  return { value: token, expiresAtMs: startedMs + Math.max(0, expiresInS * 1000 - refreshMarginMs) };
}

/** One cache entry per key pair and endpoint; the key itself is hashed, never used as the name. */
function memoKeyOf(account: ServiceAccount): string {
  return credentialMemoKey('vertex_ai', [account.clientEmail, account.tokenUri], account.privateKey);
}

export async function signVertexRequest(request: HttpRequestSpec, deployment: ResolvedDeployment, ctx: SignContext): Promise<HttpRequestSpec> {
  let token = deployment.apiKey;
  if (token === undefined || token === '') {
    const account = accountOf(deployment);
    token = await ctx.memo(memoKeyOf(account), () => exchange(account, deployment, ctx));
  }
  return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
}
