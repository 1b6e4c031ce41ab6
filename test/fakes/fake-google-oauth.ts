// A fake Google OAuth token endpoint: takes the JWT-bearer grant, verifies the assertion's RS256
// signature with the test key pair's public key and its claims, and issues access tokens it
// remembers, so a fake API can tell its own tokens from anything else.

import { createVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { FakeAnswer, RecordedRequest } from './fake-google-server.js';

export interface FakeOAuth {
  readonly issued: Set<string>;
  /** Token exchanges answered (granted or refused). */
  exchanges: number;
  answer(request: RecordedRequest, tokenUri: string): FakeAnswer;
}

function oauthError(error: string, description: string): FakeAnswer {
  return { status: 400, body: { error, error_description: description } };
}

function claimsOf(part: string | undefined): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function createFakeOAuth(options: { publicKey: KeyObject; clientEmail: string }): FakeOAuth {
  const oauth: FakeOAuth = {
    issued: new Set(),
    exchanges: 0,
    answer(request, tokenUri) {
      oauth.exchanges += 1;
      const form = new URLSearchParams(request.rawBody);
      if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') return oauthError('invalid_request', 'Bad content type.');
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return oauthError('unsupported_grant_type', 'Invalid grant_type.');
      const [header, payload, signature] = (form.get('assertion') ?? '').split('.');
      const signed = createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(options.publicKey, signature ?? '', 'base64url');
      if (!signed) return oauthError('invalid_grant', 'Invalid JWT Signature.');
      const claims = claimsOf(payload);
      const iat = Number(claims?.['iat']);
      const exp = Number(claims?.['exp']);
      if (claims?.['iss'] !== options.clientEmail || claims['aud'] !== tokenUri) return oauthError('invalid_grant', 'Invalid JWT: iss or aud.');
      if (claims['scope'] !== 'https://www.googleapis.com/auth/cloud-platform') return oauthError('invalid_scope', 'Invalid OAuth scope.');
      if (!(exp > iat) || exp - iat > 3600) return oauthError('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes).');
      const token = `ya29.fake-${oauth.issued.size + 1}-${payload?.slice(-12) ?? ''}`;
      oauth.issued.add(token);
      return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
    },
  };
  return oauth;
}
