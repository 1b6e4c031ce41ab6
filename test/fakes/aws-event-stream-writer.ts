// Encodes AWS event-stream messages for fake servers and fixtures: prelude, typed headers, payload
// and both CRC32s, as AWS frames them. Decoding lives in src/upstream/.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html

import { crc32 } from 'node:zlib';

/** A header value: a string (type 7), or another wire type spelt out. */
export type HeaderInput =
  | string
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'byte' | 'short' | 'int' | 'long' | 'timestamp'; readonly value: number }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'uuid'; readonly value: Uint8Array };

const intTypes = { byte: [2, 1], short: [3, 2], int: [4, 4], long: [5, 8], timestamp: [8, 8] } as const;

function encodeValue(value: HeaderInput): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from([7, bytes.length >> 8, bytes.length & 255]), bytes]);
  }
  if (value.type === 'bool') return Buffer.from([value.value ? 0 : 1]);
  if (value.type === 'bytes') return Buffer.concat([Buffer.from([6, value.value.length >> 8, value.value.length & 255]), value.value]);
  if (value.type === 'uuid') return Buffer.concat([Buffer.from([9]), value.value]);
  const [type, size] = intTypes[value.type];
  const out = Buffer.alloc(1 + size);
  out[0] = type;
  if (size === 8) out.writeBigInt64BE(BigInt(value.value), 1);
  else out.writeIntBE(value.value, 1, size);
  return out;
}

export function encodeEventStreamMessage(headers: Readonly<Record<string, HeaderInput>>, payload: Uint8Array | string): Buffer {
  const headerBytes = Buffer.concat(Object.entries(headers).map(([name, value]) => {
    const nameBytes = Buffer.from(name, 'utf8');
    return Buffer.concat([Buffer.from([nameBytes.length]), nameBytes, encodeValue(value)]);
  }));
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const total = 12 + headerBytes.length + body.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  body.copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

/** An event message as Bedrock sends it: `:event-type`, JSON content type, `:message-type: event`. */
export function bedrockEvent(eventType: string, payload: unknown): Buffer {
  return encodeEventStreamMessage(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify(payload),
  );
}

/** An exception message, e.g. `throttlingException` with `{"message": ...}`. */
export function bedrockException(exceptionType: string, message: string): Buffer {
  return encodeEventStreamMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    JSON.stringify({ message }),
  );
}
