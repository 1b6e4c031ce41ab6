// Finds, reads and parses the YAML configuration file into plain data, reporting unreadable
// files and YAML syntax errors with their position. What the data means is load-config.ts's concern.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { ConfigReader } from './config-reader.js';
import { DEFAULT_CONFIG_FILE_NAME } from './defaults.js';

export interface ConfigFile {
  /** Absolute path of the file read, or undefined when there is none. */
  readonly path: string | undefined;
  /** The parsed document; `{}` without a file. */
  readonly root: unknown;
}

/** An explicit `file` must exist; otherwise `<cwd>/gatehouse.yaml` is read when present. */
export function readConfigFile(reader: ConfigReader, options: { readonly file?: string; readonly cwd: string }): ConfigFile {
  const explicit = options.file !== undefined;
  const path = explicit ? resolve(options.cwd, options.file ?? '') : join(options.cwd, DEFAULT_CONFIG_FILE_NAME);
  if (!explicit && !existsSync(path)) return { path: undefined, root: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { path, root: reader.problem(path, code === 'ENOENT' ? 'configuration file not found' : `cannot read the configuration file (${code ?? 'unknown error'})`) };
  }
  return { path, root: parseYaml(reader, text, path) };
}

function parseYaml(reader: ConfigReader, text: string, path: string): unknown {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema (dates stay strings) with `<<` merge keys, which PyYAML users rely on.
  const document = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true, logLevel: 'silent' });
  const where = (error: YAMLError): string => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return `${path} (line ${line}, column ${col})`;
  };
  for (const warning of document.warnings) reader.warn(where(warning), warning.message);
  // Messages only: yaml's pretty errors would quote the file's lines, which may hold secrets.
  for (const error of document.errors) reader.problem(where(error), error.message);
  if (document.errors.length > 0) return undefined;
  try {
    const root: unknown = document.toJS({ maxAliasCount: 100 });
    if (containsCycle(root, new Set())) return reader.problem(path, 'a YAML alias refers to a node that contains it');
    return root ?? {};
  } catch (error) {
    return reader.problem(path, error instanceof Error ? error.message : 'cannot be read as YAML');
  }
}

function containsCycle(value: unknown, ancestors: Set<object>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (ancestors.has(value)) return true;
  ancestors.add(value);
  const found = Object.values(value).some((child) => containsCycle(child, ancestors));
  ancestors.delete(value);
  return found;
}
