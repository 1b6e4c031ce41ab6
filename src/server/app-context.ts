// Everything a request handler needs, built once at start and passed down: configuration, the
// authenticator, the router and the outbound call dependencies. Handlers never reach for globals.

import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../auth/principal.js';
import type { GatehouseConfig } from '../config/types.js';
import type { ModelRouter } from '../router/types.js';
import type { Logger } from './logger.js';
import type { CallDeps, OperationName } from './pipeline/call-deployment.js';

export interface AppContext {
  readonly config: GatehouseConfig;
  /** Resolves the caller or rejects with a 401 GatewayError. */
  readonly authenticate: (headers: IncomingHttpHeaders) => Promise<Principal>;
  readonly router: ModelRouter;
  readonly call: CallDeps;
  readonly log: Logger;
  /** Operations each model group can serve, computed at start from its deployments' providers. */
  readonly operationsByModel: ReadonlyMap<string, ReadonlySet<OperationName>>;
  /** Unix seconds the process started; reported as `created` of models. */
  readonly startedAtS: number;
  /** True when the instance can serve (store reachable, configuration loaded). */
  readonly isReady: () => Promise<boolean>;
}
