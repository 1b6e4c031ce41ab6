// Azure OpenAI as a target of the OpenAI request builder: its URL scheme and its auth headers. The
// body is OpenAI's and is built by the OpenAI adapter's builder unchanged.

import { GatewayError } from '../../errors/gateway-error.js';
import type { OpenAITarget } from '../openai/request.js';
import type { ResolvedDeployment } from '../types.js';
import { azureCredentialOf } from './azure-credentials.js';
import { azureTakesStreamOptions, azureUrlOf } from './azure-url.js';

function azureHeadersOf(deployment: ResolvedDeployment): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const credential = azureCredentialOf(deployment);
  // https://learn.microsoft.com/en-us/azure/ai-services/openai/reference#authentication
  if (credential.kind === 'api-key') headers['api-key'] = credential.key;
  else if (credential.kind === 'token') headers['authorization'] = `Bearer ${credential.token}`;
  else if (credential.kind === 'none') {
    throw new GatewayError('upstream_auth', { detail: `Deployment ${deployment.id} (azure) has no api_key, azure_ad_token or Entra ID app.` });
  }
  // An Entra ID app's token is added by `sign`, after the token exchange.
  for (const [name, value] of Object.entries(deployment.headers)) headers[name.toLowerCase()] = value;
  return headers;
}

export const azureTarget: OpenAITarget = { urlOf: azureUrlOf, headersOf: azureHeadersOf, takesStreamOptions: azureTakesStreamOptions };
