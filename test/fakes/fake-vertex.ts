// A fake Vertex AI on 127.0.0.1 with its own OAuth token endpoint (`/token`): checks that each call
// carries a bearer token it issued and the regional publisher path of the expected project and
// location, and serves Google's (`generateContent`, `predict`) and Anthropic's (`rawPredict`) models.

import type { KeyObject } from 'node:crypto';
import { answerMessages } from './fake-anthropic-answer.js';
import { checkBody } from './fake-anthropic-checks.js';
import { streamEventsOf } from './fake-anthropic-events.js';
import { answerGenerateContent } from './fake-gemini-answers.js';
import type { FakeAnswer, FakeServer, RecordedRequest } from './fake-google-server.js';
import { googleError, startFakeServer } from './fake-google-server.js';
import { createFakeOAuth } from './fake-google-oauth.js';
import type { FakeOAuth } from './fake-google-oauth.js';

export interface FakeVertexOptions {
  readonly project: string;
  readonly location: string;
  readonly clientEmail: string;
  readonly publicKey: KeyObject;
}

export interface FakeVertex extends FakeServer {
  /** What a service account's `token_uri` must say to reach this fake's token endpoint. */
  readonly tokenUri: string;
  readonly oauth: FakeOAuth;
}

const modelPath = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/(google|anthropic)\/models\/([^/:]+):([A-Za-z]+)$/;

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function unauthenticated(): FakeAnswer {
  return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
}

/** Claude on Vertex: Anthropic's body without `model`, with `anthropic_version: vertex-2023-10-16`. */
function answerClaude(body: Record<string, unknown> | undefined, model: string, stream: boolean, cache: Set<string>): FakeAnswer {
  if (body === undefined) return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'The request body is not valid JSON.' } } };
  if (body['anthropic_version'] !== 'vertex-2023-10-16') return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic_version: Input should be vertex-2023-10-16' } } };
  if ('model' in body) return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'model: Extra inputs are not permitted' } } };
  const problem = checkBody({ ...body, model }, false);
  if (problem !== undefined) return { status: problem.status, body: problem.body };
  if (stream !== (body['stream'] === true)) return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'stream must match the method' } } };
  const message = answerMessages({ ...body, model }, cache);
  if (!stream) return { status: 200, body: message };
  return { status: 200, eventStream: streamEventsOf(message).map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('') };
}

/** Text embeddings: `instances[].content` in, `predictions[].embeddings` with token statistics out. */
function predictEmbeddings(body: Record<string, unknown> | undefined): FakeAnswer {
  const instances = body?.['instances'];
  if (!Array.isArray(instances)) return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. instances is required.');
  const parameters = body?.['parameters'] as { outputDimensionality?: number } | undefined;
  const size = parameters?.outputDimensionality ?? 4;
  const predictions = instances.map((instance: { content?: string }) => {
    const text = instance.content ?? '';
    const values = Array.from({ length: size }, (_, i) => ((text.length + i) % 10) / 10);
    return { embeddings: { statistics: { truncated: false, token_count: Math.ceil(text.length / 4) }, values } };
  });
  return { status: 200, body: { predictions, metadata: { billableCharacterCount: 0 } } };
}

function route(request: RecordedRequest, options: FakeVertexOptions, oauth: FakeOAuth, tokenUri: string, cache: Set<string>): FakeAnswer {
  const [pathname = '', query = ''] = request.path.split('?');
  if (request.method === 'POST' && pathname === '/token') return oauth.answer(request, tokenUri);
  const match = modelPath.exec(pathname);
  if (request.method !== 'POST' || match === null) return googleError(404, 'NOT_FOUND', `The requested URL ${pathname} was not found on this server.`);
  const token = /^Bearer (.+)$/.exec(request.headers['authorization'] ?? '')?.[1];
  if (token === undefined || !oauth.issued.has(token)) return unauthenticated();
  const [, project, location, publisher, model = '', method] = match;
  if (project !== options.project || location !== options.location) {
    return googleError(403, 'PERMISSION_DENIED', `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/${project}/locations/${location}' (or it may not exist).`);
  }
  const body = parse(request.rawBody);
  if (publisher === 'anthropic' && (method === 'rawPredict' || method === 'streamRawPredict')) return answerClaude(body, model, method === 'streamRawPredict', cache);
  if (publisher === 'google' && method === 'predict') return predictEmbeddings(body);
  if (publisher === 'google' && method === 'generateContent') return answerGenerateContent(body, model, false);
  if (publisher === 'google' && method === 'streamGenerateContent') {
    if (new URLSearchParams(query).get('alt') !== 'sse') return googleError(400, 'INVALID_ARGUMENT', 'fake: streams must ask for alt=sse');
    return answerGenerateContent(body, model, true);
  }
  return googleError(404, 'NOT_FOUND', `Publisher Model \`projects/${project}/locations/${location}/publishers/${publisher}/models/${model}\` not found.`);
}

export async function startFakeVertex(options: FakeVertexOptions): Promise<FakeVertex> {
  const oauth = createFakeOAuth({ publicKey: options.publicKey, clientEmail: options.clientEmail });
  const cache = new Set<string>();
  let tokenUri = '';
  const server = await startFakeServer((request) => route(request, options, oauth, tokenUri, cache));
  tokenUri = `${server.baseUrl}/token`;
  return { ...server, tokenUri, oauth };
}
