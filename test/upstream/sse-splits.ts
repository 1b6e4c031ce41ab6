// Feeds bytes to a fresh SSE decoder whole, split at every offset, and byte by byte, so tests can
// check that the decoded events never depend on where the network cut the stream.

import { createSseDecoder } from '../../src/upstream/sse-decoder.js';
import type { SseEvent } from '../../src/upstream/sse-decoder.js';

export function decodePieces(pieces: readonly Uint8Array[]): SseEvent[] {
  const decoder = createSseDecoder();
  const events = pieces.flatMap((piece) => decoder.push(piece));
  return [...events, ...decoder.end()];
}

export function decodeWhole(bytes: Uint8Array): SseEvent[] {
  return decodePieces([bytes]);
}

/** Every way of cutting `bytes` in two, then byte by byte; each with a label for failure messages. */
export function* everySplitOf(bytes: Uint8Array): Generator<{ label: string; pieces: Uint8Array[] }> {
  for (let at = 0; at <= bytes.length; at++) {
    yield { label: `split at byte ${at}`, pieces: [bytes.subarray(0, at), bytes.subarray(at)] };
  }
  const single: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i++) single.push(bytes.subarray(i, i + 1));
  yield { label: 'byte by byte', pieces: single };
}

export function* everySplit(bytes: Uint8Array): Generator<{ label: string; events: SseEvent[] }> {
  for (const { label, pieces } of everySplitOf(bytes)) yield { label, events: decodePieces(pieces) };
}
