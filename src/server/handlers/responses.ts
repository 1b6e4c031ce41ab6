// `POST /v1/responses`: the OpenAI Responses API, stateless, served by any chat deployment through
// the canonical form (no provider is called in the Responses dialect itself).

import { responsesDialect } from '../../wire/responses/responses-dialect.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import { serveDialect } from './dialect-inference.js';

export function responses(ex: Exchange, app: AppContext): Promise<void> {
  return serveDialect(ex, app, responsesDialect);
}
