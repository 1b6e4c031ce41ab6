// Reads a request body as JSON under limits: declared size checked before buffering, actual size
// counted for chunked bodies and again after decompression, nesting depth bounded and, when asked,
// keys refused at any depth (one walk: edge/inspect-json-tree.ts).

import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { GatewayError } from '../errors/gateway-error.js';
import { inspectJsonTree } from './edge/inspect-json-tree.js';

export interface BodyLimits {
  readonly maxBodyBytes: number;
  readonly maxJsonDepth: number;
  /** A key refused anywhere in the body (400 naming its path), e.g. `isRoutingField`. */
  readonly refuseKey?: (key: string) => boolean;
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError('payload_too_large', { message: `The request body exceeds the limit of ${limit} bytes.` });
}

function decoded(req: IncomingMessage): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  switch (encoding) {
    case 'identity': return req;
    case 'gzip': case 'x-gzip': return req.pipe(createGunzip());
    case 'deflate': return req.pipe(createInflate());
    case 'br': return req.pipe(createBrotliDecompress());
    default:
      throw new GatewayError('unsupported_media_type', { message: `Unsupported Content-Encoding "${encoding}": use gzip, deflate, br or none.` });
  }
}

/**
 * Collects the body up to `limit` bytes. Past the limit it stops listening without destroying the
 * socket, so the 413 can still be sent; the edge then closes the connection (see `respond.ts`).
 */
function readCapped(source: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = (): void => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > limit) {
        stop();
        source.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onError = (error: Error): void => {
      stop();
      reject(new GatewayError('invalid_request', { message: 'The request body could not be read or decompressed.', detail: String(error) }));
    };
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', onError);
  });
}

export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  return (await readSizedJsonBody(req, limits)).value;
}

/** The parsed body and its size in bytes after decompression (for token estimates). */
export async function readSizedJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<{ value: unknown; bytes: number }> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limits.maxBodyBytes) {
    throw tooLarge(limits.maxBodyBytes);
  }
  const buffer = await readCapped(decoded(req), limits.maxBodyBytes);
  if (buffer.length === 0) throw new GatewayError('invalid_json', { message: 'The request body is empty; send a JSON object.' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(buffer.toString('utf8'));
  } catch {
    // The parser's message quotes the body; the client gets a plain answer and no content is echoed.
    throw new GatewayError('invalid_json');
  }
  const finding = inspectJsonTree(parsed, { maxDepth: limits.maxJsonDepth, ...(limits.refuseKey ? { refuseKey: limits.refuseKey } : {}) });
  if (finding?.kind === 'too-deep') {
    throw new GatewayError('invalid_request', { message: `The request body is nested deeper than ${limits.maxJsonDepth} levels.` });
  }
  if (finding?.kind === 'refused-key') {
    const message = `\`${finding.path}\` is not allowed in a request body: a request cannot choose where it is sent or with which credentials.`;
    throw new GatewayError('invalid_request', { param: finding.path, message });
  }
  return { value: parsed, bytes: buffer.length };
}
