// The SSE decoder against the WHATWG event-stream rules, every case fed whole, split at every byte
// offset, and byte by byte: the events must not depend on how the network cut the bytes.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createSseDecoder } from '../../src/upstream/sse-decoder.js';
import type { SseEvent } from '../../src/upstream/sse-decoder.js';
import { encodeSseEvent } from '../../src/upstream/sse-encoder.js';
import { decodeWhole, everySplit } from './sse-splits.js';

function ev(data: string, more: { event?: string; id?: string; retry?: number } = {}): SseEvent {
  return { event: more.event, data, id: more.id, retry: more.retry };
}

const cases: { name: string; input: string | Uint8Array; events: SseEvent[] }[] = [
  {
    name: 'an OpenAI chat stream',
    input: 'data: {"id":"1","choices":[{"delta":{"content":"Hi"}}]}\n\ndata: {"id":"1","choices":[]}\n\ndata: [DONE]\n\n',
    events: [ev('{"id":"1","choices":[{"delta":{"content":"Hi"}}]}'), ev('{"id":"1","choices":[]}'), ev('[DONE]')],
  },
  { name: 'CRLF line ends', input: 'data: a\r\n\r\ndata: b\r\n\r\n', events: [ev('a'), ev('b')] },
  { name: 'CR line ends', input: 'data: a\r\rdata: b\r\r', events: [ev('a'), ev('b')] },
  { name: 'mixed line ends', input: 'data: a\r\ndata: b\rdata: c\n\r\n', events: [ev('a\nb\nc')] },
  { name: 'a leading BOM, dropped once', input: '\uFEFFdata: a\n\n\uFEFFdata: b\n\n', events: [ev('a')] },
  { name: 'multi-byte UTF-8', input: 'data: héllo 日本 🙂\n\n', events: [ev('héllo 日本 🙂')] },
  { name: 'comments are skipped', input: ': keep-alive\n\n:\ndata: a\n: in between\n\n', events: [ev('a')] },
  {
    name: 'named events (Anthropic style)',
    input: 'event: message_start\ndata: {"type":"message_start"}\n\nevent: ping\ndata: {}\n\n',
    events: [ev('{"type":"message_start"}', { event: 'message_start' }), ev('{}', { event: 'ping' })],
  },
  { name: 'multi-line data joined by LF', input: 'data: a\ndata:\ndata: b\n\n', events: [ev('a\n\nb')] },
  { name: 'one space after the colon is stripped, once', input: 'data:  two\ndata:none\n\n', events: [ev(' two\nnone')] },
  { name: 'a field without a colon has an empty value', input: 'data\n\ndata\ndata\n\n', events: [ev(''), ev('\n')] },
  { name: 'an event without data is not dispatched', input: 'event: x\n\nid: 1\n\ndata: a\n\n', events: [ev('a', { id: '1' })] },
  {
    name: 'the id persists, an empty id clears it, an id with NUL is ignored',
    input: 'id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: x\0y\ndata: d\n\n',
    events: [ev('a', { id: '7' }), ev('b', { id: '7' }), ev('c', { id: '' }), ev('d', { id: '' })],
  },
  {
    name: 'retry needs ASCII digits and rides on the next event',
    input: 'retry: 1500\ndata: a\n\nretry: 1x\ndata: b\n\n',
    events: [ev('a', { retry: 1500 }), ev('b')],
  },
  { name: 'unknown fields are ignored', input: 'foo: bar\ndata: a\n\n', events: [ev('a')] },
  { name: 'an unterminated final event is discarded', input: 'data: a\n\ndata: b\n', events: [ev('a')] },
  { name: 'an empty event name means the default type', input: 'event:\ndata: a\n\n', events: [ev('a')] },
  { name: 'a CR at the very end still ends the event', input: 'data: a\r\r', events: [ev('a')] },
];

describe('createSseDecoder', () => {
  for (const c of cases) {
    it(`decodes ${c.name} the same however the bytes are split`, () => {
      const bytes = typeof c.input === 'string' ? new TextEncoder().encode(c.input) : c.input;
      assert.deepEqual(decodeWhole(bytes), c.events);
      for (const { label, events } of everySplit(bytes)) assert.deepEqual(events, c.events, label);
    });
  }

  it('decodes every recorded provider stream the same however its bytes are split', () => {
    const fixtures = new URL('../../../test/fixtures/', import.meta.url);
    const files = readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.sse'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const bytes = readFileSync(new URL(file, fixtures));
      const whole = decodeWhole(bytes);
      assert.ok(whole.length > 0, file);
      for (const { label, events } of everySplit(bytes)) assert.deepEqual(events, whole, `${file}: ${label}`);
    }
  });

  it('replaces a truncated UTF-8 sequence instead of failing', () => {
    const decoder = createSseDecoder();
    const events = decoder.push(new Uint8Array([...new TextEncoder().encode('data: a'), 0xf0, 0x9f, 0x0a, 0x0a]));
    assert.deepEqual(events, [ev('a\uFFFD')]);
  });

  it('starts afresh after end()', () => {
    const decoder = createSseDecoder();
    decoder.push(new TextEncoder().encode('id: 1\ndata: half'));
    assert.deepEqual(decoder.end(), []);
    assert.deepEqual(decoder.push(new TextEncoder().encode('data: b\n\n')), [ev('b')]);
  });
});

describe('encodeSseEvent', () => {
  it('writes one data line per line and a named event', () => {
    assert.equal(encodeSseEvent({ data: '{"a":1}' }), 'data: {"a":1}\n\n');
    assert.equal(encodeSseEvent({ event: 'ping', data: 'a\nb\r\nc\rd' }), 'event: ping\ndata: a\ndata: b\ndata: c\ndata: d\n\n');
    assert.equal(encodeSseEvent({ data: '' }), 'data: \n\n');
  });

  it('round-trips through the decoder', () => {
    const sent = [{ data: ' leading space' }, { event: 'x', data: 'multi\nline\n' }, { data: '' }];
    const bytes = new TextEncoder().encode(sent.map(encodeSseEvent).join(''));
    assert.deepEqual(decodeWhole(bytes), [ev(' leading space'), ev('multi\nline\n', { event: 'x' }), ev('')]);
  });

  it('refuses an event name that would break the framing', () => {
    assert.throws(() => encodeSseEvent({ event: 'a\ndata: injected', data: 'x' }), TypeError);
  });
});
