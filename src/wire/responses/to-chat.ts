// Turns a validated Responses request into the canonical chat request: instructions and input items
// become messages (consecutive function calls merge into one assistant turn), options map by name.
// Never throws: everything without a canonical form was refused by `parse-request.ts`.

import type { ChatCompletionRequest, ChatContentPart, ChatMessage, ChatTool, ChatToolCall } from '../openai/types.js';
import type { FunctionTool, InputContentPart, InputItem, ResponsesRequest, TextFormat, ToolChoice } from './types.js';

function chatPart(part: InputContentPart): ChatContentPart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'text', text: part.refusal };
    case 'input_image':
      return { type: 'image_url', image_url: part.detail === undefined ? { url: part.image_url } : { url: part.image_url, detail: part.detail } };
    case 'input_file':
      return { type: 'file', file: part.filename === undefined ? { file_data: part.file_data } : { file_data: part.file_data, filename: part.filename } };
  }
}

function chatContent(content: string | InputContentPart[]): string | ChatContentPart[] {
  if (typeof content === 'string') return content;
  const parts = content.map(chatPart);
  const only = parts[0];
  return parts.length === 1 && only?.type === 'text' && typeof only['text'] === 'string' ? only['text'] : parts;
}

function textOf(content: string | InputContentPart[]): string {
  if (typeof content === 'string') return content;
  return content.map((part) => ('text' in part ? part.text : 'refusal' in part ? part.refusal : '')).join('');
}

function appendToolCall(messages: ChatMessage[], call: ChatToolCall): void {
  const last = messages.at(-1);
  if (last?.role === 'assistant') {
    last.tool_calls = [...(last.tool_calls ?? []), call];
    return;
  }
  messages.push({ role: 'assistant', content: null, tool_calls: [call] });
}

export function chatMessages(instructions: string | null, input: InputItem[]): ChatMessage[] {
  // An empty system message is refused by some providers (Anthropic); empty instructions say nothing.
  const messages: ChatMessage[] = instructions === null || instructions === '' ? [] : [{ role: 'system', content: instructions }];
  for (const item of input) {
    if (item.type === 'message') {
      messages.push({ role: item.role, content: chatContent(item.content) });
    } else if (item.type === 'function_call') {
      appendToolCall(messages, { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } });
    } else {
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: textOf(item.output) });
    }
  }
  return messages;
}

function chatTool(tool: FunctionTool): ChatTool {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description === undefined || tool.description === null ? {} : { description: tool.description }),
      ...(tool.parameters === undefined || tool.parameters === null ? {} : { parameters: tool.parameters }),
      ...(tool.strict === undefined || tool.strict === null ? {} : { strict: tool.strict }),
    },
  };
}

function chatToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

function responseFormat(format: TextFormat | undefined): ChatCompletionRequest['response_format'] | undefined {
  if (format === undefined || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  const { type: _type, ...jsonSchema } = format;
  return { type: 'json_schema', json_schema: jsonSchema };
}

/** The options part of the request; every key present only when the client set it. */
function chatOptions(request: ResponsesRequest): Partial<ChatCompletionRequest> {
  const format = responseFormat(request.text.format);
  const hasTools = request.tools.length > 0;
  return {
    ...(hasTools ? { tools: request.tools.map(chatTool), tool_choice: chatToolChoice(request.tool_choice) } : {}),
    // Chat Completions refuses `parallel_tool_calls` without tools; true is its default anyway.
    ...(hasTools && !request.parallel_tool_calls ? { parallel_tool_calls: false } : {}),
    ...(format === undefined ? {} : { response_format: format }),
    ...(request.text.verbosity === undefined || request.text.verbosity === null ? {} : { verbosity: request.text.verbosity }),
    ...(request.max_output_tokens === null ? {} : { max_completion_tokens: request.max_output_tokens }),
    ...(request.reasoning_effort === null ? {} : { reasoning_effort: request.reasoning_effort }),
    ...(request.temperature === null ? {} : { temperature: request.temperature }),
    ...(request.top_p === null ? {} : { top_p: request.top_p }),
    ...(request.user === null ? {} : { user: request.user }),
    ...request.passthrough,
  };
}

export function toChatRequest(request: ResponsesRequest): ChatCompletionRequest {
  return {
    model: request.model,
    messages: chatMessages(request.instructions, request.input),
    ...chatOptions(request),
    ...(request.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}
