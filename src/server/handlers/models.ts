// `GET /v1/models` and `GET /v1/models/{id}`: the model groups this caller may use, in OpenAI's
// list shape. Deployment details (providers, bases, keys) are never listed here.

import { allowedModelsCheck } from '../../auth/model-access.js';
import type { Principal } from '../../auth/principal.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { ModelObject } from '../../wire/openai/types.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import { authorizeRoute } from '../pipeline/authorize-model.js';
import { sendJson } from '../respond.js';

function modelObject(app: AppContext, id: string): ModelObject {
  return { id, object: 'model', created: app.startedAtS, owned_by: 'gatehouse' };
}

function visibleModels(app: AppContext, principal: Principal): string[] {
  const router = app.models.router();
  return router.modelNames().filter((name) => router.deploymentsOf(name).some((d) => allowedModelsCheck(principal, name, d).allowed));
}

async function caller(ex: Exchange, app: AppContext): Promise<Principal> {
  const principal = await app.authenticate(ex.req.headers);
  authorizeRoute(principal, ex.path);
  return principal;
}

export async function listModels(ex: Exchange, app: AppContext): Promise<void> {
  const principal = await caller(ex, app);
  const data = visibleModels(app, principal).map((id) => modelObject(app, id));
  sendJson(ex.res, 200, { object: 'list', data }, ex.requestId);
}

export async function retrieveModel(ex: Exchange, app: AppContext, id: string): Promise<void> {
  const principal = await caller(ex, app);
  // A model the caller may not use is answered exactly like one that does not exist.
  if (!visibleModels(app, principal).includes(id)) {
    throw new GatewayError('model_not_found', { param: 'model', message: `The model \`${id}\` does not exist or this key cannot use it.` });
  }
  sendJson(ex.res, 200, modelObject(app, id), ex.requestId);
}
