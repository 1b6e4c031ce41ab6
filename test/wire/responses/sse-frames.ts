// Reads the Responses dialect's SSE text back into events for tests, checking the framing on the
// way: each frame is `event: <type>` then `data: <json>` whose `type` matches, numbered from 0 up.

import assert from 'node:assert/strict';

export interface ResponsesEvent { type: string; sequence_number: number; [field: string]: unknown }

export function parseFrames(text: string, firstSequence = 0): ResponsesEvent[] {
  if (text === '') return [];
  assert.ok(text.endsWith('\n\n'), 'the last frame is complete');
  return text.slice(0, -2).split('\n\n').map((frame, index) => {
    const match = /^event: ([a-z_.]+)\ndata: (.+)$/.exec(frame);
    assert.ok(match !== null, `frame ${index} is "event: ...\\ndata: ..."`);
    const event = JSON.parse(match[2] ?? '') as ResponsesEvent;
    assert.equal(event.type, match[1]);
    assert.equal(event.sequence_number, firstSequence + index);
    return event;
  });
}
