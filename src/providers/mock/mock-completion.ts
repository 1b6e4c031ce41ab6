// The mock provider's legacy completions (`text_completion`) as OpenAI wire objects, whole or as
// stream chunks. One choice, whatever the number of prompts: the prompts are read as one text.

import type { Completion, CompletionRequest } from '../../wire/openai/types.js';
import type { MockAnswerOptions } from './mock-chat.js';
import { estimateTokens, splitWords, stableHex } from './mock-text.js';
import { mockCreatedS, mockUsage } from './mock-usage.js';

type CompletionChoice = Completion['choices'][number];

const echoChars = 40;

function promptParts(prompt: CompletionRequest['prompt']): { text: string; tokens: number } {
  const items: unknown[] = Array.isArray(prompt) ? prompt : [prompt];
  let text = '';
  let tokens = 0;
  for (const item of items) {
    if (typeof item === 'string') text += (text === '' ? '' : '\n') + item;
    else if (typeof item === 'number') tokens += 1;
    else if (Array.isArray(item)) tokens += item.length;
  }
  return { text, tokens: tokens + estimateTokens(text.length) };
}

function replyOf(request: CompletionRequest, text: string, options: MockAnswerOptions): string {
  if (options.replyText !== undefined) return options.replyText;
  const flat = text.replace(/\s+/g, ' ').trim();
  const start = flat.length > echoChars ? `${flat.slice(0, echoChars)}...` : flat;
  return `This is a mock completion from ${request.model}. Prompt: "${start}"`;
}

function base(request: CompletionRequest, promptText: string, choices: CompletionChoice[]): Completion {
  const id = `cmpl-mock${stableHex(`${request.model}|${promptText}`)}`;
  return { id, object: 'text_completion', created: mockCreatedS, model: request.model, choices };
}

export function mockCompletion(request: CompletionRequest, options: MockAnswerOptions = {}): Completion {
  const prompt = promptParts(request.prompt);
  const text = replyOf(request, prompt.text, options);
  return {
    ...base(request, prompt.text, [{ text, index: 0, logprobs: null, finish_reason: 'stop' }]),
    usage: mockUsage(Math.max(1, prompt.tokens), Math.max(1, estimateTokens(text.length))),
  };
}

/** Text deltas, a final empty delta with the finish reason, then usage when asked for. */
export function mockCompletionChunks(request: CompletionRequest, options: MockAnswerOptions = {}): Completion[] {
  const includeUsage = request.stream_options?.include_usage === true;
  const prompt = promptParts(request.prompt);
  const chunk = (text: string, finish: CompletionChoice['finish_reason']): Completion =>
    base(request, prompt.text, [{ text, index: 0, logprobs: null, finish_reason: finish }]);
  const pieces = splitWords(replyOf(request, prompt.text, options), options.chunks);
  const chunks = pieces.map((piece) => chunk(piece, null));
  chunks.push(chunk('', 'stop'));
  if (includeUsage) {
    const outputChars = pieces.reduce((sum, piece) => sum + piece.length, 0);
    const usage = mockUsage(Math.max(1, prompt.tokens), Math.max(1, estimateTokens(outputChars)));
    chunks.push({ ...base(request, prompt.text, []), usage });
  }
  return chunks;
}
