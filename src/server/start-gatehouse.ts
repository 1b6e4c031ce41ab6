// Assembles a running Gatehouse from a validated configuration: store (migrated), providers, router,
// upstream client and the HTTP server; and takes it down gracefully, draining in-flight responses.

import { createServer, type Server } from 'node:http';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { createAuthenticator } from '../auth/authenticate.js';
import type { GatehouseConfig } from '../config/types.js';
import { getProvider, providerNames } from '../providers/registry.js';
import { createRouter } from '../router/create-router.js';
import { openStore } from '../store/open-store.js';
import { runMigrations } from '../store/migrations/run-migrations.js';
import { createUpstreamClient } from '../upstream/undici-client.js';
import type { AppContext } from './app-context.js';
import { createRequestListener } from './create-request-listener.js';
import type { Logger } from './logger.js';
import { resolveDeployment, type OperationName } from './pipeline/call-deployment.js';
import { deploymentSupports } from './pipeline/route-call.js';

/** How long a stopping instance lets in-flight responses (streams) finish before cutting them. */
export const defaultDrainTimeoutMs = 10_000;

export interface StartOptions {
  readonly config: GatehouseConfig;
  readonly masterKey: string;
  readonly log: Logger;
  /** Listen on this port instead of the configured one (0 = any free port, for tests). */
  readonly port?: number;
}

export interface RunningGatehouse {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(drainTimeoutMs?: number): Promise<void>;
}

export class StartError extends Error {}

/** Every deployment must name a known provider that can serve it; all problems are listed at once. */
function checkProviders(config: GatehouseConfig): void {
  const problems: string[] = [];
  let unknownProvider = false;
  for (const d of config.deployments) {
    const where = `model_list (model_name "${d.modelName}", id ${d.id})`;
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

const allOperations: readonly OperationName[] = ['chat', 'completions', 'embeddings'];

function operationsByModel(app: Pick<AppContext, 'call'>, config: GatehouseConfig): Map<string, Set<OperationName>> {
  const byModel = new Map<string, Set<OperationName>>();
  for (const d of config.deployments) {
    const ops = byModel.get(d.modelName) ?? new Set<OperationName>();
    for (const op of allOperations) if (deploymentSupports(app, d, op)) ops.add(op);
    byModel.set(d.modelName, ops);
  }
  return byModel;
}

export async function startGatehouse(options: StartOptions): Promise<RunningGatehouse> {
  const { config, log } = options;
  checkProviders(config);
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  await runMigrations(store);
  const upstream = createUpstreamClient();
  const call = { upstream, getProvider, maxUpstreamResponseBytes: config.server.maxUpstreamResponseBytes };
  const app: AppContext = {
    config,
    authenticate: createAuthenticator({ masterKey: options.masterKey }),
    router: createRouter({ deployments: config.deployments, config: config.router }),
    call,
    log,
    operationsByModel: operationsByModel({ call }, config),
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
  const server = createServer({
    headersTimeout: config.server.headersTimeoutMs,
    requestTimeout: config.server.requestTimeoutMs,
    keepAliveTimeout: config.server.keepAliveTimeoutMs,
    maxHeaderSize: 32 * 1024,
  }, createRequestListener(app));
  server.maxHeadersCount = 100;
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
      await upstream.close();
      await store.close();
    })();
    return closing;
  };
  return { url: `http://${host}:${port}`, port, server, close };
}
