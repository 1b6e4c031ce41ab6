// Chooses the shared state at start: Redis when `router_settings` names one (several instances), this
// process's memory otherwise. Connection losses and recoveries are logged without the URL.

import type { GatehouseConfig } from '../config/types.js';
import { createInProcessState } from '../shared-state/in-process-state.js';
import { createRedisState } from '../shared-state/redis-state.js';
import type { SharedState } from '../shared-state/types.js';
import type { Logger } from './logger.js';
import { StartError } from './start-error.js';

export async function openSharedState(config: Pick<GatehouseConfig, 'redis'>, log: Logger): Promise<SharedState> {
  if (config.redis === undefined) return createInProcessState();
  const { host } = new URL(config.redis.url);
  try {
    const state = await createRedisState({
      url: config.redis.url,
      ...(config.redis.keyPrefix === undefined ? {} : { keyPrefix: config.redis.keyPrefix }),
      onConnectionEvent: ({ connection, state: now, detail }) => {
        if (now === 'lost') log.error('shared state: Redis connection lost; limits and budgets answer 503 until it is back', { connection, detail });
        else log.info('shared state: Redis connection restored', { connection });
      },
      onHandlerError: (error) => log.error('shared state: an invalidation handler failed', { detail: String(error) }),
    });
    log.info('shared state: Redis', { host });
    return state;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartError(`router_settings.redis_*: ${reason} (host ${host})`);
  }
}
