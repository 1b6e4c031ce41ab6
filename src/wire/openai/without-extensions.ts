// Canonical requests built from another dialect may carry LiteLLM's extensions for Anthropic-family
// upstreams (`thinking`, and `thinking_blocks` / `reasoning_content` on assistant turns). OpenAI's
// API refuses arguments it does not know, so they are removed before an OpenAI-wire upstream.

import type { ChatCompletionRequest, ChatMessage } from './types.js';

const messageExtensions = ['thinking_blocks', 'reasoning_content'] as const;

function plainMessage(message: ChatMessage): ChatMessage {
  if (!messageExtensions.some((name) => name in message)) return message;
  const copy = { ...message };
  for (const name of messageExtensions) delete copy[name];
  return copy;
}

export function withoutProviderExtensions(request: ChatCompletionRequest): ChatCompletionRequest {
  const { thinking: _thinking, ...rest } = request;
  return { ...rest, messages: request.messages.map(plainMessage) };
}
