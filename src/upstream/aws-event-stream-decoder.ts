// A push decoder for AWS event-stream bodies (`application/vnd.amazon.eventstream`), boundary-safe
// for any split of the bytes: both CRCs checked, headers read by type, events yielded. What the
// events mean (Bedrock's Converse events, exceptions) is the caller's concern.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html

import { crc32 } from 'node:zlib';
import { GatewayError } from '../errors/gateway-error.js';

export type EventStreamHeaderValue = boolean | number | bigint | string | Uint8Array;

/** One message: its headers by name, and its payload bytes. */
export interface EventStreamMessage {
  readonly headers: Readonly<Record<string, EventStreamHeaderValue>>;
  readonly payload: Uint8Array;
}

/**
 * Structurally a `StreamEvent` of `providers/types.ts`: `event` is the `:event-type` of an event
 * message, `exception:<:exception-type>` of an exception, `error:<:error-code>` of an error message
 * (whose `:error-message` is then the data); `data` is the payload as UTF-8 text.
 */
export interface AwsStreamEvent {
  readonly event: string | undefined;
  readonly data: string;
}

export interface AwsEventStreamDecoder {
  push(chunk: Uint8Array): AwsStreamEvent[];
  /** The stream is over: bytes of an unfinished message mean it was cut short. */
  end(): AwsStreamEvent[];
}

const preludeBytes = 12;
const minMessageBytes = 16;
/** A bound, not a protocol value: Bedrock's events are a few KiB; a wild length is a broken stream. */
const maxMessageBytes = 16 * 1024 * 1024;

function malformed(detail: string): GatewayError {
  return new GatewayError('upstream_malformed', { detail: `AWS event stream: ${detail}` });
}

/** Reads one header value of `type` at `at`; returns it and the offset after it. */
function readValue(view: DataView, bytes: Uint8Array, type: number, at: number): [EventStreamHeaderValue, number] {
  switch (type) {
    case 0: return [true, at];
    case 1: return [false, at];
    case 2: return [view.getInt8(at), at + 1];
    case 3: return [view.getInt16(at), at + 2];
    case 4: return [view.getInt32(at), at + 4];
    case 5: return [view.getBigInt64(at), at + 8];
    case 6: case 7: {
      const length = view.getUint16(at);
      const value = bytes.subarray(at + 2, at + 2 + length);
      if (value.length !== length) throw malformed('a header value runs past the headers');
      return [type === 7 ? Buffer.from(value).toString('utf8') : value, at + 2 + length];
    }
    // A timestamp is milliseconds since the epoch.
    case 8: return [Number(view.getBigInt64(at)), at + 8];
    case 9: return [bytes.subarray(at, at + 16), at + 16];
    default: throw malformed(`unknown header value type ${type}`);
  }
}

function readHeaders(bytes: Uint8Array): Record<string, EventStreamHeaderValue> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers: Record<string, EventStreamHeaderValue> = {};
  let at = 0;
  try {
    while (at < bytes.length) {
      const nameLength = view.getUint8(at);
      const name = Buffer.from(bytes.subarray(at + 1, at + 1 + nameLength)).toString('utf8');
      const [value, next] = readValue(view, bytes, view.getUint8(at + 1 + nameLength), at + 2 + nameLength);
      headers[name] = value;
      at = next;
    }
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw malformed('a header runs past the headers');
  }
  if (at !== bytes.length) throw malformed('a header runs past the headers');
  return headers;
}

/** Decodes one whole message (prelude to message CRC), checking both CRCs. */
export function decodeEventStreamMessage(message: Uint8Array): EventStreamMessage {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const totalBytes = view.getUint32(0);
  const headersBytes = view.getUint32(4);
  if (totalBytes !== message.length) throw malformed('the message length does not match its prelude');
  if (headersBytes > totalBytes - minMessageBytes) throw malformed('the headers run past the message');
  if (crc32(message.subarray(0, 8)) !== view.getUint32(8)) throw malformed('prelude CRC mismatch');
  if (crc32(message.subarray(0, totalBytes - 4)) !== view.getUint32(totalBytes - 4)) throw malformed('message CRC mismatch');
  const headers = readHeaders(message.subarray(preludeBytes, preludeBytes + headersBytes));
  return { headers, payload: message.subarray(preludeBytes + headersBytes, totalBytes - 4) };
}

function text(value: EventStreamHeaderValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The message as a stream event, per the `AwsStreamEvent` naming. */
export function eventOfMessage(message: EventStreamMessage): AwsStreamEvent {
  const data = Buffer.from(message.payload).toString('utf8');
  const type = text(message.headers[':message-type']);
  if (type === 'exception') return { event: `exception:${text(message.headers[':exception-type']) ?? 'unknown'}`, data };
  if (type === 'error') {
    return { event: `error:${text(message.headers[':error-code']) ?? 'unknown'}`, data: text(message.headers[':error-message']) ?? data };
  }
  return { event: text(message.headers[':event-type']), data };
}

export function createAwsEventStreamDecoder(): AwsEventStreamDecoder {
  let pending: Uint8Array = new Uint8Array(0);

  /** Checks the prelude of the next message and returns its total length, once 12 bytes are here. */
  function nextLength(): number | undefined {
    if (pending.length < preludeBytes) return undefined;
    const view = new DataView(pending.buffer, pending.byteOffset, preludeBytes);
    // The prelude CRC is checked before its lengths are trusted to size a buffer.
    if (crc32(pending.subarray(0, 8)) !== view.getUint32(8)) throw malformed('prelude CRC mismatch');
    const totalBytes = view.getUint32(0);
    const headersBytes = view.getUint32(4);
    if (totalBytes < minMessageBytes || totalBytes > maxMessageBytes || headersBytes > totalBytes - minMessageBytes) {
      throw malformed(`impossible message length ${totalBytes} (headers ${headersBytes})`);
    }
    return totalBytes;
  }

  return {
    push(chunk) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const out: AwsStreamEvent[] = [];
      for (let length = nextLength(); length !== undefined && pending.length >= length; length = nextLength()) {
        out.push(eventOfMessage(decodeEventStreamMessage(pending.subarray(0, length))));
        pending = pending.subarray(length);
      }
      // The caller may reuse its chunk's memory: keep a copy of what is left of it.
      if (pending.length > 0 && pending.buffer === chunk.buffer) pending = Uint8Array.from(pending);
      return out;
    },
    end() {
      const left = pending.length;
      pending = new Uint8Array(0);
      if (left > 0) throw new GatewayError('upstream_error', { message: 'The upstream stream ended before it was complete.', detail: `AWS event stream: ${left} bytes of an unfinished message` });
      return [];
    },
  };
}
