// `GET /v1/models` and `GET /v1/models/{id}`: the model groups this instance serves, in OpenAI's
// list shape. Deployment details (providers, bases, keys) are never listed here.

import { GatewayError } from '../../errors/gateway-error.js';
import type { ModelObject } from '../../wire/openai/types.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import { sendJson } from '../respond.js';

function modelObject(app: AppContext, id: string): ModelObject {
  return { id, object: 'model', created: app.startedAtS, owned_by: 'gatehouse' };
}

export async function listModels(ex: Exchange, app: AppContext): Promise<void> {
  await app.authenticate(ex.req.headers);
  const data = app.models.router().modelNames().map((id) => modelObject(app, id));
  sendJson(ex.res, 200, { object: 'list', data }, ex.requestId);
}

export async function retrieveModel(ex: Exchange, app: AppContext, id: string): Promise<void> {
  await app.authenticate(ex.req.headers);
  if (!app.models.router().hasModel(id)) {
    throw new GatewayError('model_not_found', { param: 'model', message: `The model \`${id}\` does not exist or this key cannot use it.` });
  }
  sendJson(ex.res, 200, modelObject(app, id), ex.requestId);
}
