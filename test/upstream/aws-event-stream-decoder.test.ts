// The AWS event-stream decoder against AWS's published codec vectors (the aws-c-event-stream /
// aws-sdk-js-v3 eventstream-codec test vectors), split at every byte offset, with corrupted CRCs,
// exception messages and streams cut short; and the framing switch of `createStreamDecoder`.

import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import assert from 'node:assert/strict';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { createAwsEventStreamDecoder, decodeEventStreamMessage } from '../../src/upstream/aws-event-stream-decoder.js';
import type { AwsStreamEvent } from '../../src/upstream/aws-event-stream-decoder.js';
import { createStreamDecoder } from '../../src/upstream/stream-decoder.js';
import { bedrockEvent, bedrockException, encodeEventStreamMessage } from '../fakes/aws-event-stream-writer.js';
import { everySplitOf } from './sse-splits.js';

/** The published vectors, as hex. */
const vectors = {
  allHeaders: '000000cc000000af0fae64ca0a6576656e742d74797065040000a00c0c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0a626f6f6c2066616c73650109626f6f6c207472756500046279746502cf08627974652062756606001449276d2061206c6974746c6520746561706f74210974696d657374616d70080000000000845fed05696e74313603002a05696e7436340500000000028757b20475756964090102030405060708090a0b0c0d0e0f107b27666f6f273a27626172277daba5f10c',
  emptyMessage: '000000100000000005c248eb7d98c8ff',
  payloadOneStrHeader: '0000003d0000002007fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1',
  corruptedHeaders: '0000003d0000002007fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b61666f6f273a27626172277d8d9c08b1',
  corruptedHeaderLen: '0000003d0000002107fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1',
  corruptedLength: '0000003e0000002007fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1',
  corruptedPayload: '0000001d00000000fd528c5a5b27666f6f273a27626172277dc3653936',
} as const;

const hex = (text: string): Buffer => Buffer.from(text, 'hex');

function decodeAll(pieces: readonly Uint8Array[]): AwsStreamEvent[] {
  const decoder = createAwsEventStreamDecoder();
  return [...pieces.flatMap((piece) => decoder.push(piece)), ...decoder.end()];
}

function isMalformed(detailIncludes: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof GatewayError, String(error));
    assert.equal(error.code, 'upstream_malformed');
    assert.ok((error.detail ?? '').includes(detailIncludes), error.detail);
    return true;
  };
}

describe('AWS event-stream decoder', () => {
  it('reads every header type of the published all-headers vector', () => {
    const message = decodeEventStreamMessage(hex(vectors.allHeaders));
    assert.deepEqual({ ...message.headers, 'byte buf': undefined, uuid: undefined }, {
      'event-type': 40972, 'content-type': 'application/json', 'bool false': false, 'bool true': true, byte: -49,
      'byte buf': undefined, timestamp: 8675309, int16: 42, int64: 42424242n, uuid: undefined,
    });
    assert.equal(Buffer.from(message.headers['byte buf'] as Uint8Array).toString('utf8'), "I'm a little teapot!");
    assert.equal(Buffer.from(message.headers['uuid'] as Uint8Array).toString('hex'), '0102030405060708090a0b0c0d0e0f10');
    assert.equal(Buffer.from(message.payload).toString('utf8'), "{'foo':'bar'}");
  });

  it('decodes the published vectors whole and at every split', () => {
    const bytes = Buffer.concat([hex(vectors.payloadOneStrHeader), hex(vectors.emptyMessage), hex(vectors.allHeaders)]);
    const expected = [{ event: undefined, data: "{'foo':'bar'}" }, { event: undefined, data: '' }, { event: undefined, data: "{'foo':'bar'}" }];
    for (const { label, pieces } of everySplitOf(bytes)) assert.deepEqual(decodeAll(pieces), expected, label);
  });

  it('encodes as AWS does (the fakes write the published bytes)', () => {
    assert.deepEqual(encodeEventStreamMessage({ 'content-type': 'application/json' }, "{'foo':'bar'}"), hex(vectors.payloadOneStrHeader));
    assert.deepEqual(encodeEventStreamMessage({}, ''), hex(vectors.emptyMessage));
  });

  it('refuses a message whose CRCs do not match, wherever the bytes are cut', () => {
    const cases = [
      [vectors.corruptedHeaders, 'message CRC'],
      [vectors.corruptedPayload, 'message CRC'],
      [vectors.corruptedHeaderLen, 'prelude CRC'],
      [vectors.corruptedLength, 'prelude CRC'],
    ] as const;
    for (const [bytes, detail] of cases) {
      for (const { label, pieces } of everySplitOf(hex(bytes))) assert.throws(() => decodeAll(pieces), isMalformed(detail), label);
    }
  });

  it('names events by :event-type and exceptions by :exception-type', () => {
    const bytes = Buffer.concat([
      bedrockEvent('messageStart', { role: 'assistant' }),
      bedrockEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Grüße 👋' } }),
      bedrockException('throttlingException', 'Too many requests, please wait before trying again.'),
      encodeEventStreamMessage({ ':message-type': 'error', ':error-code': 'InternalFailure', ':error-message': 'boom' }, ''),
    ]);
    const expected = [
      { event: 'messageStart', data: '{"role":"assistant"}' },
      { event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"Grüße 👋"}}' },
      { event: 'exception:throttlingException', data: '{"message":"Too many requests, please wait before trying again."}' },
      { event: 'error:InternalFailure', data: 'boom' },
    ];
    for (const { label, pieces } of everySplitOf(bytes)) assert.deepEqual(decodeAll(pieces), expected, label);
  });

  it('says a stream cut inside a message ended early', () => {
    const bytes = bedrockEvent('messageStop', { stopReason: 'end_turn' });
    const decoder = createAwsEventStreamDecoder();
    assert.deepEqual(decoder.push(bytes.subarray(0, bytes.length - 1)), []);
    assert.throws(() => decoder.end(), (error: unknown) => error instanceof GatewayError && error.code === 'upstream_error');
  });

  it('refuses an impossible length before buffering it', () => {
    const prelude = Buffer.alloc(12);
    prelude.writeUInt32BE(0xffffff00, 0);
    prelude.writeUInt32BE(0, 4);
    prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
    assert.throws(() => createAwsEventStreamDecoder().push(prelude), isMalformed('impossible message length'));
  });
});

describe('createStreamDecoder', () => {
  it('decodes server-sent events for sse framing', () => {
    const decoder = createStreamDecoder('sse');
    assert.deepEqual(decoder.push(Buffer.from('event: ping\ndata: {"a":1}\n\n')).map(({ event, data }) => ({ event, data })), [{ event: 'ping', data: '{"a":1}' }]);
  });

  it('decodes AWS event-stream messages for aws-event-stream framing', () => {
    const decoder = createStreamDecoder('aws-event-stream');
    assert.deepEqual(decoder.push(bedrockEvent('messageStop', { stopReason: 'end_turn' })), [{ event: 'messageStop', data: '{"stopReason":"end_turn"}' }]);
    assert.deepEqual(decoder.end(), []);
  });
});
