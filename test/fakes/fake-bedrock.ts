// A fake Amazon Bedrock runtime for tests: a real node:http server on 127.0.0.1 that checks each
// request's SigV4 signature against the test credentials (recomputed from the bytes received),
// answers Converse and InvokeModel in Bedrock's JSON, ConverseStream as a binary AWS event stream
// written in split pieces, and plays scripted failures (HTTP errors with `x-amzn-errortype`, and
// exceptions inside a stream).

import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bedrockEvent, bedrockException } from './aws-event-stream-writer.js';
import { converseAnswer, embeddingAnswer } from './fake-bedrock-answers.js';

export interface FakeAwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface FakeBedrockRequest {
  readonly method: string;
  /** The request target exactly as received (the model id percent-encoded). */
  readonly path: string;
  readonly modelId: string;
  readonly action: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** One scripted answer: an HTTP error, or a stream that fails with an exception after some events. */
export type FakeBedrockBehaviour =
  | { readonly kind: 'http-error'; readonly status: number; readonly errorType: string; readonly message: string; readonly headers?: Record<string, string> }
  | { readonly kind: 'stream-exception'; readonly exceptionType: string; readonly message: string; readonly afterEvents: number };

export interface FakeBedrock {
  /** `http://127.0.0.1:<port>`, what `aws_bedrock_runtime_endpoint` takes. */
  readonly url: string;
  readonly requests: FakeBedrockRequest[];
  script(...behaviours: FakeBedrockBehaviour[]): void;
  close(): Promise<void>;
}

const region = 'us-east-1';
const service = 'bedrock';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const encode = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Why the request's signature is not the one the test credentials give, or undefined when it is. */
function signatureProblem(req: IncomingMessage, body: string, credentials: FakeAwsCredentials): string | undefined {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (auth === null) return 'missing or malformed Authorization';
  const [, keyId, day, authRegion, authService, signedHeaders = '', signature] = auth;
  if (keyId !== credentials.accessKeyId) return 'unknown access key';
  if (authRegion !== region || authService !== service) return 'wrong credential scope';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(day ?? '-')) return 'x-amz-date does not match the scope';
  if (req.headers['x-amz-content-sha256'] !== sha256(body)) return 'x-amz-content-sha256 is not the hash of the body';
  if (credentials.sessionToken !== undefined && req.headers['x-amz-security-token'] !== credentials.sessionToken) return 'wrong session token';
  const names = signedHeaders.split(';');
  for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) if (!names.includes(required)) return `${required} is not signed`;
  const [path = '/', query = ''] = (req.url ?? '/').split('?');
  const canonical = [
    req.method ?? 'POST',
    path.split('/').map(encode).join('/'),
    query.split('&').filter(Boolean).sort().join('&'),
    names.map((name) => `${name}:${String(req.headers[name] ?? '').trim()}\n`).join(''),
    signedHeaders,
    sha256(body),
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, `${day ?? ''}/${region}/${service}/aws4_request`, sha256(canonical)].join('\n');
  let key = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update(day ?? '').digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(stringToSign).digest('hex') === signature ? undefined : 'signature mismatch';
}

function sendError(res: ServerResponse, status: number, errorType: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`, 'x-amzn-requestid': 'fake-request-id', ...headers });
  res.end(JSON.stringify({ message }));
}

/** Writes each message in two pieces, a turn apart, so the client's decoder meets split frames. */
async function writeEventStream(res: ServerResponse, messages: Buffer[]): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'fake-request-id' });
  for (const message of messages) {
    const cut = Math.max(1, Math.floor(message.length / 3));
    res.write(message.subarray(0, cut));
    await new Promise((resolve) => setImmediate(resolve));
    res.write(message.subarray(cut));
  }
  res.end();
}

function streamMessages(body: unknown, modelId: string, behaviour: FakeBedrockBehaviour | undefined): Buffer[] {
  const events = converseAnswer(body, modelId).events.map(([type, payload]) => bedrockEvent(type, payload));
  if (behaviour?.kind !== 'stream-exception') return events;
  return [...events.slice(0, behaviour.afterEvents), bedrockException(behaviour.exceptionType, behaviour.message)];
}

export async function startFakeBedrock(credentials: FakeAwsCredentials): Promise<FakeBedrock> {
  const requests: FakeBedrockRequest[] = [];
  const queue: FakeBedrockBehaviour[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const match = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (req.method !== 'POST' || match === null) return sendError(res, 404, 'UnknownOperationException', 'Unknown operation');
    const modelId = decodeURIComponent(match[1] ?? '');
    const action = match[2] ?? '';
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return sendError(res, 400, 'SerializationException', 'Request body is not JSON');
    }
    requests.push({ method: req.method, path: req.url ?? '', modelId, action, headers: req.headers, body });
    const problem = signatureProblem(req, raw, credentials);
    if (problem !== undefined) {
      const type = problem === 'unknown access key' ? 'UnrecognizedClientException' : 'InvalidSignatureException';
      return sendError(res, 403, type, `The request signature we calculated does not match the signature you provided. (${problem})`);
    }
    const behaviour = queue.shift();
    if (behaviour?.kind === 'http-error') return sendError(res, behaviour.status, behaviour.errorType, behaviour.message, behaviour.headers);
    if (action === 'converse-stream') return writeEventStream(res, streamMessages(body, modelId, behaviour));
    const answer = action === 'invoke' ? embeddingAnswer(body, modelId) : converseAnswer(body, modelId).response;
    res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'fake-request-id' });
    res.end(JSON.stringify(answer));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...behaviours) => void queue.push(...behaviours),
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeAllConnections();
    }),
  };
}
