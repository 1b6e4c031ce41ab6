// The HTTP edge: match the route (with or without `/v1`), run its handler, and render any failure
// in one place. Paths are matched exactly, never normalised, so `..` or `//` tricks simply 404.

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import { anthropicDialect } from '../wire/anthropic/anthropic-dialect.js';
import { responsesDialect } from '../wire/responses/responses-dialect.js';
import { findAdminRoute, openApiDocument } from './admin/admin-routes.js';
import type { AppContext } from './app-context.js';
import { auditRouteTable } from './audit-routes.js';
import { createEdgePolicy } from './edge/edge-policy.js';
import { createExchange, type Exchange } from './exchange.js';
import { liveliness, readiness } from './handlers/health.js';
import { chatCompletions, completions, embeddings } from './handlers/inference.js';
import { countMessageTokens, messages } from './handlers/messages.js';
import { listModels, retrieveModel } from './handlers/models.js';
import { responses } from './handlers/responses.js';
import { sendError, sendJson } from './respond.js';

type Handler = (ex: Exchange, app: AppContext) => void | Promise<void>;
type ErrorRenderer = (error: GatewayError) => string;

const routes = new Map<string, Readonly<Partial<Record<string, Handler>>>>([
  ['/chat/completions', { POST: chatCompletions }],
  ['/completions', { POST: completions }],
  ['/responses', { POST: responses }],
  ['/messages', { POST: messages }],
  ['/messages/count_tokens', { POST: countMessageTokens }],
  ['/embeddings', { POST: embeddings }],
  ['/models', { GET: listModels }],
  ['/health/liveliness', { GET: liveliness }],
  ['/health/liveness', { GET: liveliness }],
  ['/health/readiness', { GET: readiness }],
  ['/openapi.json', { GET: (ex) => sendJson(ex.res, 200, openApiDocument(), ex.requestId) }],
]);

/**
 * Routes of another client dialect answer errors (any error, auth and unknown sub-routes included)
 * in that dialect's shape.
 */
function errorRendererFor(path: string): ErrorRenderer | undefined {
  if (path === '/messages' || path.startsWith('/messages/')) return anthropicDialect.renderError;
  if (path === '/responses' || path.startsWith('/responses/')) return responsesDialect.renderError;
  return undefined;
}

const modelPrefix = '/models/';

function routePath(url: string): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (path.startsWith('/v1/')) return path.slice(3);
  return path === '/v1' ? '/' : path;
}

function modelRoute(path: string): Readonly<Partial<Record<string, Handler>>> | undefined {
  if (!path.startsWith(modelPrefix) || path.length === modelPrefix.length) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(path.slice(modelPrefix.length));
  } catch {
    return undefined;
  }
  return { GET: (ex, app) => retrieveModel(ex, app, id) };
}

async function dispatch(ex: Exchange, app: AppContext): Promise<void> {
  const methods: Readonly<Partial<Record<string, Handler>>> | undefined = routes.get(ex.path) ?? modelRoute(ex.path) ?? findAdminRoute(ex.path) ?? auditRouteTable.get(ex.path);
  if (methods === undefined) {
    throw new GatewayError('not_found', { message: `Unknown route: ${ex.req.method ?? ''} ${ex.path.slice(0, 200)}` });
  }
  const handler = methods[ex.req.method ?? ''];
  if (handler === undefined) {
    ex.res.setHeader('allow', Object.keys(methods).join(', '));
    throw new GatewayError('method_not_allowed');
  }
  await handler(ex, app);
}

function fail(ex: Exchange, app: AppContext, thrown: unknown): void {
  if (ex.signal.aborted) return;
  const error = toGatewayError(thrown);
  if (error.status >= 500) {
    app.log.error('request failed', { requestId: ex.requestId, code: error.code, status: error.status, detail: error.detail });
  }
  // A body left unread (refused before or while reading it) is drained, and the connection closed
  // after the answer, so the client sees the error rather than a reset.
  const unread = !ex.req.complete;
  if (unread && !ex.res.headersSent) ex.res.setHeader('connection', 'close');
  sendError(ex.res, error, ex.requestId, errorRendererFor(ex.path));
  if (unread) ex.req.resume();
}

export function createRequestListener(app: AppContext): RequestListener {
  const edge = createEdgePolicy(app.config.server);
  // The edge runs first (header count, IP allowlist, CORS); handlers get the key's, its team's and its user's allowlist checks.
  const serve = async (ex: Exchange): Promise<void> => {
    if (edge.admit(ex)) return;
    await dispatch(ex, edge.scope(app, ex));
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    const ex = createExchange(req, res, routePath(req.url ?? '/'), edge.resolveClientIp);
    serve(ex).catch((thrown: unknown) => fail(ex, app, thrown));
  };
}
