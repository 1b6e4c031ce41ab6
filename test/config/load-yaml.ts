// Loads a configuration from a YAML string through the public `loadConfig`, in a throwaway
// folder, and returns either the configuration or the problems it was refused for.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig, type LoadConfigOptions } from '../../src/config/load-config.js';
import type { GatehouseConfig } from '../../src/config/types.js';

type Env = Record<string, string | undefined>;
type Extra = Partial<Pick<LoadConfigOptions, 'overrides'>>;

/** Writes `yaml` as `<tmp>/gatehouse.yaml` and loads it with `--config`; `cwd` is the temporary folder. */
export function loadYaml(yaml: string, env: Env = {}, extra: Extra = {}): GatehouseConfig {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-config-'));
  try {
    const file = join(dir, 'gatehouse.yaml');
    writeFileSync(file, yaml);
    return loadConfig({ file, cwd: dir, env, ...extra });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The problems `loadConfig` reports for `yaml`; fails the test when it loads. */
export function problemsOf(yaml: string, env: Env = {}, extra: Extra = {}): readonly string[] {
  try {
    loadYaml(yaml, env, extra);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}
