// Self-signed certificates for 127.0.0.1, made at test time with the openssl command line into a
// temporary folder (no private key is ever committed). Undefined when openssl is not installed.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  readonly certFile: string;
  readonly keyFile: string;
  /** The certificate's PEM text, to trust it as its own CA. */
  readonly cert: string;
  readonly key: string;
}

export interface CertificateFolder {
  readonly dir: string;
  make(name: string): TestCertificate;
  remove(): void;
}

export const opensslMissing = 'the openssl command is not available to make a test certificate';

export function certificateFolder(): CertificateFolder | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-certs-'));
  const make = (name: string): TestCertificate => {
    const certFile = join(dir, `${name}.crt`);
    const keyFile = join(dir, `${name}.key`);
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'ignore' });
    return { certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
  };
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    make('probe');
  } catch {
    remove();
    return undefined;
  }
  return { dir, make, remove };
}
