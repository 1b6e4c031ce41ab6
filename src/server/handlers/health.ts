// Liveness and readiness probes. Without a valid key they say only up/down; with the master key
// readiness adds counts, never configuration values or secrets.

import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import { sendJson } from '../respond.js';

export function liveliness(ex: Exchange): void {
  sendJson(ex.res, 200, { status: 'alive' }, ex.requestId);
}

async function isAuthenticated(ex: Exchange, app: AppContext): Promise<boolean> {
  try {
    await app.authenticate(ex.req.headers);
    return true;
  } catch {
    return false;
  }
}

export async function readiness(ex: Exchange, app: AppContext): Promise<void> {
  const ready = await app.isReady();
  const status = ready ? 'ready' : 'not ready';
  const body = (await isAuthenticated(ex, app))
    ? { status, models: app.models.router().modelNames().length, deployments: app.models.deployments().length, uptime_s: Math.floor(Date.now() / 1000) - app.startedAtS }
    : { status };
  sendJson(ex.res, ready ? 200 : 503, body, ex.requestId);
}
