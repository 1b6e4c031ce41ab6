// Converse answer -> canonical chat completion: text, tool uses as tool calls, reasoning as
// `reasoning_content`, the forced JSON tool's input as the content, stop reason and usage.
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax

import { GatewayError } from '../../errors/gateway-error.js';
import type { ChatCompletion, ChatToolCall } from '../../wire/openai/types.js';
import type { ResolvedDeployment } from '../types.js';
import { jsonToolName } from './converse-types.js';
import { modelIdOf } from './endpoint.js';
import { bedrockCompletionId, bedrockCreatedS, finishReasonOf, usageOf } from './finish.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(): GatewayError {
  return new GatewayError('upstream_malformed', { detail: 'The Bedrock answer has no output.message.content list.' });
}

interface Gathered {
  text: string;
  reasoning: string;
  json: string | undefined;
  toolCalls: ChatToolCall[];
}

function gather(blocks: unknown[]): Gathered {
  const out: Gathered = { text: '', reasoning: '', json: undefined, toolCalls: [] };
  for (const block of blocks) {
    if (!isRecord(block)) throw malformed();
    if (typeof block['text'] === 'string') out.text += block['text'];
    const toolUse = block['toolUse'];
    if (isRecord(toolUse) && typeof toolUse['name'] === 'string') {
      const args = JSON.stringify(toolUse['input'] ?? {});
      if (toolUse['name'] === jsonToolName) out.json = args;
      else out.toolCalls.push({ id: String(toolUse['toolUseId']), type: 'function', function: { name: toolUse['name'], arguments: args } });
    }
    const reasoning = block['reasoningContent'];
    if (isRecord(reasoning) && isRecord(reasoning['reasoningText']) && typeof reasoning['reasoningText']['text'] === 'string') {
      out.reasoning += reasoning['reasoningText']['text'];
    }
  }
  return out;
}

export function parseConverseResponse(body: unknown, deployment: ResolvedDeployment): ChatCompletion {
  const output = isRecord(body) ? body['output'] : undefined;
  const message = isRecord(output) ? output['message'] : undefined;
  const content = isRecord(message) ? message['content'] : undefined;
  if (!isRecord(body) || !Array.isArray(content)) throw malformed();
  const gathered = gather(content);
  const text = gathered.json ?? gathered.text;
  const usage = usageOf(body['usage']);
  return {
    id: bedrockCompletionId,
    object: 'chat.completion',
    created: bedrockCreatedS,
    model: modelIdOf(deployment),
    choices: [{
      index: 0,
      message: {
        role: 'assistant',
        content: text === '' && gathered.toolCalls.length > 0 ? null : text,
        ...(gathered.toolCalls.length > 0 ? { tool_calls: gathered.toolCalls } : {}),
        ...(gathered.reasoning === '' ? {} : { reasoning_content: gathered.reasoning }),
      },
      finish_reason: finishReasonOf(body['stopReason'], gathered.json !== undefined),
    }],
    ...(usage === undefined ? {} : { usage }),
  };
}
