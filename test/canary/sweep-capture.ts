// Everything that leaves a Gatehouse under test, kept for a canary search: each HTTP answer (status,
// headers, body with every SSE frame), each log line, each file in the data folder. Knows no canary.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One place a canary could leak to. `ownContent` marks an answer that may carry the caller's own
 * content: its completion, or its prompt quoted back to it by its provider in a relayed error.
 */
export interface Captured {
  readonly where: string;
  readonly text: string;
  readonly ownContent: boolean;
}

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface CallOptions {
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  readonly body?: unknown;
  /** The answer may carry the caller's own content (see `Captured`); never a key. */
  readonly ownContent?: boolean;
}

export interface SweepCapture {
  readonly captured: Captured[];
  readonly logLines: string[];
  call(method: string, url: string, options?: CallOptions): Promise<Answer>;
  /** Reads every file under `dir` (the database and its journal) as bytes. */
  captureFiles(dir: string): void;
  /** The captures that contain `needle`, as `where` labels. */
  hits(needle: string, options: { allowOwnContent: boolean }): string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function createSweepCapture(): SweepCapture {
  const captured: Captured[] = [];
  const logLines: string[] = [];
  return {
    captured,
    logLines,
    async call(method, url, options = {}) {
      const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
      const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      const responseHeaders = Object.fromEntries(response.headers.entries());
      const where = `${method} ${new URL(url).pathname} -> ${response.status}`;
      captured.push({ where: `${where} (headers)`, text: JSON.stringify(responseHeaders), ownContent: false });
      captured.push({ where: `${where} (body)`, text, ownContent: options.ownContent === true });
      return { status: response.status, headers: responseHeaders, body: text };
    },
    captureFiles(dir) {
      for (const file of filesUnder(dir)) captured.push({ where: `file ${file.slice(dir.length)}`, text: readFileSync(file).toString('latin1'), ownContent: false });
    },
    hits(needle, { allowOwnContent }) {
      const logs = logLines.filter((line) => line.includes(needle)).map((line) => `log ${line.slice(0, 300)}`);
      const rest = captured.filter((c) => c.text.includes(needle) && !(allowOwnContent && c.ownContent)).map((c) => c.where);
      return [...rest, ...logs];
    },
  };
}
