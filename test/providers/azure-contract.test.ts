// The provider contract for Azure OpenAI: OpenAI's response, stream and error fixtures (Azure speaks
// the same wire) plus Azure's own: its URLs and auth, filter annotations, content-filter errors.

import { azureAdapter } from '../../src/providers/azure/azure-adapter.js';
import { providerContract } from './provider-contract.js';

const azureRoutes = "Azure's URLs and api-key header differ; the azure fixtures build the same bodies at Azure's routes";

providerContract({
  adapter: azureAdapter,
  fixtureDirs: ['openai', 'azure'],
  skipCases: {
    "a stream asks the upstream for usage and keeps the client's stream options": azureRoutes,
    'tools, tool results, images and JSON schema output pass through untouched': azureRoutes,
    "deployment params are defaults the client's values override; extra headers are added": azureRoutes,
    'api_base without /v1 is kept as given; a keyless local server gets no Authorization': azureRoutes,
    'legacy completions': azureRoutes,
    'embeddings with dimensions and base64 encoding': azureRoutes,
  },
});
