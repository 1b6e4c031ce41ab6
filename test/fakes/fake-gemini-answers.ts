// What the fake Gemini endpoints (AI Studio and Vertex AI) answer to a `generateContent` body:
// deterministic replies in Gemini's wire format, chosen by what the request holds. A last user
// text with BLOCK gets a blocked prompt, UNSAFE a SAFETY finish, CACHED a cached-token count.

import type { FakeAnswer } from './fake-google-server.js';
import { googleError } from './fake-google-server.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function partsOf(content: unknown): Json[] {
  return isRecord(content) && Array.isArray(content['parts']) ? (content['parts'] as unknown[]).filter(isRecord) : [];
}

function lastTurn(body: Json): Json[] {
  const contents = Array.isArray(body['contents']) ? (body['contents'] as unknown[]) : [];
  return partsOf(contents[contents.length - 1]);
}

function firstToolName(body: Json): string | undefined {
  const tools = Array.isArray(body['tools']) ? (body['tools'] as unknown[]) : [];
  const declarations = isRecord(tools[0]) && Array.isArray(tools[0]['functionDeclarations']) ? (tools[0]['functionDeclarations'] as unknown[]) : [];
  const first = declarations[0];
  return isRecord(first) && typeof first['name'] === 'string' ? first['name'] : undefined;
}

/** The reply's parts and finish reason for a request. */
function replyOf(body: Json, model: string): { parts: Json[]; finishReason: string } {
  const parts = lastTurn(body);
  const text = parts.map((p) => (typeof p['text'] === 'string' ? p['text'] : '')).join(' ');
  const answered = parts.find((p) => isRecord(p['functionResponse']));
  if (answered !== undefined) {
    return { parts: [{ text: `The tool said ${JSON.stringify((answered['functionResponse'] as Json)['response'])}.` }], finishReason: 'STOP' };
  }
  const tool = firstToolName(body);
  if (tool !== undefined) return { parts: [{ functionCall: { name: tool, args: { city: 'Paris' } } }], finishReason: 'STOP' };
  if (text.includes('UNSAFE')) return { parts: [], finishReason: 'SAFETY' };
  const config = isRecord(body['generationConfig']) ? body['generationConfig'] : {};
  if (config['responseMimeType'] === 'application/json') return { parts: [{ text: '{"colors":["red","blue"]}' }], finishReason: 'STOP' };
  const image = parts.find((p) => isRecord(p['inlineData']) || isRecord(p['fileData']));
  if (image !== undefined) {
    const data = (image['inlineData'] ?? image['fileData']) as Json;
    return { parts: [{ text: `I see a picture (${String(data['mimeType'])}).` }], finishReason: 'STOP' };
  }
  return { parts: [{ text: `Hello from ${model}: ` }, { text: text.slice(0, 40) }], finishReason: 'STOP' };
}

function usageOf(body: Json, completionTokens: number): Json {
  const text = JSON.stringify(body['contents'] ?? []);
  const prompt = Math.ceil(text.length / 4);
  const cached = text.includes('CACHED') ? { cachedContentTokenCount: Math.floor(prompt / 2) } : {};
  return { promptTokenCount: prompt, candidatesTokenCount: completionTokens, totalTokenCount: prompt + completionTokens, ...cached };
}

export function answerGenerateContent(raw: unknown, model: string, stream: boolean): FakeAnswer {
  if (!isRecord(raw) || !Array.isArray(raw['contents']) || raw['contents'].length === 0) {
    return googleError(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified\n');
  }
  const responseId = `fake-${model}-${raw['contents'].length}`;
  if (lastTurn(raw).some((p) => typeof p['text'] === 'string' && p['text'].includes('BLOCK'))) {
    const blocked = { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: usageOf(raw, 0), modelVersion: model, responseId };
    return stream ? { status: 200, events: [JSON.stringify(blocked)] } : { status: 200, body: blocked };
  }
  const { parts, finishReason } = replyOf(raw, model);
  const usageMetadata = usageOf(raw, parts.length * 3);
  if (!stream) {
    return { status: 200, body: { candidates: [{ content: { role: 'model', parts }, finishReason, index: 0 }], usageMetadata, modelVersion: model, responseId } };
  }
  // One part per event, the finish reason and final usage on the last, as Gemini streams.
  const events = (parts.length === 0 ? [undefined] : parts).map((part, i, all) => {
    const last = i === all.length - 1;
    const candidate = { content: { role: 'model', parts: part === undefined ? [] : [part] }, index: 0, ...(last ? { finishReason } : {}) };
    return JSON.stringify({ candidates: [candidate], ...(last ? { usageMetadata } : {}), modelVersion: model, responseId });
  });
  return { status: 200, events };
}
