// Reads token usage out of upstream answers without touching content: the `usage` object of a JSON
// body, or of the stream chunk that carries it. Cheap string checks skip chunks that carry none.

import type { GatewayError } from '../../errors/gateway-error.js';
import type { Usage } from '../../wire/openai/types.js';

export interface StreamUsage {
  last: Usage | undefined;
  /** The stream ended normally (not cut by the client or the upstream). */
  complete: boolean;
  /** Chunks forwarded, usage-only chunks excluded. */
  chunks: number;
  /** When the first chunk reached the client. */
  firstChunkAtMs: number | undefined;
  /** What ended the stream early on the upstream's side, if anything. */
  failure: GatewayError | undefined;
}

function isUsage(value: unknown): value is Usage {
  return typeof value === 'object' && value !== null && typeof (value as Usage).total_tokens === 'number';
}

export function usageOfBody(body: unknown): Usage | undefined {
  const usage = typeof body === 'object' && body !== null ? (body as { usage?: unknown }).usage : undefined;
  return isUsage(usage) ? usage : undefined;
}

/** One scan of the text: a `"usage"` key whose value is an object (`"usage":null` is common and skipped). */
function carriesUsage(data: string): boolean {
  for (let at = data.indexOf('"usage"'); at !== -1; at = data.indexOf('"usage"', at + 7)) {
    let i = at + 7;
    while (data.charCodeAt(i) === 0x20) i++;
    if (data.charCodeAt(i) !== 0x3a) continue;
    i++;
    while (data.charCodeAt(i) === 0x20) i++;
    if (data.charCodeAt(i) === 0x7b) return true;
  }
  return false;
}

/** For a chunk's JSON text: its usage, and whether the chunk exists only to carry it (`choices: []`). */
export function usageOfChunk(data: string): { usage: Usage; usageOnly: boolean } | undefined {
  if (!carriesUsage(data)) return undefined;
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    return undefined;
  }
  const usage = usageOfBody(chunk);
  if (usage === undefined) return undefined;
  const choices = (chunk as { choices?: unknown }).choices;
  return { usage, usageOnly: Array.isArray(choices) && choices.length === 0 };
}
