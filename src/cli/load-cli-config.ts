// Loads the configuration for a CLI command from its flags and the process environment, printing
// every problem (or warning) with its path. Returns undefined when the command must stop.

import { ConfigError } from '../config/config-error.js';
import { loadConfig } from '../config/load-config.js';
import type { GatehouseConfig } from '../config/types.js';

export type CliValues = Record<string, string | boolean | undefined>;

function portOf(value: string | boolean | undefined): number | undefined | 'invalid' {
  if (typeof value !== 'string') return undefined;
  const port = Number(value);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 'invalid';
}

export function loadCliConfig(values: CliValues): GatehouseConfig | undefined {
  const port = portOf(values['port']);
  if (port === 'invalid') {
    process.stderr.write(`gatehouse: --port must be an integer between 0 and 65535.\n`);
    return undefined;
  }
  const host = typeof values['host'] === 'string' ? values['host'] : undefined;
  const file = typeof values['config'] === 'string' ? values['config'] : undefined;
  const tlsCertFile = typeof values['tls-cert'] === 'string' ? values['tls-cert'] : undefined;
  const tlsKeyFile = typeof values['tls-key'] === 'string' ? values['tls-key'] : undefined;
  try {
    const config = loadConfig({
      ...(file !== undefined ? { file } : {}),
      cwd: process.cwd(),
      env: process.env,
      overrides: {
        ...(host !== undefined ? { host } : {}),
        ...(port !== undefined ? { port } : {}),
        ...(tlsCertFile !== undefined ? { tlsCertFile } : {}),
        ...(tlsKeyFile !== undefined ? { tlsKeyFile } : {}),
      },
    });
    for (const warning of config.warnings) process.stderr.write(`warning: ${warning}\n`);
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`gatehouse: the configuration has ${error.problems.length} problem(s):\n`);
    for (const problem of error.problems) process.stderr.write(`  - ${problem}\n`);
    return undefined;
  }
}
