// Signs the JWT a service account trades for an access token (RS256 over header.claims), with the
// time taken from the caller. https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests

import { createSign } from 'node:crypto';
import type { ServiceAccount } from './service-account.js';

export const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';
/** Google accepts at most one hour between `iat` and `exp`. */
export const jwtLifetimeS = 3600;

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function serviceAccountJwt(account: ServiceAccount, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(account.privateKeyId === undefined ? {} : { kid: account.privateKeyId }) };
  const claims = { iss: account.clientEmail, scope: cloudPlatformScope, aud: account.tokenUri, iat, exp: iat + jwtLifetimeS };
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(account.privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
}
