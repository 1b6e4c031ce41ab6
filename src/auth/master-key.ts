// Settles the master key at start: the configured one if strong enough, else the one stored in
// `<dataDir>/master.key`, else a new one generated and stored there (mode 0600). Deriving keys
// from it is crypto's concern; comparing requests against it is authenticate.ts's.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { masterKeyWeakness } from './master-key-weakness.js';

export const MASTER_KEY_FILE_NAME = 'master.key';
const GENERATED_KEY_PREFIX = 'sk-gh-';
const GENERATED_KEY_BYTES = 32;
const DATA_DIR_MODE = 0o700;
const KEY_FILE_MODE = 0o600;
/** Any permission for group or others. */
const SHARED_MODE_BITS = 0o077;
const HOW_TO_FIX =
  'Generate a strong key with `openssl rand -base64 48` and set it as GATEHOUSE_MASTER_KEY (or general_settings.master_key), ' +
  'or set neither to let Gatehouse generate one and store it in its data directory.';

export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

export interface ResolvedMasterKey {
  readonly key: string;
  readonly source: 'configured' | 'stored' | 'generated';
  /** The key file, for `stored` and `generated`. */
  readonly file?: string;
}

export interface ResolveMasterKeyOptions {
  /** From GATEHOUSE_MASTER_KEY or `general_settings.master_key`; undefined when neither is set. */
  readonly configured: string | undefined;
  readonly dataDir: string;
}

/** Throws MasterKeyError, saying what to do, for a weak key or an unsafe key file. */
export function resolveMasterKey(options: ResolveMasterKeyOptions): ResolvedMasterKey {
  if (options.configured !== undefined) {
    assertStrong(options.configured, 'The configured master key (GATEHOUSE_MASTER_KEY or general_settings.master_key)');
    return { key: options.configured, source: 'configured' };
  }
  const file = join(options.dataDir, MASTER_KEY_FILE_NAME);
  const stored = readStoredKey(file);
  if (stored !== undefined) return { key: stored, source: 'stored', file };
  return generateKey(options.dataDir, file);
}

function assertStrong(key: string, what: string): void {
  const weakness = masterKeyWeakness(key);
  if (weakness !== undefined) throw new MasterKeyError(`${what} ${weakness}. ${HOW_TO_FIX}`);
}

function readStoredKey(file: string): string | undefined {
  let mode: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new MasterKeyError(`${file} is not a regular file; move it away or replace it with the master key.`);
    mode = stats.mode;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw asMasterKeyError(error, `Cannot read ${file}`);
  }
  // POSIX permissions only; Windows reports no group or other bits worth checking.
  if (process.platform !== 'win32' && (mode & SHARED_MODE_BITS) !== 0) {
    const shown = (mode & 0o777).toString(8).padStart(4, '0');
    throw new MasterKeyError(`${file} is accessible to other users (mode ${shown}). Run \`chmod 600 ${file}\` and start again.`);
  }
  const key = readFileSync(file, 'utf8').trim();
  assertStrong(key, `The master key stored in ${file}`);
  return key;
}

function generateKey(dataDir: string, file: string): ResolvedMasterKey {
  const key = `${GENERATED_KEY_PREFIX}${randomBytes(GENERATED_KEY_BYTES).toString('base64url')}`;
  try {
    mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
    writeFileSync(file, `${key}\n`, { mode: KEY_FILE_MODE, flag: 'wx' });
  } catch (error) {
    // Another instance sharing the data directory created it first: use theirs.
    const theirs = errorCode(error) === 'EEXIST' ? readStoredKey(file) : undefined;
    if (theirs !== undefined) return { key: theirs, source: 'stored', file };
    throw asMasterKeyError(error, `Cannot store a new master key in ${file}`);
  }
  return { key, source: 'generated', file };
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}

function asMasterKeyError(error: unknown, what: string): MasterKeyError {
  if (error instanceof MasterKeyError) return error;
  return new MasterKeyError(`${what} (${errorCode(error) ?? String(error)}).`);
}
