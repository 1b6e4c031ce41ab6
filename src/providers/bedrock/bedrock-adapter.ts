// The Amazon Bedrock adapter: chat through Converse/ConverseStream (translated, AWS event-stream
// framing), embeddings through InvokeModel, SigV4 signing with the deployment's static AWS keys.
// No I/O here: `upstream/` sends, and the clock comes from the sign context.

import { GatewayError } from '../../errors/gateway-error.js';
import type { HttpRequestSpec, ProviderAdapter, ResolvedDeployment, SignContext } from '../types.js';
import { buildConverseRequest } from './converse-request.js';
import { parseConverseResponse } from './converse-response.js';
import { createConverseStreamMapper } from './converse-stream.js';
import { buildEmbeddingRequest, parseEmbeddingResponse } from './embeddings.js';
import { checkBedrockDeployment, credentialsOf, regionOf } from './endpoint.js';
import { classifyBedrockError } from './errors.js';
import { signSigV4 } from './sigv4.js';

function signBedrockRequest(request: HttpRequestSpec, deployment: ResolvedDeployment, ctx: SignContext): Promise<HttpRequestSpec> {
  const credentials = credentialsOf(deployment);
  const region = regionOf(deployment);
  if (credentials === undefined || region === undefined) {
    // Start-up checks report this; a deployment added later still must not go out unsigned.
    const detail = `Bedrock deployment ${deployment.id} has no ${credentials === undefined ? 'AWS keys' : 'region'}.`;
    return Promise.reject(new GatewayError('upstream_auth', { detail }));
  }
  // The signing name of bedrock-runtime is `bedrock`.
  return Promise.resolve(signSigV4(request, { credentials, region, service: 'bedrock', nowMs: ctx.now(), contentSha256Header: true }));
}

export const bedrockAdapter: ProviderAdapter = {
  name: 'bedrock',
  chat: {
    wire: 'translated',
    streamFraming: 'aws-event-stream',
    buildRequest: buildConverseRequest,
    parseResponse: parseConverseResponse,
    createStreamMapper: createConverseStreamMapper,
  },
  embeddings: {
    wire: 'translated',
    buildRequest: buildEmbeddingRequest,
    parseResponse: parseEmbeddingResponse,
  },
  classifyError: classifyBedrockError,
  checkDeployment: checkBedrockDeployment,
  sign: signBedrockRequest,
};
