// The parts of a Response object that do not depend on the output: ids derived from the canonical
// completion id, the echo of the request's settings, and usage. Shared by `from-chat.ts` and the
// stream encoder so both answer with the same shape.

import type { Usage } from '../openai/types.js';
import type { OutputItem, ResponseObject, ResponseStatus, ResponseUsage, ResponsesRequest } from './types.js';

/** Ids stay derived from the upstream completion id, so one answer has one id wherever it is logged. */
export function idBase(completionId: string): string {
  const base = completionId.replace(/^chatcmpl-/, '').replace(/[^A-Za-z0-9_-]/g, '');
  return base.length > 0 ? base : 'gatehouse';
}

export function itemId(prefix: 'msg' | 'fc', base: string, outputIndex: number): string {
  return `${prefix}_${base}_${outputIndex}`;
}

export function responseUsage(usage: Usage | null | undefined): ResponseUsage {
  const input = usage?.prompt_tokens ?? 0;
  const output = usage?.completion_tokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage?.prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage?.total_tokens ?? input + output,
  };
}

/** The request's settings as OpenAI echoes them; `store` is always false because nothing is kept. */
function echo(request: ResponsesRequest): Record<string, unknown> {
  return {
    instructions: request.instructions,
    tools: request.tools.map((tool) => ({ description: null, parameters: null, strict: null, ...tool })),
    tool_choice: request.tool_choice,
    parallel_tool_calls: request.parallel_tool_calls,
    temperature: request.temperature,
    top_p: request.top_p,
    max_output_tokens: request.max_output_tokens,
    text: { format: request.text.format ?? { type: 'text' }, ...(request.text.verbosity === undefined || request.text.verbosity === null ? {} : { verbosity: request.text.verbosity }) },
    reasoning: { effort: request.reasoning_effort, summary: null },
    metadata: request.metadata,
    user: request.user,
    store: false,
    background: false,
    previous_response_id: null,
    truncation: 'disabled',
  };
}

export interface ResponseParts {
  readonly base: string;
  readonly createdS: number;
  readonly model: string;
  readonly status: ResponseStatus;
  readonly output: OutputItem[];
  readonly usage: ResponseUsage | null;
  readonly incompleteReason?: 'max_output_tokens' | 'content_filter' | undefined;
  readonly error?: { code: string; message: string } | undefined;
}

export function responseObject(request: ResponsesRequest, parts: ResponseParts): ResponseObject {
  return {
    id: `resp_${parts.base}`,
    object: 'response',
    created_at: parts.createdS,
    status: parts.status,
    error: parts.error ?? null,
    incomplete_details: parts.incompleteReason === undefined ? null : { reason: parts.incompleteReason },
    model: parts.model,
    output: parts.output,
    usage: parts.usage,
    ...echo(request),
  };
}
