// Turns one route line (method, path, permission, schemas, handler) into an HTTP handler that
// authenticates (audited), checks the key may call the route, loads the actor, refuses roles that
// can never hold the permission, validates input with a strict schema, runs the handler and sends
// its answer. Object-level checks (`can` on the object's own ids) are the handlers' part.

import type { z } from 'zod';
import { loadActor, type Actor } from '../../auth/actor.js';
import type { Permission } from '../../auth/permissions.js';
import { isRouteAllowed } from '../../auth/route-access.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';
import { readJsonBody } from '../read-json-body.js';
import { securityHeaders, sendJson } from '../respond.js';
import { mayEverHold } from './actor-scope.js';
import { authenticateAudited } from './admin-audit.js';
import { invalidInput } from './admin-errors.js';

export type AdminMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteSchemas {
  readonly summary: string;
  /** A strict object schema for the JSON body. */
  readonly body?: z.ZodType;
  /** A strict object schema for the query string (values arrive as strings). */
  readonly query?: z.ZodType;
  /** What a successful answer looks like (documentation, and the handler's return type). */
  readonly reply?: z.ZodType;
  /** An empty body reads as `{}` (LiteLLM's `POST /key/{key}/regenerate` has none). */
  readonly optionalBody?: boolean;
}

type InputOf<S extends RouteSchemas> = S['body'] extends z.ZodType
  ? z.output<S['body']>
  : S['query'] extends z.ZodType
    ? z.output<S['query']>
    : Record<string, never>;

type ReplyOf<S extends RouteSchemas> = S['reply'] extends z.ZodType ? z.input<S['reply']> : unknown;

export interface AdminCall<I> {
  readonly ex: Exchange;
  readonly app: AppContext;
  readonly actor: Actor;
  readonly input: I;
}

/** A non-JSON answer (CSV exports). */
export class TextReply {
  constructor(
    readonly contentType: string,
    readonly text: string,
  ) {}
}

export type AdminHandler<I, R> = (call: AdminCall<I>) => Promise<R | TextReply>;
export type HttpHandler = (ex: Exchange, app: AppContext) => Promise<void>;

export interface AdminRoute {
  readonly method: AdminMethod;
  readonly path: string;
  readonly permission: Permission;
  readonly schemas: RouteSchemas;
  readonly handle: HttpHandler;
}

function queryObject(url: string): Record<string, string | string[]> {
  const query = url.indexOf('?');
  const params = new URLSearchParams(query === -1 ? '' : url.slice(query + 1));
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

function hasBody(ex: Exchange): boolean {
  const length = ex.req.headers['content-length'];
  return ex.req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

async function readInput(ex: Exchange, app: AppContext, schemas: RouteSchemas): Promise<unknown> {
  const limits = { maxBodyBytes: app.config.server.maxRequestBodyBytes, maxJsonDepth: app.config.server.maxJsonDepth };
  const [schema, where, raw] = schemas.body !== undefined
    ? [schemas.body, 'body' as const, schemas.optionalBody === true && !hasBody(ex) ? {} : await readJsonBody(ex.req, limits)]
    : [schemas.query, 'query' as const, queryObject(ex.req.url ?? '')];
  if (schema === undefined) return {};
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error.issues, where);
  return parsed.data;
}

function send(ex: Exchange, reply: unknown): void {
  if (!(reply instanceof TextReply)) {
    sendJson(ex.res, 200, reply, ex.requestId);
    return;
  }
  ex.res.writeHead(200, {
    ...securityHeaders,
    'content-type': reply.contentType,
    'content-length': Buffer.byteLength(reply.text),
    'x-request-id': ex.requestId,
  });
  ex.res.end(reply.text);
}

/** One management route: `route('POST', '/key/generate', 'key:create', { body, reply, summary }, generateKey)`. */
export function route<S extends RouteSchemas>(
  method: AdminMethod,
  path: string,
  permission: Permission,
  schemas: S,
  handler: AdminHandler<InputOf<S>, ReplyOf<S>>,
): AdminRoute {
  const handle: HttpHandler = async (ex, app) => {
    const principal = await authenticateAudited(ex, app);
    if (!isRouteAllowed(principal, ex.path)) {
      throw new GatewayError('permission_denied', { message: `This key may not call ${ex.path}.` });
    }
    const actor = await loadActor(principal, app.repos.users);
    if (!mayEverHold(actor, permission)) {
      throw new GatewayError('permission_denied', { message: `Your role does not have the permission ${permission}.` });
    }
    // The schema's output type is InputOf<S>; safeParse only knows it as unknown here.
    const input = (await readInput(ex, app, schemas)) as InputOf<S>;
    send(ex, await handler({ ex, app, actor, input }));
  };
  return { method, path, permission, schemas, handle };
}
