// Turns a canonical chat completion into a Response object: one assistant `message` item for text
// (or a refusal) and one `function_call` item per tool call. Only the first choice is used, since
// the Responses API has no `n`. `output_text` is left to the SDKs, which compute it client-side.

import type { ChatCompletion, FinishReason } from '../openai/types.js';
import { idBase, itemId, responseObject, responseUsage } from './response-envelope.js';
import type { OutputContent, OutputItem, ResponseObject, ResponseStatus, ResponsesRequest } from './types.js';

export function incompleteReasonOf(finish: FinishReason | null | undefined): 'max_output_tokens' | 'content_filter' | undefined {
  if (finish === 'length') return 'max_output_tokens';
  if (finish === 'content_filter') return 'content_filter';
  return undefined;
}

export function statusOf(finish: FinishReason | null | undefined): ResponseStatus {
  return incompleteReasonOf(finish) === undefined ? 'completed' : 'incomplete';
}

function outputItems(completion: ChatCompletion, base: string): OutputItem[] {
  const message = completion.choices[0]?.message;
  const items: OutputItem[] = [];
  const content: OutputContent[] = [];
  const text = message?.content ?? '';
  if (text.length > 0) content.push({ type: 'output_text', text, annotations: [], logprobs: [] });
  const refusal = message?.refusal;
  if (typeof refusal === 'string' && refusal.length > 0) content.push({ type: 'refusal', refusal });
  const calls = message?.tool_calls ?? [];
  // An empty answer still gets its (empty) message, so clients always find the text where expected.
  if (content.length === 0 && calls.length === 0) content.push({ type: 'output_text', text: '', annotations: [], logprobs: [] });
  if (content.length > 0) items.push({ type: 'message', id: itemId('msg', base, 0), role: 'assistant', status: 'completed', content });
  for (const call of calls) {
    items.push({
      type: 'function_call',
      id: itemId('fc', base, items.length),
      call_id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
      status: 'completed',
    });
  }
  return items;
}

export function fromChatCompletion(completion: ChatCompletion, request: ResponsesRequest): ResponseObject {
  const base = idBase(completion.id);
  const finish = completion.choices[0]?.finish_reason;
  return responseObject(request, {
    base,
    createdS: completion.created,
    model: completion.model,
    status: statusOf(finish),
    output: outputItems(completion, base),
    usage: responseUsage(completion.usage),
    incompleteReason: incompleteReasonOf(finish),
  });
}
