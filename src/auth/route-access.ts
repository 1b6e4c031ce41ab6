// Which paths a virtual key may call (`allowed_routes`): LiteLLM's group names (`llm_api_routes`, ...),
// exact paths and patterns with `*` or `{name}`. A leading `/v1` is optional on both sides, as the
// server serves routes with and without it. Whether the caller's role may do the action is `can`'s job.

import { globMatch } from './glob-match.js';
import { effectiveRole, type Principal } from './principal.js';

const openaiRoutes = [
  '/chat/completions', '/completions', '/embeddings', '/models', '/models/{model}', '/responses', '/responses/*',
  '/images/generations', '/images/edits', '/audio/transcriptions', '/audio/speech', '/moderations', '/rerank',
  '/engines/{model}/chat/completions', '/engines/{model}/completions', '/engines/{model}/embeddings',
  '/openai/deployments/{model}/chat/completions', '/openai/deployments/{model}/completions', '/openai/deployments/{model}/embeddings',
];
const anthropicRoutes = ['/messages', '/messages/count_tokens'];
const keyManagementRoutes = ['/key/*'];
const infoRoutes = [
  '/key/info', '/key/list', '/user/info', '/team/info', '/team/list', '/organization/info', '/organization/list',
  '/model/info', '/model_group/info', '/models', '/health',
];
const spendTrackingRoutes = ['/spend/*', '/global/spend/*'];

/** LiteLLM's route group names a key's `allowed_routes` may use. */
export const routeGroups = {
  openai_routes: openaiRoutes,
  anthropic_routes: anthropicRoutes,
  llm_api_routes: [...openaiRoutes, ...anthropicRoutes],
  info_routes: infoRoutes,
  key_management_routes: keyManagementRoutes,
  management_routes: [...keyManagementRoutes, '/user/*', '/team/*', '/organization/*', '/model/*'],
  spend_tracking_routes: spendTrackingRoutes,
} as const satisfies Record<string, readonly string[]>;
export type RouteGroupName = keyof typeof routeGroups;

export function isRouteGroup(name: string): name is RouteGroupName {
  return Object.hasOwn(routeGroups, name);
}

/** The path without query string and without an optional leading `/v1`. */
export function canonicalRoute(path: string): string {
  const query = path.indexOf('?');
  const bare = query === -1 ? path : path.slice(0, query);
  if (bare.startsWith('/v1/')) return bare.slice(3);
  return bare === '/v1' ? '/' : bare;
}

/** Why a stored route pattern cannot be used, or undefined when it can. */
export function routePatternProblem(pattern: string): string | undefined {
  if (isRouteGroup(pattern)) return undefined;
  if (!pattern.startsWith('/')) return `"${pattern}" is neither a path nor a known route group (${Object.keys(routeGroups).join(', ')})`;
  if (!/^[\x21-\x7e]+$/.test(pattern)) return `"${pattern}" contains spaces, control or non-ASCII characters`;
  // `/*` or `/v1/*` would be every route, management included: name a group instead.
  if (/^\/[*{]/.test(canonicalRoute(pattern))) return `"${pattern}" must start with a literal path segment`;
  return undefined;
}

/** The patterns a stored entry stands for; an unusable entry stands for none (fail closed). */
export function expandRoutePattern(entry: string): readonly string[] {
  if (isRouteGroup(entry)) return routeGroups[entry];
  return routePatternProblem(entry) === undefined ? [canonicalRoute(entry)] : [];
}

function matchesAny(patterns: readonly string[], route: string): boolean {
  return patterns.some((pattern) => globMatch(pattern, route, { placeholders: true }));
}

/**
 * May the principal call `path`? A key with `allowedRoutes` may call only those; a key without
 * them may call the LLM API routes, and management routes when it acts for a user (its role
 * then decides, through `can`). The master key may call everything.
 */
export function isRouteAllowed(principal: Principal, path: string): boolean {
  if (principal.kind === 'master') return true;
  const route = canonicalRoute(path);
  const allowedRoutes = principal.key.allowedRoutes;
  if (allowedRoutes.length === 0) return effectiveRole(principal) !== null || matchesAny(routeGroups.llm_api_routes, route);
  return allowedRoutes.some((entry) => matchesAny(expandRoutePattern(entry), route));
}

/** True when every route `entry` allows is allowed by one of `allowedRoutes` (which must be non-empty). */
export function routesCoverEntry(allowedRoutes: readonly string[], entry: string): boolean {
  const granted = allowedRoutes.flatMap(expandRoutePattern);
  const requested = expandRoutePattern(entry);
  if (requested.length === 0) return false;
  return requested.every((pattern) => granted.some((grant) => globMatch(grant, pattern, { placeholders: true, textHasStars: true })));
}
