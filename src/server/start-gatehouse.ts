// Assembles a running Gatehouse from a validated configuration: store (migrated), providers, router,
// upstream client and the HTTP server; and takes it down gracefully, draining in-flight responses.

import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { createAuthenticator } from '../auth/authenticate.js';
import type { DeploymentConfig, GatehouseConfig } from '../config/types.js';
import { getProvider, providerNames } from '../providers/registry.js';
import { createSignContext } from './pipeline/sign-context.js';
import { createSecretBox } from '../crypto/secret-box.js';
import { openStore } from '../store/open-store.js';
import { createRepositories } from '../store/repositories/create-repositories.js';
import { createUsageRecorder } from '../usage/usage-recorder.js';
import { runMigrations } from '../store/migrations/run-migrations.js';
import { createUpstreamClient } from '../upstream/undici-client.js';
import { startRetentionJob, type RetentionJobOptions } from '../audit/start-retention-job.js';
import { newLeaseHolder } from '../store/start-leased-job.js';
import { startBudgetResets, type BudgetResetOptions } from './start-budget-resets.js';
import type { AppContext } from './app-context.js';
import { loadKeyHashingKey } from './key-hashing-key.js';
import { StartError } from './start-error.js';
import { openSharedState } from './open-shared-state.js';
import { shareCooldowns } from './shared-cooldowns.js';
import { createInProcessCounters } from '../router/in-process-counters.js';
import { createRequestListener } from './create-request-listener.js';
import { createHttpServer, type GatehouseServer } from './edge/create-http-server.js';
import { readEdgeFiles } from './edge/edge-files.js';
import type { Logger } from './logger.js';
import { resolveDeployment } from './pipeline/call-deployment.js';
import { apiBaseEgressProblem, createLiveModels } from './live-models.js';

/** How long a stopping instance lets in-flight responses (streams) finish before cutting them. */
export const defaultDrainTimeoutMs = 10_000;

export interface StartOptions {
  readonly config: GatehouseConfig;
  readonly masterKey: string;
  readonly log: Logger;
  /** Listen on this port instead of the configured one (0 = any free port, for tests). */
  readonly port?: number;
  /** Other timings for the periodic jobs than their defaults, for tests. */
  readonly jobs?: PeriodicJobTimings;
}

export interface PeriodicJobTimings {
  readonly budgetResets?: Omit<BudgetResetOptions, 'holder'>;
  readonly retention?: Pick<RetentionJobOptions, 'checkIntervalMs' | 'firstRunDelayMs' | 'leaseMs'>;
}

export interface RunningGatehouse {
  readonly url: string;
  readonly port: number;
  readonly server: GatehouseServer;
  /** The assembled dependencies, for tests and embedding. */
  readonly app: AppContext;
  close(drainTimeoutMs?: number): Promise<void>;
}

export { StartError };

function deploymentLabel(d: DeploymentConfig): string {
  return `model_list (model_name "${d.modelName}", id ${d.id})`;
}

/** Every deployment must name a known provider that can serve it; all problems are listed at once. */
function checkProviders(config: GatehouseConfig): void {
  const problems: string[] = [];
  let unknownProvider = false;
  for (const d of config.deployments) {
    const where = deploymentLabel(d);
    const adapter = getProvider(d.provider);
    if (adapter === undefined) {
      unknownProvider = true;
      problems.push(`${where}: unknown provider "${d.provider}"`);
      continue;
    }
    for (const problem of adapter.checkDeployment?.(resolveDeployment(d)) ?? []) problems.push(`${where}: ${problem}`);
  }
  if (problems.length === 0) return;
  const known = unknownProvider ? `\nKnown providers: ${providerNames().join(', ')}.` : '';
  throw new StartError(`${problems.join('\n')}${known}`);
}

/** Every `api_base` must pass the egress policy; all refusals are listed at once. */
async function checkEgress(config: GatehouseConfig): Promise<void> {
  const problems: string[] = [];
  for (const d of config.deployments) {
    const problem = await apiBaseEgressProblem(d, config.egress, { getProvider });
    if (problem !== undefined) problems.push(`${deploymentLabel(d)}: ${problem}`);
  }
  if (problems.length > 0) throw new StartError(problems.join('\n'));
}

export async function startGatehouse(options: StartOptions): Promise<RunningGatehouse> {
  const { config, log } = options;
  checkProviders(config);
  const edgeFiles = readEdgeFiles(config);
  if (edgeFiles.problems.length > 0) throw new StartError(edgeFiles.problems.join('\n'));
  await checkEgress(config);
  const state = await openSharedState(config, log);
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }).catch(async (error: unknown) => {
    await state.close();
    throw error;
  });
  await runMigrations(store);
  const repos = createRepositories(store);
  const upstream = createUpstreamClient({ egress: config.egress, ...(edgeFiles.ca === undefined ? {} : { ca: edgeFiles.ca }) });
  const call = { upstream, getProvider, maxUpstreamResponseBytes: config.server.maxUpstreamResponseBytes, sign: createSignContext(upstream) };
  const secretBox = createSecretBox(options.masterKey, config.previousMasterKey);
  const keyHashingKey = await loadKeyHashingKey(store, secretBox);
  // With Redis, one instance's deployment cooldown holds on every instance; alone, nothing to share.
  const cooldowns = config.redis === undefined ? undefined : shareCooldowns(createInProcessCounters(), state.bus, log);
  const models = await createLiveModels({ config, storedModels: repos.storedModels, secretBox, call, log, ...(cooldowns === undefined ? {} : { counters: cooldowns.counters }) });
  const unsubscribeModels = state.bus.subscribe('model', () => {
    models.reload().catch((error: unknown) => log.error('model reload failed', { detail: String(error) }));
  });
  const authenticate = createAuthenticator({ masterKey: options.masterKey, keys: repos.virtualKeys, bus: state.bus, keyHashingKey });
  const usage = createUsageRecorder({ sink: repos.usage, log: (message, fields) => log.error(message, fields) });
  const app: AppContext = {
    config, authenticate, models, call, store, repos, state, log, secretBox, usage,
    keyHashingKey,
    startedAtS: Math.floor(Date.now() / 1000),
    isReady: async () => {
      try {
        await sql`select 1`.execute(store.db);
        return true;
      } catch {
        return false;
      }
    },
  };
  // Periodic jobs run once per cluster: whichever instance holds a job's lease runs it.
  const holder = newLeaseHolder();
  const stopBudgetResets = startBudgetResets(app, { holder, ...options.jobs?.budgetResets });
  const stopRetention = startRetentionJob({
    store, retention: config.retention, lease: { leases: repos.jobLeases, holder }, ...options.jobs?.retention,
    onError: (error) => log.error('retention purge failed', { detail: String(error) }),
  });
  const server = createHttpServer(config.server, edgeFiles.tls, createRequestListener(app));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? config.server.port, config.server.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  let closing: Promise<void> | undefined;
  const close = (drainTimeoutMs = defaultDrainTimeoutMs): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
      await closed;
      clearTimeout(timer);
      await Promise.all([stopBudgetResets(), stopRetention()]);
      unsubscribeModels();
      cooldowns?.close();
      authenticate.close();
      await usage.close().catch((error: unknown) => log.error('usage rows lost at shutdown', { detail: String(error) }));
      await state.close();
      await upstream.close();
      await store.close();
    })();
    return closing;
  };
  return { url: `${edgeFiles.tls ? 'https' : 'http'}://${host}:${port}`, port, server, app, close };
}
