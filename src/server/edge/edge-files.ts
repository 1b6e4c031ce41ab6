// Reads the files the edge needs at start: the TLS certificate and key (checked to form a pair)
// and the extra upstream CA. Every problem is returned at once, naming the file and the setting.

import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { GatehouseConfig } from '../../config/types.js';
import type { TlsMaterial } from './create-http-server.js';

export interface EdgeFiles {
  readonly tls?: TlsMaterial;
  /** Extra upstream CA certificates (PEM), for `createUpstreamClient({ ca })`. */
  readonly ca?: Buffer;
  readonly problems: readonly string[];
}

function read(file: string, setting: string, problems: string[]): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    problems.push(`${setting}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
}

function tlsMaterial(config: GatehouseConfig, problems: string[]): TlsMaterial | undefined {
  const files = config.server.tls;
  if (files === undefined) return undefined;
  const cert = read(files.certFile, 'gatehouse.server.tls.cert_file', problems);
  const key = read(files.keyFile, 'gatehouse.server.tls.key_file', problems);
  if (cert === undefined || key === undefined) return undefined;
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    // OpenSSL's reason ("key values mismatch", "no start line") names no secret.
    problems.push(`gatehouse.server.tls: the certificate and key cannot be used together (${(error as Error).message})`);
    return undefined;
  }
  return { cert, key };
}

export function readEdgeFiles(config: GatehouseConfig): EdgeFiles {
  const problems: string[] = [];
  const tls = tlsMaterial(config, problems);
  const caFile = config.upstream.caFile;
  const ca = caFile === undefined ? undefined : read(caFile, 'gatehouse.upstream.ca_file', problems);
  if (ca !== undefined) {
    try {
      createSecureContext({ ca });
    } catch (error) {
      problems.push(`gatehouse.upstream.ca_file: ${caFile ?? ''} is not a PEM certificate (${(error as Error).message})`);
    }
  }
  return { ...(tls === undefined ? {} : { tls }), ...(ca === undefined ? {} : { ca }), problems };
}
