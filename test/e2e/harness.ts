// Starts a real, listening Gatehouse for end-to-end tests from a YAML configuration string, with a
// fresh data folder and a random master key, and tears it all down afterwards. Fake providers run
// on 127.0.0.1, so the egress policy is told to allow it unless the YAML sets its own.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import type { GatehouseConfig } from '../../src/config/types.js';
import { createLogger, silentLogger, type Logger } from '../../src/server/logger.js';
import { startGatehouse, type StartOptions } from '../../src/server/start-gatehouse.js';
import type { AppContext } from '../../src/server/app-context.js';

export interface TestGatehouse {
  readonly url: string;
  /** `<url>/v1`, what OpenAI-style SDKs take as their base URL. */
  readonly baseURL: string;
  readonly masterKey: string;
  readonly config: GatehouseConfig;
  readonly dataDir: string;
  /** The running instance's dependencies (repositories, shared state, ...), for test set-up. */
  readonly app: AppContext;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly env?: Record<string, string>;
  readonly log?: Logger;
  /** Instances sharing one database must share the master key too; random otherwise. */
  readonly masterKey?: string;
  /** Shorter periodic-job timings (budget resets, retention). */
  readonly jobs?: StartOptions['jobs'];
}

/** Adds `gatehouse.egress.allow_private_hosts: ['127.0.0.1']` when the YAML has no `gatehouse.egress`. */
export function allowLocalUpstreams(yaml: string): string {
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0 || doc.hasIn(['gatehouse', 'egress'])) return yaml;
  if (doc.contents === null) return 'gatehouse: { egress: { allow_private_hosts: [127.0.0.1] } }\n';
  doc.setIn(['gatehouse', 'egress', 'allow_private_hosts'], doc.createNode(['127.0.0.1']));
  return doc.toString();
}

export async function startTestGatehouse(yaml: string, options: HarnessOptions = {}): Promise<TestGatehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  const file = join(dir, 'gatehouse.yaml');
  writeFileSync(file, allowLocalUpstreams(yaml));
  const masterKey = options.masterKey ?? `sk-test-${randomBytes(24).toString('base64url')}`;
  const config = loadConfig({
    file,
    cwd: dir,
    env: { GATEHOUSE_MASTER_KEY: masterKey, GATEHOUSE_DATA_DIR: join(dir, 'data'), ...options.env },
  });
  const log = options.log ?? (process.env['GATEHOUSE_TEST_LOG'] ? createLogger({ level: 'debug' }) : silentLogger);
  const running = await startGatehouse({ config, masterKey, log, port: 0, ...(options.jobs === undefined ? {} : { jobs: options.jobs }) }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    url: running.url,
    baseURL: `${running.url}/v1`,
    masterKey,
    config,
    dataDir: join(dir, 'data'),
    app: running.app,
    close: async () => {
      await running.close(1000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
