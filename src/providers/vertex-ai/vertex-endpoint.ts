// Where a Vertex AI deployment's requests go: the regional host (`{location}-aiplatform...`, or
// `aiplatform.googleapis.com` for `global`), or `api_base` in its place, and the publisher model path.
// https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/projects.locations.publishers.models

import { GatewayError } from '../../errors/gateway-error.js';
import type { ResolvedDeployment } from '../types.js';
import { readServiceAccount } from './service-account.js';

/** LiteLLM's default when `vertex_location` is left out. */
export const defaultVertexLocation = 'us-central1';

/** LiteLLM takes `vertex_ai_<name>` as an older spelling of `vertex_<name>`. */
function param(deployment: ResolvedDeployment, name: 'project' | 'location'): string | undefined {
  const value = deployment.extraParams[`vertex_${name}`] ?? deployment.extraParams[`vertex_ai_${name}`];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The service account key as configured (`vertex_credentials`, or LiteLLM's older `vertex_ai_credentials`). */
export function vertexCredentialsOf(deployment: ResolvedDeployment): unknown {
  return deployment.extraParams['vertex_credentials'] ?? deployment.extraParams['vertex_ai_credentials'];
}

export function vertexLocationOf(deployment: ResolvedDeployment): string {
  return param(deployment, 'location') ?? deployment.region ?? defaultVertexLocation;
}

/** `vertex_project`, else the service account's own project. */
export function vertexProjectOf(deployment: ResolvedDeployment): string | undefined {
  const named = param(deployment, 'project');
  if (named !== undefined) return named;
  const reading = readServiceAccount(vertexCredentialsOf(deployment));
  return 'account' in reading ? reading.account.projectId : undefined;
}

/** Versioned model names (`claude-sonnet-4@20250514`) keep their `@`, as Google's paths show them. */
function modelSegment(model: string): string {
  return encodeURIComponent(model).replace(/%40/g, '@');
}

export type VertexPublisher = 'google' | 'anthropic';

export function vertexModelUrl(deployment: ResolvedDeployment, publisher: VertexPublisher, method: string): string {
  const project = vertexProjectOf(deployment);
  if (project === undefined) throw new GatewayError('internal_error', { detail: `Deployment ${deployment.id} (vertex_ai) has no vertex_project.` });
  const location = vertexLocationOf(deployment);
  const host = location === 'global' ? 'https://aiplatform.googleapis.com' : `https://${location}-aiplatform.googleapis.com`;
  const base = (deployment.apiBase ?? host).replace(/\/+$/, '').replace(/\/v1$/, '');
  const path = `/v1/projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}/publishers/${publisher}/models/${modelSegment(deployment.model)}`;
  return `${base}${path}:${method}`;
}

export function vertexHeaders(deployment: ResolvedDeployment): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(deployment.headers)) headers[name.toLowerCase()] = value;
  return headers;
}

/** Everything that would make every request of the deployment fail, for the start-up check. */
export function vertexDeploymentProblems(deployment: ResolvedDeployment): string[] {
  const problems: string[] = [];
  const hasToken = deployment.apiKey !== undefined && deployment.apiKey !== '';
  const credentials = vertexCredentialsOf(deployment);
  if (!hasToken && credentials === undefined) {
    problems.push('provider "vertex_ai" needs litellm_params.vertex_credentials (the service account JSON) or api_key (an access token)');
  } else if (!hasToken) {
    const reading = readServiceAccount(credentials);
    if ('problem' in reading) problems.push(`provider "vertex_ai": ${reading.problem}`);
  }
  if (vertexProjectOf(deployment) === undefined) problems.push('provider "vertex_ai" needs litellm_params.vertex_project (the Google Cloud project id)');
  return problems;
}
