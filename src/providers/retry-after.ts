// Reads how long an upstream asks us to wait from `retry-after-ms` or `retry-after` (seconds or an
// HTTP date). Reads no clock: a date is measured against the response's own `Date` header.

type Headers = Readonly<Record<string, string | string[] | undefined>>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const seconds = /^\s*\d+(?:\.\d+)?\s*$/;

/** Seconds to wait, or undefined when the upstream said nothing usable. */
export function parseRetryAfterS(headers: Headers): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && seconds.test(ms)) return Number(ms) / 1000;
  const value = header(headers, 'retry-after');
  if (value === undefined) return undefined;
  if (seconds.test(value)) return Number(value);
  const until = Date.parse(value);
  const now = Date.parse(header(headers, 'date') ?? '');
  if (Number.isNaN(until) || Number.isNaN(now)) return undefined;
  return Math.max(0, (until - now) / 1000);
}
