// Everything a request handler needs, built once at start and passed down: configuration, the
// authenticator, live models and router, the store and its repositories, shared state, usage
// recording. Handlers never reach for globals.

import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../auth/principal.js';
import type { GatehouseConfig } from '../config/types.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { SharedState } from '../shared-state/types.js';
import type { Repositories } from '../store/repositories/create-repositories.js';
import type { Store } from '../store/store.js';
import type { UsageRecorder } from '../usage/usage-recorder.js';
import type { LiveModels } from './live-models.js';
import type { Logger } from './logger.js';
import type { CallDeps } from './pipeline/call-deployment.js';

export interface AppContext {
  readonly config: GatehouseConfig;
  /** Resolves the caller or rejects with a 401 GatewayError. */
  readonly authenticate: (headers: IncomingHttpHeaders) => Promise<Principal>;
  /** The deployments served (configuration file + stored models) and their router. */
  readonly models: LiveModels;
  readonly call: CallDeps;
  readonly store: Store;
  readonly repos: Repositories;
  /** Counters (budgets, rate limits) and the invalidation bus (topics `key`, `user`, `team`, `organization`, `model`). */
  readonly state: SharedState;
  /** HMAC key for virtual key hashes (derived from the master key for this purpose only). */
  readonly keyHashingKey: Buffer;
  /** Encrypts secrets at rest (stored model credentials). */
  readonly secretBox: SecretBox;
  readonly usage: UsageRecorder;
  readonly log: Logger;
  /** Unix seconds the process started; reported as `created` of models. */
  readonly startedAtS: number;
  /** True when the instance can serve (store reachable, configuration loaded). */
  readonly isReady: () => Promise<boolean>;
}
