// SigV4 against AWS's published signature test suite (aws-sig-v4-test-suite: canonical request,
// string to sign and Authorization of each case), and the double-encoded canonical URI of a
// Bedrock model id that holds `:` and `/`.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signSigV4, sigV4Parts } from '../../src/providers/bedrock/sigv4.js';
import type { SigV4Options } from '../../src/providers/bedrock/sigv4.js';
import type { HttpRequestSpec } from '../../src/providers/types.js';

// The suite's documented example credentials. scan-secrets: allow
const suiteCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const suiteTimeMs = Date.UTC(2015, 7, 30, 12, 36, 0);
const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const scope = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const stsToken = 'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

interface SuiteCase {
  readonly name: string;
  readonly request: HttpRequestSpec;
  readonly sessionToken?: string;
  /** The suite's `.creq`, when the case is checked step by step. */
  readonly canonicalRequest?: string;
  readonly authorization: string;
}

function request(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: string): HttpRequestSpec {
  return { method, url: `https://example.amazonaws.com${path}`, headers, body };
}

const cases: SuiteCase[] = [
  {
    name: 'get-vanilla',
    request: request('GET', '/'),
    canonicalRequest: `GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n${emptyHash}`,
    authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
  },
  {
    name: 'get-vanilla-query-order-key-case',
    request: request('GET', '/?Param2=value2&Param1=value1'),
    canonicalRequest: `GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n${emptyHash}`,
    authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`,
  },
  {
    name: 'get-header-value-trim',
    request: request('GET', '/', { 'My-Header1': ' value1', 'My-Header2': ' "a   b   c"' }),
    authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736`,
  },
  {
    name: 'post-vanilla',
    request: request('POST', '/'),
    authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b`,
  },
  {
    name: 'post-x-www-form-urlencoded',
    request: request('POST', '/', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'Param1=value1'),
    canonicalRequest: 'POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e',
    authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a`,
  },
  {
    name: 'post-sts-header-before',
    request: request('POST', '/'),
    sessionToken: stsToken,
    authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead`,
  },
  {
    name: 'get-vanilla-with-session-token',
    request: request('GET', '/'),
    sessionToken: '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267',
    authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8`,
  },
];

function optionsOf(sessionToken?: string): SigV4Options {
  return { credentials: { ...suiteCredentials, sessionToken }, region: 'us-east-1', service: 'service', nowMs: suiteTimeMs, contentSha256Header: false };
}

describe('SigV4 against the aws-sig-v4-test-suite', () => {
  for (const c of cases) {
    it(c.name, () => {
      const signed = signSigV4(c.request, optionsOf(c.sessionToken));
      assert.equal(signed.headers['authorization'], c.authorization);
      assert.equal(signed.headers['x-amz-date'], '20150830T123600Z');
      assert.equal(signed.headers['x-amz-security-token'], c.sessionToken);
      if (c.canonicalRequest !== undefined) {
        const withSigned = { ...c.request, headers: { ...c.request.headers, host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' } };
        const payloadHash = c.canonicalRequest.slice(c.canonicalRequest.lastIndexOf('\n') + 1);
        assert.equal(sigV4Parts(withSigned, optionsOf(), payloadHash).canonicalRequest, c.canonicalRequest);
      }
    });
  }
});

describe('SigV4 for Bedrock', () => {
  it('encodes the model id segment twice in the canonical URI and signs the payload hash header', () => {
    const url = 'https://bedrock-runtime.us-east-1.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse';
    const spec: HttpRequestSpec = { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{}' };
    const signed = signSigV4(spec, { ...optionsOf(), service: 'bedrock', contentSha256Header: true });
    const bodyHash = '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
    assert.equal(signed.headers['x-amz-content-sha256'], bodyHash);
    assert.match(signed.headers['authorization'] ?? '', /SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
    const withHost: Record<string, string> = { ...signed.headers, host: 'bedrock-runtime.us-east-1.amazonaws.com' };
    const toSign = Object.fromEntries(Object.entries(withHost).filter(([name]) => name !== 'authorization'));
    const canonical = sigV4Parts({ ...spec, headers: toSign }, optionsOf(), bodyHash).canonicalRequest;
    assert.equal(canonical.split('\n')[1], '/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Ainference-profile%252Fus.anthropic.claude-3-5-haiku-20241022-v1%253A0/converse');
  });
});
