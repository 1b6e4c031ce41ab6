// The error answers of the fake OpenAI server: scripted statuses with OpenAI's usual bodies, and
// the 401 of a missing or wrong API key, worded as OpenAI words it (the key partly masked).

import type { MockOpenAIAnswer } from '../../src/providers/mock/mock-openai-answer.js';
import { openAIErrorBody } from '../../src/providers/mock/mock-openai-answer.js';
import type { FakeBehaviour } from './fake-openai-writer.js';

const usualErrors: Readonly<Record<number, { message: string; type: string; code: string | null }>> = {
  400: { message: 'Bad request.', type: 'invalid_request_error', code: null },
  404: { message: 'The model does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' },
  429: { message: 'Rate limit reached for requests. Please try again in 1s.', type: 'requests', code: 'rate_limit_exceeded' },
  500: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

/** The answer a `{ status }` behaviour asks for, or undefined when the behaviour sets no status. */
export function scriptedAnswer(behaviour: FakeBehaviour): MockOpenAIAnswer | undefined {
  const status = behaviour.status;
  if (status === undefined) return undefined;
  if (behaviour.body !== undefined) return { kind: 'json', status, body: behaviour.body };
  const usual = usualErrors[status] ?? { message: `The server answered ${status}.`, type: 'server_error', code: null };
  return { kind: 'json', status, body: openAIErrorBody(usual.message, { type: usual.type, code: usual.code }) };
}

function masked(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

/** Undefined when no key is required or the right one was sent. */
export function unauthorizedAnswer(apiKey: string | undefined, authorization: string | undefined): MockOpenAIAnswer | undefined {
  if (apiKey === undefined || authorization === `Bearer ${apiKey}`) return undefined;
  const sent = authorization?.startsWith('Bearer ') === true ? authorization.slice('Bearer '.length) : '';
  const message =
    sent === ''
      ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
      : `Incorrect API key provided: ${masked(sent)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
  return { kind: 'json', status: 401, body: openAIErrorBody(message, { code: 'invalid_api_key' }) };
}
