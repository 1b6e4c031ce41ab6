// The two ways the security suite talks to a running Gatehouse: `probe` through node:http (well
// formed requests, any header), and `rawExchange` over a bare socket for bytes node:http would
// refuse to send (control characters, broken framing, a client that dribbles its request).

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, type Socket } from 'node:net';

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ProbeOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string | string[]>>;
  readonly body?: string | Buffer;
  /** Trusted CA for an https URL. */
  readonly ca?: string;
}

/** Sends one request to `base` + `path` (the path is sent exactly as given, never normalised). */
export function probe(base: string, path: string, options: ProbeOptions = {}): Promise<Answer> {
  const url = new URL(base);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send({
      host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {},
      ...(options.ca === undefined ? {} : { ca: options.ca }), agent: false,
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface RawAnswer {
  /** 0 when the connection closed without an HTTP answer. */
  readonly status: number;
  readonly text: string;
}

function statusOf(text: string): number {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  return match === null ? 0 : Number(match[1]);
}

/** Opens a socket to the server of `base`; the caller writes and ends it. */
export function openSocket(base: string): Promise<Socket> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends on `socket` until it closes the connection. */
export function readUntilClosed(socket: Socket): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: statusOf(text), text });
    });
  });
}

/** Writes `bytes` as they are and reads until the server closes (send `connection: close`). */
export async function rawExchange(base: string, bytes: string | Buffer): Promise<RawAnswer> {
  const socket = await openSocket(base);
  const answer = readUntilClosed(socket);
  socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  return answer;
}

/** The body of a raw answer (after the blank line). */
export function rawBody(answer: RawAnswer): string {
  const start = answer.text.indexOf('\r\n\r\n');
  return start === -1 ? '' : answer.text.slice(start + 4);
}

export function errorOf(body: string): { message: string; type: string; param: string | null; code: string } {
  return (JSON.parse(body) as { error: { message: string; type: string; param: string | null; code: string } }).error;
}
