// AWS Signature Version 4 for one request, as data: canonical request, string to sign, signing key
// and the headers to add. Pure: the time comes from the caller. Transport is not its concern.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

import { createHash, createHmac } from 'node:crypto';
import type { HttpRequestSpec } from '../types.js';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export interface SigV4Options {
  readonly credentials: AwsCredentials;
  readonly region: string;
  readonly service: string;
  /** When the request is signed, in milliseconds since the epoch. */
  readonly nowMs: number;
  /** Send (and sign) `x-amz-content-sha256`, as the AWS SDKs do for Bedrock. */
  readonly contentSha256Header: boolean;
}

const algorithm = 'AWS4-HMAC-SHA256';

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 encoding as SigV4 wants it: everything but `A-Za-z0-9-_.~`, hex digits upper case. */
export function awsUriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `20150830T123600Z`. */
export function amzDateOf(nowMs: number): string {
  return new Date(nowMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Every service but S3 encodes each path segment of the path as sent once more, so a model id sent
 * as `a%3Ab` is `a%253Ab` in the canonical URI ("Each path segment must be URI-encoded twice").
 */
function canonicalUri(pathname: string): string {
  return pathname.split('/').map(awsUriEncode).join('/') || '/';
}

function canonicalQuery(search: string): string {
  if (search.length <= 1) return '';
  const pairs = search.slice(1).split('&').filter((part) => part !== '').map((part) => {
    const at = part.indexOf('=');
    const name = decodeURIComponent(at === -1 ? part : part.slice(0, at));
    const value = at === -1 ? '' : decodeURIComponent(part.slice(at + 1));
    return `${awsUriEncode(name)}=${awsUriEncode(value)}`;
  });
  return pairs.sort().join('&');
}

/** Lower-case names, values trimmed with inner runs of spaces collapsed, sorted by name. */
function canonicalHeaders(headers: Readonly<Record<string, string>>): [string, string][] {
  const byName = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    const clean = value.trim().replace(/ +/g, ' ');
    byName.set(lower, byName.has(lower) ? `${byName.get(lower) ?? ''},${clean}` : clean);
  }
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface SigV4Parts {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

/** The signature of `request` whose headers already hold every header to sign (host included). */
export function sigV4Parts(request: HttpRequestSpec, options: SigV4Options, payloadHash: string): SigV4Parts {
  const url = new URL(request.url);
  const amzDate = amzDateOf(options.nowMs);
  const headers = canonicalHeaders(request.headers);
  const signedHeaders = headers.map(([name]) => name).join(';');
  const canonicalRequest = [
    request.method,
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${options.region}/${options.service}/aws4_request`;
  const stringToSign = [algorithm, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const dayKey = hmac(`AWS4${options.credentials.secretAccessKey}`, day);
  const signingKey = hmac(hmac(hmac(dayKey, options.region), options.service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return { canonicalRequest, stringToSign, signedHeaders, signature };
}

/**
 * The request with `x-amz-date`, the session token, the payload hash when asked, and
 * `authorization` added. `host` is signed but not added: the HTTP client sends it from the URL.
 */
export function signSigV4(request: HttpRequestSpec, options: SigV4Options): HttpRequestSpec {
  const payloadHash = sha256Hex(request.body ?? '');
  const added: Record<string, string> = { 'x-amz-date': amzDateOf(options.nowMs) };
  const token = options.credentials.sessionToken;
  if (token !== undefined && token !== '') added['x-amz-security-token'] = token;
  if (options.contentSha256Header) added['x-amz-content-sha256'] = payloadHash;
  const headers = { ...request.headers, ...added };
  const parts = sigV4Parts({ ...request, headers: { ...headers, host: new URL(request.url).host } }, options, payloadHash);
  const scope = `${amzDateOf(options.nowMs).slice(0, 8)}/${options.region}/${options.service}/aws4_request`;
  const authorization = `${algorithm} Credential=${options.credentials.accessKeyId}/${scope}, SignedHeaders=${parts.signedHeaders}, Signature=${parts.signature}`;
  return { ...request, headers: { ...headers, authorization } };
}
