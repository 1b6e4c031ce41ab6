// The routing step of an inference request: check the model can do the operation, then let the
// router pick deployments and run `callDeployment` on them until one answers.

import type { DeploymentConfig } from '../../config/types.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { Attempt, Routed } from '../../router/types.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import { callDeployment, operationOf, type CallDeps, type CallOptions, type CallResult, type OperationName } from './call-deployment.js';

const modeOf = { chat: 'chat', completions: 'completion', embeddings: 'embedding' } as const satisfies Record<OperationName, string>;

export function deploymentSupports(app: { readonly call: Pick<CallDeps, 'getProvider'> }, deployment: DeploymentConfig, operation: OperationName): boolean {
  const mode = deployment.modelInfo.mode;
  // A chat model also answers legacy completions when its provider has the endpoint; embeddings never cross.
  if (mode !== undefined && mode !== modeOf[operation] && !(mode === 'chat' && operation === 'completions')) return false;
  const adapter = app.call.getProvider(deployment.provider);
  return adapter !== undefined && operationOf(adapter, operation) !== undefined;
}

export async function routeCall<Req extends { model: string }>(
  ex: Exchange,
  app: AppContext,
  options: CallOptions<Req>,
  allowed: (deployment: DeploymentConfig) => boolean = () => true,
): Promise<Routed<CallResult>> {
  return routeAttempts(ex, app, {
    model: options.request.model,
    operation: options.operation,
    attempt: (deployment, ctx) => callDeployment(app.call, deployment, ctx, options),
    eligible: (deployment) => allowed(deployment) && deploymentSupports(app, deployment, options.operation),
  });
}

export interface RouteAttempts {
  /** The public model name (model group). */
  readonly model: string;
  /** What the model group must be able to do at all. */
  readonly operation: OperationName;
  readonly attempt: Attempt<CallResult>;
  readonly eligible: (deployment: DeploymentConfig) => boolean;
}

/** Lets the router pick deployments and run `attempt` on them until one answers. */
export function routeAttempts(ex: Exchange, app: AppContext, options: RouteAttempts): Promise<Routed<CallResult>> {
  const operations = app.models.operationsOf(options.model);
  if (operations !== undefined && !operations.has(options.operation)) {
    throw new GatewayError('invalid_request', { param: 'model', message: `The model \`${options.model}\` does not support ${options.operation}.` });
  }
  return app.models.router().route(options.model, options.attempt, { signal: ex.signal, eligible: options.eligible });
}
