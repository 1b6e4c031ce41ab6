// A fake Google AI Studio (Gemini API) on 127.0.0.1: checks the `x-goog-api-key` header, the
// `/v1beta/models/{model}:{method}` paths and `alt=sse` on streams, and answers in Gemini's wire
// format (text, function calls, safety blocks, embeddings, Google error bodies).

import type { FakeAnswer, FakeServer, RecordedRequest } from './fake-google-server.js';
import { googleError, startFakeServer } from './fake-google-server.js';
import { answerGenerateContent } from './fake-gemini-answers.js';

const modelPath = /^\/v1beta\/models\/([^/:]+):([A-Za-z]+)$/;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Google's answer to a missing or wrong key is a 400 with reason API_KEY_INVALID (or 403 when absent). */
function refusedKey(request: RecordedRequest, apiKey: string): FakeAnswer | undefined {
  const given = request.headers['x-goog-api-key'];
  if (given === undefined) return googleError(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.');
  if (given === apiKey) return undefined;
  return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
  ]);
}

function embed(body: unknown): FakeAnswer {
  const requests = typeof body === 'object' && body !== null ? (body as { requests?: unknown }).requests : undefined;
  if (!Array.isArray(requests)) return googleError(400, 'INVALID_ARGUMENT', '* BatchEmbedContentsRequest.requests: requests is not specified\n');
  const embeddings = requests.map((r: { content?: { parts?: { text?: string }[] }; outputDimensionality?: number }) => {
    const text = r.content?.parts?.[0]?.text ?? '';
    const size = r.outputDimensionality ?? 4;
    return { values: Array.from({ length: size }, (_, i) => ((text.length + i) % 10) / 10) };
  });
  return { status: 200, body: { embeddings } };
}

export function routeGemini(request: RecordedRequest, apiKey: string): FakeAnswer {
  const [pathname = '', query = ''] = request.path.split('?');
  const match = modelPath.exec(pathname);
  if (request.method !== 'POST' || match === null) return googleError(404, 'NOT_FOUND', `Invalid path ${pathname}.`);
  const refused = refusedKey(request, apiKey);
  if (refused !== undefined) return refused;
  const [, model = '', method] = match;
  const body = parse(request.rawBody);
  if (method === 'generateContent') return answerGenerateContent(body, model, false);
  if (method === 'streamGenerateContent') {
    // Without alt=sse Google streams one JSON array, which no SSE client can read.
    if (new URLSearchParams(query).get('alt') !== 'sse') return googleError(400, 'INVALID_ARGUMENT', 'fake: streams must ask for alt=sse');
    return answerGenerateContent(body, model, true);
  }
  if (method === 'batchEmbedContents') return embed(body);
  return googleError(404, 'NOT_FOUND', `models/${model} is not found for API version v1beta, or is not supported for ${method}.`);
}

export async function startFakeGemini(options: { apiKey: string }): Promise<FakeServer> {
  return startFakeServer((request) => routeGemini(request, options.apiKey));
}
