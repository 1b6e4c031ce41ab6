// A push decoder for `text/event-stream` bodies, following the WHATWG "event stream interpretation"
// rules, boundary-safe for any split of the bytes. It yields events; what they mean is the caller's.
// https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation

/** One dispatched event. Structurally a `StreamEvent` of `providers/types.ts`, plus `id` and `retry`. */
export interface SseEvent {
  /** The `event` field; undefined for the default type (`message`). */
  readonly event: string | undefined;
  /** The `data` lines joined by `\n`. */
  readonly data: string;
  /** The last event id seen in the stream so far (it persists across events, per the spec). */
  readonly id: string | undefined;
  /** A `retry` field received since the previous event, in milliseconds. */
  readonly retry: number | undefined;
}

export interface SseDecoder {
  /** Decodes the next bytes; returns the events they complete, in order. */
  push(chunk: Uint8Array): SseEvent[];
  /** The stream is over: an unterminated final event is discarded, as the spec says. */
  end(): SseEvent[];
}

const lf = 10;
const space = 32;
const digitsOnly = /^[0-9]+$/;

export function createSseDecoder(): SseDecoder {
  // TextDecoder keeps incomplete UTF-8 sequences between calls and drops a leading BOM once.
  let text = new TextDecoder('utf-8');
  let pending = '';
  let skipLeadingLf = false;
  let eventType: string | undefined;
  let data = '';
  let hasData = false;
  let lastId: string | undefined;
  let retry: number | undefined;

  function dispatch(out: SseEvent[]): void {
    if (hasData) {
      out.push({ event: eventType, data, id: lastId, retry });
      retry = undefined;
    }
    data = '';
    hasData = false;
    eventType = undefined;
  }

  function processLine(line: string, out: SseEvent[]): void {
    if (line.length === 0) {
      dispatch(out);
      return;
    }
    const at = line.indexOf(':');
    if (at === 0) return;
    const field = at === -1 ? line : line.slice(0, at);
    let value = '';
    if (at !== -1) value = line.charCodeAt(at + 1) === space ? line.slice(at + 2) : line.slice(at + 1);
    if (field === 'data') {
      data = hasData ? `${data}\n${value}` : value;
      hasData = true;
    } else if (field === 'event') {
      eventType = value === '' ? undefined : value;
    } else if (field === 'id') {
      if (!value.includes('\0')) lastId = value;
    } else if (field === 'retry') {
      if (digitsOnly.test(value)) retry = Number(value);
    }
  }

  function feed(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    let i = 0;
    if (skipLeadingLf && chunk.length > 0) {
      if (chunk.charCodeAt(0) === lf) i = 1;
      skipLeadingLf = false;
    }
    let nextLf = chunk.indexOf('\n', i);
    let nextCr = chunk.indexOf('\r', i);
    while (nextLf !== -1 || nextCr !== -1) {
      const isCr = nextCr !== -1 && (nextLf === -1 || nextCr < nextLf);
      const end = isCr ? nextCr : nextLf;
      let after = end + 1;
      if (isCr) {
        // A CR may be the first half of a CRLF whose LF arrives in the next chunk.
        if (after === chunk.length) skipLeadingLf = true;
        else if (chunk.charCodeAt(after) === lf) after += 1;
      }
      const line = pending === '' ? chunk.slice(i, end) : pending + chunk.slice(i, end);
      pending = '';
      processLine(line, out);
      i = after;
      if (nextLf !== -1 && nextLf < i) nextLf = chunk.indexOf('\n', i);
      if (nextCr !== -1 && nextCr < i) nextCr = chunk.indexOf('\r', i);
    }
    if (i < chunk.length) pending += chunk.slice(i);
    return out;
  }

  return {
    push: (chunk) => feed(text.decode(chunk, { stream: true })),
    end: () => {
      const out = feed(text.decode());
      text = new TextDecoder('utf-8');
      pending = '';
      skipLeadingLf = false;
      data = '';
      hasData = false;
      eventType = undefined;
      lastId = undefined;
      retry = undefined;
      return out;
    },
  };
}
