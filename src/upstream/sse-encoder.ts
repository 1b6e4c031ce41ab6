// Encodes one server-sent event into its text frame. Decoding lives in `sse-decoder.ts`; choosing
// what to send (and when) is the caller's business.

const lineBreak = /\r\n|\r|\n/;

/**
 * `event: <name>\n` when named, one `data:` line per line of `data` (CRLF, CR and LF all split),
 * then the blank line that dispatches the event.
 */
export function encodeSseEvent(event: { readonly event?: string | undefined; readonly data: string }): string {
  const name = event.event;
  if (name !== undefined && lineBreak.test(name)) throw new TypeError('An SSE event name cannot contain a line break.');
  const head = name === undefined ? '' : `event: ${name}\n`;
  const data = event.data;
  if (data.indexOf('\n') === -1 && data.indexOf('\r') === -1) return `${head}data: ${data}\n\n`;
  return `${head}data: ${data.split(lineBreak).join('\ndata: ')}\n\n`;
}
