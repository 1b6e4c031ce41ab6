// What the fake Azure OpenAI server adds to OpenAI's answers: prompt and completion filter results,
// the stream's first chunk that carries only the prompt's, and Azure's error and token bodies.
// https://learn.microsoft.com/en-us/azure/ai-services/openai/concepts/content-filter

import type { MockOpenAIAnswer } from '../../src/providers/mock/mock-openai-answer.js';

/** `prompt`: the request is refused (400); `completion`: the answer is cut (`finish_reason: content_filter`). */
export type AzureContentFilter = 'prompt' | 'completion';

type Json = Record<string, unknown>;

const safe = (): Json => ({
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
});
const violent = (): Json => ({ ...safe(), violence: { filtered: true, severity: 'high' } });

export const promptFilterResults = (): Json[] => [{ prompt_index: 0, content_filter_results: { ...safe(), jailbreak: { filtered: false, detected: false } } }];

export function azureErrorBody(code: string, message: string, extra: Json = {}): Json {
  return { error: { code, message, ...extra } };
}

export function promptFilteredAnswer(): MockOpenAIAnswer {
  const message = "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.";
  const innererror = { code: 'ResponsibleAIPolicyViolation', content_filter_result: { ...safe(), jailbreak: { filtered: false, detected: false }, violence: { filtered: true, severity: 'medium' } } };
  return { kind: 'json', status: 400, body: azureErrorBody('content_filter', message, { type: null, param: 'prompt', status: 400, innererror }) };
}

function annotateChoices(item: Json, annotate: (choice: Json, last: boolean) => Json): Json {
  const choices = item['choices'];
  if (!Array.isArray(choices)) return item;
  return { ...item, choices: choices.map((choice: Json, i) => annotate(choice, i === choices.length - 1)) };
}

function cutJson(choice: Json): Json {
  const message = (choice['message'] ?? {}) as Json;
  return { ...choice, message: { ...message, tool_calls: undefined, content: 'Here is how' }, finish_reason: 'content_filter', content_filter_results: violent() };
}

function chatStream(chunks: readonly unknown[], filter: AzureContentFilter | undefined): unknown[] {
  const first = { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: promptFilterResults() };
  const annotated = chunks.map((chunk) =>
    annotateChoices(chunk as Json, (choice) => {
      const finished = typeof choice['finish_reason'] === 'string';
      if (finished && filter === 'completion') return { ...choice, finish_reason: 'content_filter', content_filter_results: violent() };
      return { ...choice, content_filter_results: finished ? {} : safe() };
    }),
  );
  return [first, ...annotated];
}

/** OpenAI's answer as Azure sends it; embeddings and errors pass unchanged. */
export function azureAnswerOf(answer: MockOpenAIAnswer, route: string, filter: AzureContentFilter | undefined): MockOpenAIAnswer {
  if (route !== '/chat/completions') return answer;
  if (answer.kind === 'stream') return { kind: 'stream', chunks: chatStream(answer.chunks, filter) };
  if (answer.status !== 200) return answer;
  const body = annotateChoices(answer.body as Json, (choice) =>
    filter === 'completion' ? cutJson(choice) : { ...choice, content_filter_results: { ...safe(), protected_material_text: { filtered: false, detected: false } } },
  );
  return { kind: 'json', status: 200, body: { ...body, prompt_filter_results: promptFilterResults() } };
}

/** Entra ID's client-credentials answer. https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow */
export function tokenAnswer(token: string): MockOpenAIAnswer {
  return { kind: 'json', status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
}

export function tokenRefusedAnswer(): MockOpenAIAnswer {
  const description = "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.";
  return { kind: 'json', status: 401, body: { error: 'invalid_client', error_description: description, error_codes: [7000215] } };
}
