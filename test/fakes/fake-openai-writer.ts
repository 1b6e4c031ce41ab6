// Writes one answer of the fake OpenAI server onto the socket, applying the pacing and failure
// behaviours of the request (delays, chunk intervals, a cut connection). Knows no routes.

import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MockOpenAIAnswer } from '../../src/providers/mock/mock-openai-answer.js';
import { encodeSseEvent } from '../../src/upstream/sse-encoder.js';

/** What the next request does instead of, or on top of, a plain answer. Fields combine. */
export interface FakeBehaviour {
  /** Answer with this status (an OpenAI error body unless `body` is given; a string is sent as is). */
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Wait this long before sending the response headers. */
  readonly delayHeadersMs?: number;
  /** Wait this long between the stream's headers and its first frame. */
  readonly firstChunkDelayMs?: number;
  /** Write this many stream frames (or, for JSON, the headers and half the body), then destroy the socket. */
  readonly cutStreamAfterChunks?: number;
  /** Wait this long between two stream frames. */
  readonly chunkIntervalMs?: number;
  /** Number of content deltas in a streamed answer. */
  readonly chunks?: number;
}

export interface AnswerWrite {
  readonly res: ServerResponse;
  readonly answer: MockOpenAIAnswer;
  readonly behaviour: FakeBehaviour;
  readonly headers: Record<string, string>;
  /** Aborted when the client goes away or the server closes. */
  readonly signal: AbortSignal;
  /** Called just before the fake itself destroys the socket, so it is not counted as a client abort. */
  readonly onCut: () => void;
}

/** Resolves false instead of throwing when the wait is cut short by the signal. */
export async function pause(ms: number | undefined, signal: AbortSignal): Promise<boolean> {
  if (ms === undefined || ms <= 0) return !signal.aborted;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Flushes what was written, then closes the connection without finishing the HTTP message. */
function cut(write: AnswerWrite): void {
  write.onCut();
  const socket = write.res.socket;
  socket?.end(() => socket.destroy());
}

function writeJson(write: AnswerWrite, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = { 'content-type': 'application/json', ...write.headers, 'content-length': String(Buffer.byteLength(text)) };
  write.res.writeHead(status, headers);
  if (write.behaviour.cutStreamAfterChunks === undefined) {
    write.res.end(text);
    return;
  }
  write.res.write(text.slice(0, Math.floor(text.length / 2)));
  cut(write);
}

async function writeStream(write: AnswerWrite, chunks: readonly unknown[]): Promise<void> {
  const { res, behaviour, signal } = write;
  const frames = chunks.map((chunk) => encodeSseEvent({ data: JSON.stringify(chunk) }));
  frames.push(encodeSseEvent({ data: '[DONE]' }));
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...write.headers });
  res.flushHeaders();
  if (!(await pause(behaviour.firstChunkDelayMs, signal))) return;
  const interval = behaviour.chunkIntervalMs;
  for (let i = 0; i < frames.length; i++) {
    if (i === behaviour.cutStreamAfterChunks) {
      cut(write);
      return;
    }
    if (i > 0 && !(await pause(interval, signal))) return;
    res.write(frames[i]);
  }
  if (behaviour.cutStreamAfterChunks !== undefined && behaviour.cutStreamAfterChunks >= frames.length) cut(write);
  else res.end();
}

export async function writeAnswer(write: AnswerWrite): Promise<void> {
  if (!(await pause(write.behaviour.delayHeadersMs, write.signal))) return;
  const answer = write.answer;
  if (answer.kind === 'json') writeJson(write, answer.status, answer.body);
  else await writeStream(write, answer.chunks);
}
