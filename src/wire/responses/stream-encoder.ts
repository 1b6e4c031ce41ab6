// Encodes canonical chat chunks as a Responses event stream (`event: <type>` + `data: <json>`, with
// a `sequence_number` on every event): response.created and .in_progress first, the output item
// events in between, and response.completed / .incomplete / .failed last. No `[DONE]`: OpenAI sends none.

import type { GatewayError } from '../../errors/gateway-error.js';
import type { StreamEncoder } from '../client-dialect.js';
import type { ChatCompletionChunk, FinishReason, Usage } from '../openai/types.js';
import { incompleteReasonOf, statusOf } from './from-chat.js';
import { idBase, responseObject, responseUsage, type ResponseParts } from './response-envelope.js';
import { StreamOutput, type StreamEvent } from './stream-output.js';
import type { ResponseObject, ResponsesRequest } from './types.js';

interface Started { base: string; createdS: number; model: string; output: StreamOutput }

/** OpenAI's documented `response.error.code` values, for clients that switch on them. */
function failureCode(error: GatewayError): string {
  if (error.code === 'rate_limited' || error.code === 'budget_exceeded') return 'rate_limit_exceeded';
  if (error.status === 400) return 'invalid_prompt';
  return 'server_error';
}

export class ResponsesStreamEncoder implements StreamEncoder {
  private sequence = 0;
  private started: Started | undefined;
  private finishReason: FinishReason | null = null;
  private usage: Usage | undefined;
  private closed = false;

  constructor(private readonly request: ResponsesRequest) {}

  chunk(chunk: ChatCompletionChunk): string {
    if (this.closed) return '';
    const events: StreamEvent[] = [];
    const started = this.started ?? this.start(events, chunk);
    if (chunk.usage !== undefined && chunk.usage !== null) this.usage = chunk.usage;
    const choice = chunk.choices.find((candidate) => candidate.index === 0);
    if (choice === undefined) return this.frames(events);
    const { content, refusal, tool_calls: toolCalls } = choice.delta;
    if (typeof content === 'string' && content.length > 0) events.push(...started.output.text(content));
    if (typeof refusal === 'string' && refusal.length > 0) events.push(...started.output.refusal(refusal));
    for (const call of toolCalls ?? []) events.push(...started.output.toolCall(call));
    if (choice.finish_reason !== null) this.finishReason = choice.finish_reason;
    return this.frames(events);
  }

  end(): string {
    if (this.closed) return '';
    const events: StreamEvent[] = [];
    const started = this.started ?? this.start(events);
    const status = statusOf(this.finishReason);
    events.push(...started.output.finish(status === 'completed' ? 'completed' : 'incomplete'));
    const response = this.response(started, { status, incompleteReason: incompleteReasonOf(this.finishReason) });
    events.push({ type: status === 'completed' ? 'response.completed' : 'response.incomplete', response });
    this.closed = true;
    return this.frames(events);
  }

  /**
   * `response.failed` is what OpenAI documents for a response that broke; the `error` event after it
   * is what the SDKs act on (the openai SDK throws on an event with an `error` field, the Vercel AI
   * SDK reports `error` events), with the same body as Gatehouse's other errors inside.
   */
  error(error: GatewayError): string {
    if (this.closed) return '';
    const events: StreamEvent[] = [];
    const started = this.started ?? this.start(events);
    started.output.abandon();
    const failure = { code: failureCode(error), message: error.message };
    events.push({ type: 'response.failed', response: this.response(started, { status: 'failed', error: failure }) });
    const body = { type: error.type, code: error.code, message: error.message, param: error.param };
    events.push({ type: 'error', code: error.code, message: error.message, param: error.param, error: body });
    this.closed = true;
    return this.frames(events);
  }

  private start(events: StreamEvent[], chunk?: ChatCompletionChunk): Started {
    const base = idBase(chunk?.id ?? '');
    this.started = { base, createdS: chunk?.created ?? 0, model: chunk?.model ?? this.request.model, output: new StreamOutput(base) };
    const response = this.response(this.started, { status: 'in_progress', usage: null });
    events.push({ type: 'response.created', response }, { type: 'response.in_progress', response });
    return this.started;
  }

  private response(started: Started, parts: Partial<ResponseParts> & Pick<ResponseParts, 'status'>): ResponseObject {
    return responseObject(this.request, {
      base: started.base,
      createdS: started.createdS,
      model: started.model,
      output: structuredClone(started.output.items),
      usage: responseUsage(this.usage),
      ...parts,
    });
  }

  private frames(events: StreamEvent[]): string {
    let out = '';
    for (const event of events) {
      const { type, ...fields } = event;
      out += `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: this.sequence++, ...fields })}\n\n`;
    }
    return out;
  }
}
