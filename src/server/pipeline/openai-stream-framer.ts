// OpenAI clients' streams: same-dialect upstream frames are forwarded as they are and only observed
// (usage, the end marker, error events scrubbed of credentials); other dialects come through the
// adapter's stream mapper as canonical chunks.

import type { StreamEvent } from '../../providers/types.js';
import { scrubSecrets } from '../../providers/scrub-secrets.js';
import { renderOpenAiError } from '../../wire/openai/render-error.js';
import type { Usage } from '../../wire/openai/types.js';
import type { StreamResult } from './call-deployment.js';
import { usageOfChunk, type StreamUsage } from './observe-usage.js';
import type { Stamp } from './stamp-canonical.js';
import { cutStreamError, type StreamFramer } from './stream-framer.js';

const done = 'data: [DONE]\n\n';

/**
 * An upstream error event (`{"error":{...}}`) re-written with its fields scrubbed of credentials
 * (the deployment key among them); undefined for any other event. The cheap check keeps the
 * common chunk from being parsed twice.
 */
export function scrubbedErrorEvent(data: string, apiKey: string | undefined): string | undefined {
  if (!data.includes('"error"')) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    return undefined;
  }
  const error = typeof event === 'object' && event !== null ? (event as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return undefined;
  const field = (value: unknown, maxChars: number): string | null =>
    typeof value === 'string' ? scrubSecrets(value, { secrets: [apiKey], maxChars }) : null;
  const { message, type, code, param } = error as Record<string, unknown>;
  return JSON.stringify({ error: { message: field(message, 500) ?? 'The upstream stream failed.', type: field(type, 100), code: field(code, 100), param: field(param, 100) } });
}

export function createOpenAIStreamFramer(clientWantsUsage: boolean, stamp: Stamp): (result: StreamResult, usage: StreamUsage) => StreamFramer {
  return (result, usage) => {
    const mapper = result.operation.wire === 'openai' ? undefined : result.operation.createStreamMapper(result.resolved);
    let sawDone = false;
    const emitData = (data: string): string => {
      const chunkUsage = usageOfChunk(data);
      if (chunkUsage !== undefined) {
        usage.last = chunkUsage.usage;
        if (chunkUsage.usageOnly) return clientWantsUsage ? `data: ${data}\n\n` : '';
      }
      // Providers stream about one token per chunk: the count stands in for usage if the stream is cut.
      usage.chunks += 1;
      return `data: ${data}\n\n`;
    };
    /** A mapped chunk is observed as an object: no need to search its text for usage. */
    const emitChunk = (chunk: unknown): string => {
      const mapped = stamp(chunk) as { usage?: Usage | null; choices?: readonly unknown[] };
      if (mapped.usage) {
        usage.last = mapped.usage;
        if (mapped.choices?.length === 0 && !clientWantsUsage) return '';
      }
      if (mapped.choices?.length !== 0) usage.chunks += 1;
      return `data: ${JSON.stringify(mapped)}\n\n`;
    };
    return {
      frame(event: StreamEvent): string {
        if (mapper === undefined) {
          if (event.data === '[DONE]') { sawDone = true; return done; }
          const error = scrubbedErrorEvent(event.data, result.resolved.apiKey);
          return error === undefined ? emitData(event.data) : `data: ${error}\n\n`;
        }
        let out = '';
        for (const chunk of mapper.map(event)) out += emitChunk(chunk);
        return out;
      },
      finish(): string {
        if (mapper === undefined) {
          if (!sawDone) throw cutStreamError();
          return '';
        }
        let out = '';
        for (const chunk of mapper.end()) out += emitChunk(chunk);
        return out + done;
      },
      error: (error) => `data: ${renderOpenAiError(error)}\n\n`,
    };
  };
}
