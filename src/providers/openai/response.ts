// Checks that an OpenAI-wire response body has the shape its operation promises; the body is
// already canonical, so nothing is translated. A body of another shape is `upstream_malformed`.

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatCompletion, Completion, EmbeddingResponse } from '../../wire/openai/types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body's `field` when it is a list of objects each passing `check`. */
function listOf(body: unknown, field: string, check: (item: Record<string, unknown>) => boolean): unknown[] | undefined {
  const list = isRecord(body) ? body[field] : undefined;
  if (!Array.isArray(list)) return undefined;
  return list.every((item) => isRecord(item) && check(item)) ? list : undefined;
}

function malformed(what: string): GatewayError {
  return new GatewayError('upstream_malformed', { detail: `The upstream answer is not ${what}.` });
}

export function parseChatCompletion(body: unknown): ChatCompletion {
  if (listOf(body, 'choices', (choice) => isRecord(choice['message'])) === undefined) throw malformed('a chat completion');
  return body as ChatCompletion;
}

export function parseCompletion(body: unknown): Completion {
  if (listOf(body, 'choices', () => true) === undefined) throw malformed('a text completion');
  return body as Completion;
}

export function parseEmbeddingResponse(body: unknown): EmbeddingResponse {
  if (listOf(body, 'data', (item) => 'embedding' in item) === undefined) throw malformed('an embedding list');
  return body as EmbeddingResponse;
}

/** A stream chunk: an object with a `choices` list (empty in the usage-only chunk). */
export function isChunkShaped(value: unknown): value is Record<string, unknown> {
  return listOf(value, 'choices', () => true) !== undefined;
}
