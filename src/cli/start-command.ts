// `gatehouse start`: load configuration, settle the master key, start serving, print how to call
// it, and stop gracefully on SIGINT/SIGTERM.

import { MasterKeyError, resolveMasterKey } from '../auth/master-key.js';
import { createLogger, type LogLevel } from '../server/logger.js';
import { StartError, startGatehouse } from '../server/start-gatehouse.js';
import { loadCliConfig, type CliValues } from './load-cli-config.js';
import { startBanner } from './start-banner.js';

const logLevels = new Set<string>(['debug', 'info', 'warn', 'error']);

function logLevel(): LogLevel {
  const level = process.env['GATEHOUSE_LOG_LEVEL'] ?? 'info';
  return (logLevels.has(level) ? level : 'info') as LogLevel;
}

export async function runStart(values: CliValues): Promise<number> {
  const config = loadCliConfig(values);
  if (config === undefined) return 1;
  let master;
  try {
    master = resolveMasterKey({ configured: config.masterKey, dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof MasterKeyError)) throw error;
    process.stderr.write(`gatehouse: ${error.message}\n`);
    return 1;
  }
  // The Redis password is never logged on purpose; redacting it too guards against a stray error text.
  const redisPassword = config.redis === undefined ? '' : decodeURIComponent(new URL(config.redis.url).password);
  const secrets = [master.key, ...config.deployments.flatMap((d) => (d.apiKey ? [d.apiKey] : [])), ...(redisPassword ? [redisPassword] : [])];
  const log = createLogger({ level: logLevel(), secrets });
  let running;
  try {
    running = await startGatehouse({ config, masterKey: master.key, log });
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    process.stderr.write(`gatehouse: ${error.message}\n`);
    return 1;
  }
  process.stdout.write(startBanner({ url: running.url, config, master }));
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      log.info('stopping', { signal });
      running.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
