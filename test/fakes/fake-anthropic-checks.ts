// The request checks of the fake Anthropic server: the headers and body fields the Messages API
// refuses requests without, answered with Anthropic's error bodies. Answers are fake-anthropic-answer.ts's.
// https://docs.anthropic.com/en/api/errors

export interface AnthropicFakeError {
  readonly status: number;
  readonly body: { type: 'error'; error: { type: string; message: string }; request_id: string };
}

type Body = Record<string, unknown>;

export function anthropicErrorBody(status: number, type: string, message: string): AnthropicFakeError {
  return { status, body: { type: 'error', error: { type, message }, request_id: 'req_fake_error' } };
}

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const invalid = (message: string): AnthropicFakeError => anthropicErrorBody(400, 'invalid_request_error', message);

/** Undefined when the key is right (x-api-key, or a bearer token) and the version header is present. */
export function checkHeaders(headers: Readonly<Record<string, string | string[] | undefined>>, apiKey: string | undefined): AnthropicFakeError | undefined {
  // The documented header is x-api-key; @anthropic-ai/sdk 1.x sends the key as a bearer token.
  const authorization = headers['authorization'];
  const bearer = typeof authorization === 'string' && authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
  const key = headers['x-api-key'] ?? bearer;
  if (apiKey !== undefined && key === undefined) return anthropicErrorBody(401, 'authentication_error', 'x-api-key header is required');
  if (apiKey !== undefined && key !== apiKey) return anthropicErrorBody(401, 'authentication_error', 'invalid x-api-key');
  if (headers['anthropic-version'] === undefined) return invalid('anthropic-version: header is required');
  return undefined;
}

function toolUseIds(message: unknown): Set<string> {
  const content = isRecord(message) ? message['content'] : undefined;
  const blocks = Array.isArray(content) ? content.filter(isRecord) : [];
  return new Set(blocks.filter((b) => b['type'] === 'tool_use').map((b) => String(b['id'])));
}

function checkBlocks(content: unknown[], i: number, previous: unknown): AnthropicFakeError | undefined {
  const known = toolUseIds(previous);
  for (let j = 0; j < content.length; j++) {
    const block = content[j];
    if (!isRecord(block) || typeof block['type'] !== 'string') return invalid(`messages.${i}.content.${j}.type: Field required`);
    if (block['type'] === 'text' && block['text'] === '') return invalid('messages: text content blocks must be non-empty');
    if (block['type'] === 'tool_result' && !known.has(String(block['tool_use_id']))) {
      return invalid(`messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block['tool_use_id'])}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`);
    }
  }
  return undefined;
}

function checkMessages(messages: unknown): AnthropicFakeError | undefined {
  if (!Array.isArray(messages)) return invalid('messages: Field required');
  if (messages.length === 0) return invalid('messages: at least one message is required');
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    const role = isRecord(message) ? message['role'] : undefined;
    if (role !== 'user' && role !== 'assistant') return invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const content = (message as Body)['content'];
    if (typeof content === 'string') continue;
    if (!Array.isArray(content)) return invalid(`messages.${i}.content: Input should be a valid list`);
    const problem = checkBlocks(content, i, messages[i - 1]);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** The body checks of POST /v1/messages (`forCount`: of /v1/messages/count_tokens, which takes no max_tokens). */
export function checkBody(body: unknown, forCount: boolean): AnthropicFakeError | undefined {
  if (!isRecord(body)) return invalid('The request body is not valid JSON.');
  if (typeof body['model'] !== 'string' || body['model'] === '') return invalid('model: Field required');
  const maxTokens = body['max_tokens'];
  if (!forCount && (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)) {
    return invalid('max_tokens: Field required');
  }
  const thinking = body['thinking'];
  if (!forCount && isRecord(thinking) && thinking['type'] === 'enabled' && Number(thinking['budget_tokens']) >= Number(maxTokens)) {
    return invalid('`max_tokens` must be greater than `thinking.budget_tokens`.');
  }
  return checkMessages(body['messages']);
}
