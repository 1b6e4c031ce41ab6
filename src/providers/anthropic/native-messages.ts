// The native Messages operation: a `/v1/messages` client's body goes to Anthropic with only the
// model replaced, and the answer and stream come back as they are. Here the answer's shape is
// checked and stream events are parsed for observation (usage, completeness); nothing is translated.

import type { AnthropicStreamEvent } from '../../wire/anthropic/types.js';
import type { ResolvedDeployment, StreamEvent, StreamMapper } from '../types.js';
import { cutStreamError, parseAnthropicEvent } from './stream.js';

/**
 * Events as parsed objects, an `error` event included (the client receives it as it came). `end()`
 * throws when no `message_stop` was seen, so a cut or failed stream is never counted complete.
 */
export function createAnthropicEventObserver(_deployment: ResolvedDeployment): StreamMapper<AnthropicStreamEvent> {
  let finished = false;
  return {
    map(event: StreamEvent): AnthropicStreamEvent[] {
      const parsed = parseAnthropicEvent(event);
      if (parsed.type === 'message_stop') finished = true;
      return [parsed];
    },
    end(): AnthropicStreamEvent[] {
      if (!finished) throw cutStreamError();
      return [];
    },
  };
}
