// The Amazon Bedrock adapter: chat through Converse/ConverseStream (AWS event-stream framing),
// embeddings through InvokeModel, SigV4 with the deployment's keys or the role they assume. No I/O
// here: `upstream/` sends; the clock, STS calls and their cache come from the sign context.

import { GatewayError } from '../../errors/gateway-error.js';
import type { HttpRequestSpec, ProviderAdapter, ResolvedDeployment, SignContext } from '../types.js';
import { assumedRoleCredentials } from './assume-role.js';
import { buildConverseRequest } from './converse-request.js';
import { parseConverseResponse } from './converse-response.js';
import { createConverseStreamMapper } from './converse-stream.js';
import { buildEmbeddingRequest, parseEmbeddingResponse } from './embeddings.js';
import { checkBedrockDeployment, credentialsOf, extraParamOf, regionOf } from './endpoint.js';
import { classifyBedrockError } from './errors.js';
import { signSigV4 } from './sigv4.js';

async function signBedrockRequest(request: HttpRequestSpec, deployment: ResolvedDeployment, ctx: SignContext): Promise<HttpRequestSpec> {
  const keys = credentialsOf(deployment);
  const region = regionOf(deployment);
  if (keys === undefined || region === undefined) {
    // Start-up checks report this; a deployment added later still must not go out unsigned.
    throw new GatewayError('upstream_auth', { detail: `Bedrock deployment ${deployment.id} has no ${keys === undefined ? 'AWS keys' : 'region'}.` });
  }
  const credentials = extraParamOf(deployment, 'aws_role_name') === undefined ? keys : await assumedRoleCredentials(deployment, keys, region, ctx);
  // The signing name of bedrock-runtime is `bedrock`.
  return signSigV4(request, { credentials, region, service: 'bedrock', nowMs: ctx.now(), contentSha256Header: true });
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
