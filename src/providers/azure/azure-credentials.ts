// Which credential an Azure OpenAI deployment uses, in LiteLLM's order: `api_key` (the `api-key`
// header), `azure_ad_token` (a bearer token), or an Entra ID app (`tenant_id`, `client_id`,
// `client_secret`) whose token `sign` obtains. Reads litellm params only; sends nothing.

import type { ResolvedDeployment } from '../types.js';

export interface AzureClientCredentials {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `azure_scope`, default Azure AI services' scope. */
  readonly scope: string;
  /** `azure_authority_host` (sovereign clouds), default the public cloud's. */
  readonly authorityHost: string;
}

export type AzureCredential =
  | { readonly kind: 'api-key'; readonly key: string }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'client-credentials'; readonly app: AzureClientCredentials }
  | { readonly kind: 'none'; readonly missing: readonly string[] };

/** https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/managed-identity */
export const defaultAzureScope = 'https://cognitiveservices.azure.com/.default';
export const defaultAzureAuthorityHost = 'https://login.microsoftonline.com';
const appParams = ['tenant_id', 'client_id', 'client_secret'] as const;

function param(deployment: ResolvedDeployment, name: string): string | undefined {
  const value = deployment.extraParams[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function azureCredentialOf(deployment: ResolvedDeployment): AzureCredential {
  const key = deployment.apiKey;
  if (key !== undefined && key !== '') return { kind: 'api-key', key };
  const token = param(deployment, 'azure_ad_token');
  if (token !== undefined) return { kind: 'token', token };
  const [tenantId, clientId, clientSecret] = appParams.map((name) => param(deployment, name));
  if (tenantId !== undefined && clientId !== undefined && clientSecret !== undefined) {
    const scope = param(deployment, 'azure_scope') ?? defaultAzureScope;
    const authorityHost = (param(deployment, 'azure_authority_host') ?? defaultAzureAuthorityHost).replace(/\/+$/, '');
    return { kind: 'client-credentials', app: { tenantId, clientId, clientSecret, scope, authorityHost } };
  }
  return { kind: 'none', missing: appParams.filter((name) => param(deployment, name) === undefined) };
}

/** For `checkDeployment`: what stops every request of this deployment. */
export function azureDeploymentProblems(deployment: ResolvedDeployment): string[] {
  const problems: string[] = [];
  if (deployment.apiBase === undefined || deployment.apiBase === '') {
    problems.push('provider "azure" needs litellm_params.api_base (the resource endpoint, e.g. https://my-resource.openai.azure.com)');
  }
  const credential = azureCredentialOf(deployment);
  if (credential.kind === 'none') {
    const partial = credential.missing.length < appParams.length ? ` (an Entra ID app also needs ${credential.missing.join(', ')})` : '';
    problems.push(`provider "azure" needs litellm_params.api_key, azure_ad_token, or tenant_id + client_id + client_secret${partial}`);
  }
  return problems;
}
