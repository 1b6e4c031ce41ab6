// Streams for Anthropic Messages clients served by an Anthropic-family deployment: every upstream
// event is forwarded as it came and only observed (usage, the `message_stop` end marker); upstream
// `error` events are re-written with their message scrubbed of credentials.

import { scrubSecrets } from '../../providers/scrub-secrets.js';
import type { StreamEvent } from '../../providers/types.js';
import { createAnthropicUsageObserver } from '../../wire/anthropic/usage.js';
import { anthropicDialect } from '../../wire/anthropic/anthropic-dialect.js';
import type { StreamResult } from './call-deployment.js';
import type { StreamUsage } from './observe-usage.js';
import { cutStreamError, type StreamFramer } from './stream-framer.js';

function scrubbedError(data: string, apiKey: string | undefined): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    parsed = undefined;
  }
  const error = (parsed as { error?: { type?: unknown; message?: unknown } } | undefined)?.error;
  const type = typeof error?.type === 'string' ? scrubSecrets(error.type, { secrets: [apiKey], maxChars: 100 }) : 'api_error';
  const message = typeof error?.message === 'string' ? scrubSecrets(error.message, { secrets: [apiKey], maxChars: 500 }) : 'The upstream stream failed.';
  return JSON.stringify({ type: 'error', error: { type, message } });
}

export function createAnthropicNativeFramer(result: StreamResult, usage: StreamUsage): StreamFramer {
  const observer = createAnthropicUsageObserver();
  const apiKey = result.resolved.apiKey;
  return {
    frame(event: StreamEvent): string {
      const type = event.event;
      if (type === 'content_block_delta') usage.chunks += 1;
      else {
        observer.observe(event);
        if (type === 'message_start' || type === 'message_delta') usage.last = observer.usage();
      }
      if (type === 'error') return `event: error\ndata: ${scrubbedError(event.data, apiKey)}\n\n`;
      return type === undefined ? `data: ${event.data}\n\n` : `event: ${type}\ndata: ${event.data}\n\n`;
    },
    finish(): string {
      if (!observer.complete()) throw cutStreamError();
      return '';
    },
    error: (error) => `event: error\ndata: ${anthropicDialect.renderError(error)}\n\n`,
  };
}
