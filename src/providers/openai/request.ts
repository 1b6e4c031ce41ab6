// Builds the upstream request of an OpenAI-wire provider: URL from the profile and `api_base`,
// auth and extra headers, and the client's body with the deployment's model and defaults applied.
// It sends nothing; `upstream/` does.

import { GatewayError } from '../../errors/gateway-error.js';
import type { OpenAICompatibleProfile } from '../openai-compatible/profiles.js';
import type { BuildContext, HttpRequestSpec, ResolvedDeployment } from '../types.js';

export interface OpenAIEndpoint {
  /** Appended to the API base: `/chat/completions`, `/completions`, `/embeddings`. */
  readonly path: string;
  /** Parameters a deployment's extra params may set as defaults. */
  readonly knownParams: ReadonlySet<string>;
}

/** Where and how a provider with its own URL scheme and auth (Azure OpenAI) takes an OpenAI body. */
export interface OpenAITarget {
  urlOf(deployment: ResolvedDeployment, path: string): string;
  headersOf(deployment: ResolvedDeployment): Record<string, string>;
  /** False when this deployment's server rejects `stream_options` (an old API version). */
  takesStreamOptions?(deployment: ResolvedDeployment): boolean;
}

interface DeploymentParts {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The deployment's extra params this endpoint takes as defaults, in the endpoint's order. */
  readonly defaults: readonly (readonly [string, unknown])[];
  /** The deployment's own `drop_params` litellm param. */
  readonly dropParams: boolean;
  /** Usage is asked for with `stream_options`; otherwise the option is not sent at all. */
  readonly streamOptions: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function urlOf(profile: OpenAICompatibleProfile, deployment: ResolvedDeployment, path: string): string {
  const base = deployment.apiBase ?? (profile.requiresApiBase ? undefined : profile.defaultApiBase);
  if (base === undefined || base === '') {
    const detail = `Deployment ${deployment.id} (${profile.name}) has no api_base; this provider needs one.`;
    throw new GatewayError('internal_error', { detail });
  }
  // LiteLLM users give api_base with or without `/v1`: keep it as given, unless the profile knows
  // where the server keeps its OpenAI routes.
  const trimmed = base.replace(/\/+$/, '');
  const prefix = profile.apiBasePath;
  return (prefix === undefined || trimmed.endsWith(prefix) ? trimmed : trimmed + prefix) + path;
}

function headersOf(profile: OpenAICompatibleProfile, deployment: ResolvedDeployment): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = deployment.apiKey;
  if (key !== undefined && key !== '') headers['authorization'] = `Bearer ${key}`;
  else if (profile.authHeader === 'bearer') {
    throw new GatewayError('upstream_auth', { detail: `Deployment ${deployment.id} (${profile.name}) has no api_key.` });
  }
  for (const [name, value] of Object.entries(deployment.headers)) headers[name.toLowerCase()] = value;
  return headers;
}

function unsupported(profile: OpenAICompatibleProfile, param: string, limit = ''): GatewayError {
  const message = `The parameter '${param}'${limit} is not supported by ${profile.name}. Remove it, or set drop_params to drop it.`;
  return new GatewayError('unsupported_parameter', { param, message });
}

/** The profile's renames and choice limit, applied after the body is assembled (never for OpenAI itself). */
function adjustForProfile(profile: OpenAICompatibleProfile, body: Record<string, unknown>, dropParams: boolean): void {
  for (const [from, to] of Object.entries(profile.renamedParams ?? {})) {
    if (!(from in body)) continue;
    // The OpenAI name wins over the provider's, as the newer spelling (LiteLLM does the same).
    body[to] = body[from];
    delete body[from];
  }
  const n = body['n'];
  if (profile.maxChoices !== undefined && typeof n === 'number' && n > profile.maxChoices) {
    if (!dropParams) throw unsupported(profile, 'n', ` above ${profile.maxChoices}`);
    delete body['n'];
  }
}

/** The request builder of one endpoint of one profile, shaped as `Operation.buildRequest`. */
export function createOpenAIRequestBuilder(
  profile: OpenAICompatibleProfile,
  endpoint: OpenAIEndpoint,
  target?: OpenAITarget,
): (request: object, deployment: ResolvedDeployment, ctx: BuildContext) => HttpRequestSpec {
  const unsupportedParams = new Set(profile.unsupportedParams);
  const adjusts = profile.renamedParams !== undefined || profile.maxChoices !== undefined;
  const sendsStreamOptions = profile.streamUsage !== 'always';
  const defaultable = [...endpoint.knownParams].filter((name) => !unsupportedParams.has(name));
  /** What depends only on the deployment, worked out once per (cached) deployment object. */
  const fixed = new WeakMap<ResolvedDeployment, DeploymentParts>();

  function partsOf(deployment: ResolvedDeployment): DeploymentParts {
    let parts = fixed.get(deployment);
    if (parts === undefined) {
      const defaults: (readonly [string, unknown])[] = [];
      for (const name of defaultable) {
        const value = deployment.extraParams[name];
        if (value !== undefined) defaults.push([name, value]);
      }
      parts = {
        url: target === undefined ? urlOf(profile, deployment, endpoint.path) : target.urlOf(deployment, endpoint.path),
        headers: target === undefined ? headersOf(profile, deployment) : target.headersOf(deployment),
        defaults,
        dropParams: deployment.extraParams['drop_params'] === true,
        streamOptions: sendsStreamOptions && (target?.takesStreamOptions?.(deployment) ?? true),
      };
      fixed.set(deployment, parts);
    }
    return parts;
  }

  function bodyOf(request: Record<string, unknown>, deployment: ResolvedDeployment, parts: DeploymentParts, ctx: BuildContext): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [name, value] of parts.defaults) body[name] = value;
    for (const name in request) {
      const value = request[name];
      if (value === undefined) continue;
      if (unsupportedParams.has(name)) {
        if (ctx.dropParams || parts.dropParams) continue;
        throw unsupported(profile, name);
      }
      body[name] = value;
    }
    body['model'] = deployment.model;
    if (!ctx.stream) {
      delete body['stream'];
      delete body['stream_options'];
    } else {
      body['stream'] = true;
      const options = body['stream_options'];
      if (!parts.streamOptions) delete body['stream_options'];
      else if (ctx.includeUsage) body['stream_options'] = { ...(isRecord(options) ? options : {}), include_usage: true };
    }
    if (adjusts) adjustForProfile(profile, body, ctx.dropParams || parts.dropParams);
    return body;
  }

  return (request, deployment, ctx) => {
    const parts = partsOf(deployment);
    return {
      method: 'POST',
      url: parts.url,
      headers: { ...parts.headers },
      body: JSON.stringify(bodyOf(request as Record<string, unknown>, deployment, parts, ctx)),
    };
  };
}
