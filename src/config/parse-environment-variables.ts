// Reads LiteLLM's `environment_variables` section: names and values that `os.environ/NAME`
// references may use, on top of the process environment. It sets nothing in the process.

import { childPath, type ConfigReader } from './config-reader.js';

const SECTION = 'environment_variables';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The section's values win over the process environment, as LiteLLM exports them at start. */
export function parseEnvironmentVariables(reader: ConfigReader, value: unknown): Record<string, string> {
  const section = reader.map(value, SECTION) ?? {};
  const variables: [string, string][] = [];
  for (const [name, raw] of Object.entries(section)) {
    const path = childPath(SECTION, name);
    if (!ENV_NAME.test(name)) {
      reader.problem(path, 'is not a valid environment variable name');
    } else if (raw === null || raw === undefined) {
      reader.warn(path, 'has no value; ignored');
    } else {
      // Numbers and booleans are common here (`REDIS_PORT: 6379`); environment values are text.
      const text = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : reader.string(raw, path);
      if (text !== undefined) variables.push([name, text]);
    }
  }
  return Object.fromEntries(variables);
}
