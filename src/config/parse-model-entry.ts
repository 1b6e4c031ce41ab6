// Parses one `model_list` entry that did not come from the configuration file (a model added
// through the management API) with the same rules as the file. Environment references are refused:
// an API caller must never be able to make Gatehouse read (and send upstream) its own environment.

import { ConfigReader } from './config-reader.js';
import { parseDeployment } from './parse-deployment.js';
import type { DeploymentConfig } from './types.js';

export interface ParsedModelEntry {
  readonly deployment: DeploymentConfig | undefined;
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

function environmentReferences(value: unknown, path: string, found: string[]): void {
  if (typeof value === 'string' && value.startsWith('os.environ/')) found.push(path);
  else if (Array.isArray(value)) value.forEach((item, i) => environmentReferences(item, `${path}[${i}]`, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) environmentReferences(item, path === '' ? key : `${path}.${key}`, found);
  }
}

export function parseModelEntry(entry: unknown): ParsedModelEntry {
  const references: string[] = [];
  environmentReferences(entry, '', references);
  if (references.length > 0) {
    const problems = references.map((path) => `${path}: os.environ/ references are only allowed in the configuration file; send the value itself (secrets are stored encrypted)`);
    return { deployment: undefined, problems, warnings: [] };
  }
  const reader = new ConfigReader({});
  const deployment = parseDeployment(reader, entry, 0);
  // Paths read `model_list[0].x` in the file's terms; an API entry is the object itself.
  const local = (message: string): string => message.replace(/^model_list\[0\]\.?/, '');
  return { deployment: reader.problems.length === 0 ? deployment : undefined, problems: reader.problems.map(local), warnings: reader.warnings.map(local) };
}
