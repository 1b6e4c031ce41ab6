// Where an Azure OpenAI deployment takes OpenAI's operations: the deployment-scoped routes with an
// `api-version` query, or the version-less v1 routes (`api_base` ending with `/openai/v1`, or
// `api_version` v1, latest or preview).
// https://learn.microsoft.com/en-us/azure/ai-services/openai/reference

import { GatewayError } from '../../errors/gateway-error.js';
import type { ResolvedDeployment } from '../types.js';

/**
 * The latest GA data-plane inference version; LiteLLM defaults to a preview version instead, which
 * Azure retires on a schedule. A deployment's `api_version` overrides it.
 * https://learn.microsoft.com/en-us/azure/ai-services/openai/api-version-lifecycle
 */
export const defaultAzureApiVersion = '2024-10-21';

const v1Suffix = /\/openai\/v1$/;
/** The `api_version` values that choose the v1 routes, as in LiteLLM. */
const v1Versions = new Set(['v1', 'latest', 'preview']);
/** Users copy the endpoint with or without Azure's `/openai` segment; the route adds it once. */
const openaiSuffix = /\/openai$/;

/** `path` is OpenAI's: `/chat/completions`, `/completions` or `/embeddings`. */
export function azureUrlOf(deployment: ResolvedDeployment, path: string): string {
  const base = (deployment.apiBase ?? '').replace(/\/+$/, '');
  if (base === '') {
    throw new GatewayError('internal_error', { detail: `Deployment ${deployment.id} (azure) has no api_base; Azure OpenAI needs one.` });
  }
  const resource = base.replace(v1Suffix, '').replace(openaiSuffix, '');
  const named = deployment.apiVersion?.toLowerCase();
  // The v1 routes take the deployment name in the body's `model` and no dated api-version; preview
  // features are asked for with `api-version=preview`.
  // https://learn.microsoft.com/en-us/azure/ai-foundry/openai/api-version-lifecycle#api-evolution
  if (v1Suffix.test(base) || (named !== undefined && v1Versions.has(named))) {
    return `${resource}/openai/v1${path}${named === 'preview' ? '?api-version=preview' : ''}`;
  }
  const version = deployment.apiVersion ?? defaultAzureApiVersion;
  return `${resource}/openai/deployments/${encodeURIComponent(deployment.model)}${path}?api-version=${encodeURIComponent(version)}`;
}

/** `stream_options` came with 2024-09-01-preview; older dated versions answer 400 to it. */
const firstVersionWithStreamOptions = '2024-09-01';

export function azureTakesStreamOptions(deployment: ResolvedDeployment): boolean {
  const version = deployment.apiVersion;
  return version === undefined || !/^\d{4}-\d{2}-\d{2}/.test(version) || version.slice(0, 10) >= firstVersionWithStreamOptions;
}
