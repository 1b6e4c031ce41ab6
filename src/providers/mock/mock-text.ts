// Deterministic text helpers of the mock provider: a stable hash, a token estimate and the split of
// a reply into stream pieces. Pure functions; nothing here knows the OpenAI wire shapes.

/** FNV-1a over UTF-16 code units: stable across runs and processes, not for security. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Eight lower-case hex digits of `stableHash`, for ids. */
export function stableHex(text: string): string {
  return stableHash(text).toString(16).padStart(8, '0');
}

/** Roughly four characters a token, like OpenAI's rule of thumb for English. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/**
 * Splits a reply into `pieces` stream deltas at word boundaries; one word a delta by default. More
 * pieces than words repeat the words, so a stream can be made as long as a test needs.
 */
export function splitWords(text: string, pieces: number | undefined): string[] {
  const words = text.split(' ').filter((word) => word !== '');
  if (words.length === 0) return [];
  const count = pieces === undefined ? words.length : Math.max(1, Math.floor(pieces));
  const total = Math.max(count, words.length);
  const out: string[] = [];
  for (let piece = 0; piece < count; piece++) {
    const from = Math.floor((piece * total) / count);
    const to = Math.floor(((piece + 1) * total) / count);
    let delta = '';
    for (let i = from; i < to; i++) delta += (i === 0 ? '' : ' ') + words[i % words.length];
    out.push(delta);
  }
  return out;
}

/** Splits text into at most `pieces` parts of near-equal length (tool call arguments). */
export function splitChars(text: string, pieces: number): string[] {
  const count = Math.max(1, Math.min(Math.floor(pieces), text.length));
  const out: string[] = [];
  for (let piece = 0; piece < count; piece++) {
    out.push(text.slice(Math.floor((piece * text.length) / count), Math.floor(((piece + 1) * text.length) / count)));
  }
  return out;
}
