// The access step of an inference request: may this principal call this route and this model, and
// which deployments may serve it (allowed models and data regions). Fails closed.

import { allowedModelsCheck, allowedRegionsOf } from '../../auth/model-access.js';
import type { Principal } from '../../auth/principal.js';
import { isRouteAllowed } from '../../auth/route-access.js';
import type { DeploymentConfig } from '../../config/types.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AppContext } from '../app-context.js';

export interface ModelAccess {
  /** Deployments (of any group, fallbacks included) this principal may be served by. */
  readonly eligible: (deployment: DeploymentConfig) => boolean;
}

export function authorizeRoute(principal: Principal, path: string): void {
  if (!isRouteAllowed(principal, path)) {
    throw new GatewayError('permission_denied', { message: `This key may not call ${path}.` });
  }
}

/** Throws 404 for an unknown model, 403 when the key may not use it or no deployment is in its regions. */
export function authorizeModel(app: AppContext, principal: Principal, modelName: string): ModelAccess {
  const group = app.models.router().deploymentsOf(modelName);
  if (group.length === 0) {
    throw new GatewayError('model_not_found', { param: 'model', message: `The model \`${modelName}\` does not exist or this key cannot use it.` });
  }
  if (principal.kind === 'master') return { eligible: () => true };
  const regions = allowedRegionsOf(principal);
  const modelAllowed = (d: DeploymentConfig): boolean => allowedModelsCheck(principal, d.modelName, d).allowed;
  const regionAllowed = (d: DeploymentConfig): boolean => regions === null || (d.region !== undefined && regions.includes(d.region));
  const usable = group.filter(modelAllowed);
  if (usable.length === 0) {
    throw new GatewayError('permission_denied', { param: 'model', message: `This key is not allowed to use the model \`${modelName}\`.` });
  }
  if (!usable.some(regionAllowed)) {
    const where = regions === null || regions.length === 0 ? 'no region' : `the regions ${regions.join(', ')}`;
    throw new GatewayError('permission_denied', { param: 'model', message: `No deployment of \`${modelName}\` is in ${where}, where this key's requests must stay.` });
  }
  return { eligible: (d) => modelAllowed(d) && regionAllowed(d) };
}
