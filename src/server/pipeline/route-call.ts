// The routing step of an inference request: check the model can do the operation, then let the
// router pick deployments and run `callDeployment` on them until one answers.

import type { DeploymentConfig } from '../../config/types.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { Routed } from '../../router/types.js';
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
  const model = options.request.model;
  const operations = app.models.operationsOf(model);
  if (operations !== undefined && !operations.has(options.operation)) {
    throw new GatewayError('invalid_request', { param: 'model', message: `The model \`${model}\` does not support ${options.operation}.` });
  }
  return app.models.router().route(model, (deployment, ctx) => callDeployment(app.call, deployment, ctx, options), {
    signal: ex.signal,
    eligible: (deployment) => allowed(deployment) && deploymentSupports(app, deployment, options.operation),
  });
}
