// Settles edge settings given by several sources: the IP allowlist from `general_settings` or
// `gatehouse.server` (never both), TLS files from the command line over the file, and every file
// path made absolute against the working directory. Parsing each source is done elsewhere.

import { resolve } from 'node:path';
import type { ConfigReader } from './config-reader.js';
import type { ServerConfig, TlsFiles, UpstreamSettings } from './types.js';

export interface TlsOverrides {
  /** `--tls-cert`: the certificate chain (PEM). */
  readonly tlsCertFile?: string;
  /** `--tls-key`: the private key (PEM). */
  readonly tlsKeyFile?: string;
}

export interface EdgeSources {
  readonly fromFile: Partial<ServerConfig>;
  /** LiteLLM's `general_settings.allowed_ips`. */
  readonly allowedIps: readonly string[] | undefined;
  readonly overrides: TlsOverrides;
  readonly cwd: string;
}

function tlsFromFlags(reader: ConfigReader, overrides: TlsOverrides): TlsFiles | undefined {
  const { tlsCertFile: certFile, tlsKeyFile: keyFile } = overrides;
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined || certFile === '' || keyFile === '') {
    return reader.problem('--tls-cert/--tls-key', 'give both files, the certificate and its private key');
  }
  return { certFile, keyFile };
}

/** The edge fields of the server configuration that these sources decide. */
export function settleEdgeSources(reader: ConfigReader, sources: EdgeSources): Partial<ServerConfig> {
  const { fromFile, allowedIps, cwd } = sources;
  if (allowedIps !== undefined && fromFile.ipAllowlist !== undefined) {
    reader.problem('general_settings.allowed_ips', 'is also set as gatehouse.server.ip_allowlist; set the allowlist in one place');
  }
  const ipAllowlist = fromFile.ipAllowlist ?? allowedIps;
  const tls = tlsFromFlags(reader, sources.overrides) ?? fromFile.tls;
  return {
    ...(ipAllowlist === undefined ? {} : { ipAllowlist }),
    ...(tls === undefined ? {} : { tls: { certFile: resolve(cwd, tls.certFile), keyFile: resolve(cwd, tls.keyFile) } }),
  };
}

export function settleUpstreamSettings(settings: UpstreamSettings, cwd: string): UpstreamSettings {
  return settings.caFile === undefined ? {} : { caFile: resolve(cwd, settings.caFile) };
}
