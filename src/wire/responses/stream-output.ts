// The output items of a streamed response as they grow: opens and closes message items, their text
// and refusal parts, and function call items, and says so in OpenAI's events (without sequence
// numbers, framing or the response lifecycle, which `stream-encoder.ts` owns).

import type { ChatToolCallDelta } from '../openai/types.js';
import { itemId } from './response-envelope.js';
import type { ItemStatus, OutputFunctionCall, OutputItem, OutputMessage } from './types.js';

export interface StreamEvent { type: string; [field: string]: unknown }

interface OpenMessage { item: OutputMessage; outputIndex: number; part?: { kind: 'text' | 'refusal'; contentIndex: number } }
interface OpenCall { item: OutputFunctionCall; outputIndex: number }

export class StreamOutput {
  readonly items: OutputItem[] = [];
  private message: OpenMessage | undefined;
  private call: OpenCall | undefined;
  /** Chat tool-call index -> its item, open or closed. */
  private readonly calls = new Map<number, OpenCall>();

  constructor(private readonly base: string) {}

  text(delta: string): StreamEvent[] {
    return this.partDelta('text', delta);
  }

  refusal(delta: string): StreamEvent[] {
    return this.partDelta('refusal', delta);
  }

  toolCall(delta: ChatToolCallDelta): StreamEvent[] {
    const known = this.calls.get(delta.index);
    const args = delta.function?.arguments ?? '';
    if (known !== undefined) {
      known.item.arguments += args;
      // A late fragment for a call already closed is kept in the final response only: events
      // after an item's `output_item.done` would break clients' accumulators.
      if (known !== this.call || args.length === 0) return [];
      return [{ type: 'response.function_call_arguments.delta', item_id: known.item.id, output_index: known.outputIndex, delta: args }];
    }
    const events = this.closeOpen('completed');
    const outputIndex = this.items.length;
    const item: OutputFunctionCall = {
      type: 'function_call',
      id: itemId('fc', this.base, outputIndex),
      call_id: delta.id ?? `call_${this.base}_${outputIndex}`,
      name: delta.function?.name ?? '',
      arguments: '',
      status: 'in_progress',
    };
    this.items.push(item);
    this.call = { item, outputIndex };
    this.calls.set(delta.index, this.call);
    events.push({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item } });
    if (args.length > 0) events.push(...this.toolCall({ index: delta.index, function: { arguments: args } }));
    return events;
  }

  /** Closes whatever is open; an answer with no output at all gets one empty message, as `from-chat.ts` does. */
  finish(status: ItemStatus): StreamEvent[] {
    const events = this.items.length === 0 ? this.partDelta('text', '') : [];
    events.push(...this.closeOpen(status));
    return events;
  }

  /** Marks open items incomplete without events, for the final response of a failed stream. */
  abandon(): void {
    if (this.message !== undefined) this.message.item.status = 'incomplete';
    if (this.call !== undefined) this.call.item.status = 'incomplete';
  }

  private partDelta(kind: 'text' | 'refusal', delta: string): StreamEvent[] {
    const events = this.call === undefined ? [] : this.closeOpen('completed');
    const message = this.message ?? this.openMessage(events);
    if (message.part?.kind !== kind) {
      events.push(...this.closePart(message));
      const contentIndex = message.item.content.length;
      message.item.content.push(kind === 'text' ? { type: 'output_text', text: '', annotations: [], logprobs: [] } : { type: 'refusal', refusal: '' });
      message.part = { kind, contentIndex };
      events.push({ type: 'response.content_part.added', ...this.partRef(message), part: { ...message.item.content[contentIndex] } });
    }
    const part = message.item.content[message.part.contentIndex];
    if (delta.length === 0 || part === undefined) return events;
    if (part.type === 'output_text') part.text += delta;
    else part.refusal += delta;
    const type = kind === 'text' ? 'response.output_text.delta' : 'response.refusal.delta';
    events.push({ type, ...this.partRef(message), delta, ...(kind === 'text' ? { logprobs: [] } : {}) });
    return events;
  }

  private openMessage(events: StreamEvent[]): OpenMessage {
    const outputIndex = this.items.length;
    const item: OutputMessage = { type: 'message', id: itemId('msg', this.base, outputIndex), role: 'assistant', status: 'in_progress', content: [] };
    this.items.push(item);
    this.message = { item, outputIndex };
    events.push({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, content: [] } });
    return this.message;
  }

  private partRef(message: OpenMessage): Record<string, unknown> {
    return { item_id: message.item.id, output_index: message.outputIndex, content_index: message.part?.contentIndex ?? 0 };
  }

  private closePart(message: OpenMessage): StreamEvent[] {
    const part = message.part === undefined ? undefined : message.item.content[message.part.contentIndex];
    if (part === undefined) return [];
    const ref = this.partRef(message);
    delete message.part;
    const done: StreamEvent = part.type === 'output_text'
      ? { type: 'response.output_text.done', ...ref, text: part.text, logprobs: [] }
      : { type: 'response.refusal.done', ...ref, refusal: part.refusal };
    return [done, { type: 'response.content_part.done', ...ref, part: { ...part } }];
  }

  private closeOpen(status: ItemStatus): StreamEvent[] {
    const events: StreamEvent[] = [];
    const message = this.message;
    if (message !== undefined) {
      events.push(...this.closePart(message));
      message.item.status = status;
      events.push({ type: 'response.output_item.done', output_index: message.outputIndex, item: structuredClone(message.item) });
      this.message = undefined;
    }
    const call = this.call;
    if (call !== undefined) {
      const { id, name, arguments: args } = call.item;
      call.item.status = status;
      events.push({ type: 'response.function_call_arguments.done', item_id: id, output_index: call.outputIndex, name, arguments: args });
      events.push({ type: 'response.output_item.done', output_index: call.outputIndex, item: { ...call.item } });
      this.call = undefined;
    }
    return events;
  }
}
