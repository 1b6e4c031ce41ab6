// The Azure OpenAI adapter (`azure/<deployment-name>`): OpenAI's wire format, forwarded as it is,
// at Azure's URLs with Azure's auth. Azure's filter annotations reach clients untouched.

import { createOpenAIAdapter } from '../openai/openai-adapter.js';
import type { OpenAIWireAdapter } from '../openai/openai-adapter.js';
import type { OpenAICompatibleProfile } from '../openai-compatible/profiles.js';
import { azureDeploymentProblems } from './azure-credentials.js';
import { signAzureRequest } from './azure-entra-token.js';
import { classifyAzureError } from './azure-errors.js';
import { azureTarget } from './azure-target.js';

const azureProfile: OpenAICompatibleProfile = {
  name: 'azure',
  requiresApiBase: true,
  // Unused: the Azure target decides the auth headers.
  authHeader: 'none-when-keyless',
  unsupportedParams: [],
};

export const azureAdapter: OpenAIWireAdapter = {
  ...createOpenAIAdapter(azureProfile, azureTarget),
  classifyError: classifyAzureError,
  checkDeployment: azureDeploymentProblems,
  sign: signAzureRequest,
};
