// A deliberately cheap upstream for the benchmark, OpenAI chat completions and Anthropic Messages:
// canned JSON, canned streams and paced streams, chosen by the model name. It checks nothing a real provider would and
// must never be the bottleneck, so every response body is built once and cached.

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { anthropicMessage, anthropicStreamFrames } from './anthropic-frames.js';

/**
 * What a request asks the fake for: `bench-chat`, `bench-stream-<n>`, `bench-paced-<n>x<ms>`;
 * `bench-anthropic-stream-<n>` streams n chunks too (in Anthropic's frames on `/v1/messages`).
 */
export type BenchMode =
  | { readonly kind: 'chat' }
  | { readonly kind: 'stream'; readonly chunks: number }
  | { readonly kind: 'paced'; readonly chunks: number; readonly intervalMs: number };

const maxRequestBytes = 1 << 20;
const maxChunks = 10_000;
const maxCachedBodies = 256;
const created = 1_700_000_000;

/** Reads the mode from a model name (or the `x-bench-mode` header, same syntax); unknown names chat. */
export function parseBenchMode(name: string): BenchMode {
  const stream = /^bench-(?:anthropic-)?stream-(\d+)$/.exec(name);
  if (stream) return { kind: 'stream', chunks: clampChunks(Number(stream[1])) };
  if (name === 'bench-paced') return { kind: 'paced', chunks: 20, intervalMs: 10 };
  const paced = /^bench-paced-(\d+)x(\d+)$/.exec(name);
  if (paced) return { kind: 'paced', chunks: clampChunks(Number(paced[1])), intervalMs: Math.min(Number(paced[2]), 10_000) };
  return { kind: 'chat' };
}

function clampChunks(chunks: number): number {
  return Math.max(1, Math.min(chunks, maxChunks));
}

/** Builds the fake upstream server; the caller listens and closes it. */
export function createFakeUpstream(): Server {
  const bodies = new Map<string, Buffer | readonly Buffer[]>();
  const cached = <T extends Buffer | readonly Buffer[]>(key: string, build: () => T): T => {
    const hit = bodies.get(key);
    if (hit !== undefined) return hit as T;
    if (bodies.size >= maxCachedBodies) bodies.clear();
    const built = build();
    bodies.set(key, built);
    return built;
  };
  const server = createServer((req, res) => {
    const anthropic = req.url?.endsWith('/v1/messages') === true;
    if (req.method !== 'POST' || req.url === undefined || !(anthropic || req.url.endsWith('/chat/completions'))) {
      sendError(res, 404, 'Only POST /v1/chat/completions and /v1/messages are served here.');
      return;
    }
    readBody(req, (body) => {
      const request = parseRequest(body);
      if (request === undefined) {
        sendError(res, 400, 'The body is not a chat completion request.');
        return;
      }
      const header = req.headers['x-bench-mode'];
      const mode = parseBenchMode(typeof header === 'string' ? header : request.model);
      const key = `${anthropic ? 'anthropic' : 'openai'}|${mode.kind}|${request.model}|${request.stream}|${request.includeUsage}`;
      if (!request.stream) {
        const json = cached(key, () => Buffer.from(JSON.stringify(anthropic ? anthropicMessage(request.model) : completion(request.model))));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': json.length });
        res.end(json);
        return;
      }
      const chunks = mode.kind === 'chat' ? 8 : mode.chunks;
      const frames = cached(`${key}|${chunks}`, () => anthropic ? anthropicStreamFrames(request.model, chunks) : streamFrames(request.model, chunks, request.includeUsage));
      if (mode.kind === 'paced') sendPaced(res, frames, { contentChunks: chunks, intervalMs: mode.intervalMs });
      else sendAll(res, frames);
    });
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

interface ChatRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly includeUsage: boolean;
}

function parseRequest(body: string): ChatRequest | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { model, stream, stream_options: options } = parsed as Record<string, unknown>;
  if (typeof model !== 'string') return undefined;
  const includeUsage =
    typeof options === 'object' && options !== null && (options as Record<string, unknown>)['include_usage'] === true;
  return { model, stream: stream === true, includeUsage };
}

function readBody(req: IncomingMessage, done: (body: string) => void): void {
  const parts: Buffer[] = [];
  let size = 0;
  req.on('data', (part: Buffer) => {
    size += part.length;
    if (size > maxRequestBytes) req.destroy();
    else parts.push(part);
  });
  req.on('end', () => done(parts.length === 1 ? (parts[0] as Buffer).toString() : Buffer.concat(parts).toString()));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function completion(model: string): object {
  return {
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello! How can I help you today?', refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 },
  };
}

/** Every frame of one stream: n content chunks, the finish chunk, the usage chunk if asked, [DONE]. */
function streamFrames(model: string, contentChunks: number, includeUsage: boolean): readonly Buffer[] {
  const chunk = (choices: object[], extra: object = {}): Buffer =>
    Buffer.from(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`);
  const frames: Buffer[] = [];
  for (let i = 0; i < contentChunks; i++) {
    const delta = i === 0 ? { role: 'assistant', content: 'tok ' } : { content: 'tok ' };
    frames.push(chunk([{ index: 0, delta, logprobs: null, finish_reason: null }]));
  }
  frames.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]));
  if (includeUsage) {
    frames.push(chunk([], { usage: { prompt_tokens: 12, completion_tokens: contentChunks, total_tokens: 12 + contentChunks } }));
  }
  frames.push(Buffer.from('data: [DONE]\n\n'));
  return frames;
}

const streamHeaders = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

function sendAll(res: ServerResponse, frames: readonly Buffer[]): void {
  res.writeHead(200, streamHeaders);
  for (const frame of frames) res.write(frame);
  res.end();
}

/** The first content chunk at once, one more every `intervalMs`, then the closing frames together. */
function sendPaced(res: ServerResponse, frames: readonly Buffer[], options: { contentChunks: number; intervalMs: number }): void {
  res.writeHead(200, streamHeaders);
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const writeNext = (): void => {
    if (sent < options.contentChunks) {
      res.write(frames[sent++] as Buffer);
      timer = setTimeout(writeNext, options.intervalMs);
      return;
    }
    for (const frame of frames.slice(sent)) res.write(frame);
    res.end();
  };
  res.on('close', () => clearTimeout(timer));
  writeNext();
}

function main(): void {
  const portArgument = process.argv.find((arg) => arg.startsWith('--port='));
  const port = portArgument === undefined ? 0 : Number(portArgument.slice('--port='.length));
  const server = createFakeUpstream();
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`fake upstream listening on ${typeof address === 'object' && address ? address.port : port}\n`);
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
