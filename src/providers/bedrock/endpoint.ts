// Where a Bedrock deployment's requests go and with which credentials, from LiteLLM's parameter
// names: region, runtime endpoint override, model id (`converse/` prefix dropped), static AWS keys.
// https://docs.aws.amazon.com/general/latest/gr/bedrock.html

import { GatewayError } from '../../errors/gateway-error.js';
import type { ResolvedDeployment } from '../types.js';
import type { AwsCredentials } from './sigv4.js';
import { awsUriEncode } from './sigv4.js';

/** `litellm_params` that configure the connection: never sent upstream as request fields. */
export const bedrockSettingParams: ReadonlySet<string> = new Set([
  'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_region_name',
  'aws_bedrock_runtime_endpoint', 'aws_profile_name', 'aws_role_name', 'aws_session_name',
  'aws_web_identity_token', 'aws_sts_endpoint', 'aws_external_id',
]);

/** Credential sources LiteLLM knows that read local files or instance metadata, which Gatehouse does not. */
const unsupportedCredentialParams = ['aws_profile_name', 'aws_web_identity_token'] as const;

/** A string litellm param of the deployment; empty counts as unset. */
export function extraParamOf(deployment: ResolvedDeployment, name: string): string | undefined {
  const value = deployment.extraParams[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function regionOf(deployment: ResolvedDeployment): string | undefined {
  return extraParamOf(deployment, 'aws_region_name') ?? deployment.region;
}

/** The model id to put in the path: LiteLLM's `bedrock/converse/<id>` route names the same API. */
export function modelIdOf(deployment: ResolvedDeployment): string {
  return deployment.model.startsWith('converse/') ? deployment.model.slice('converse/'.length) : deployment.model;
}

/** `https://bedrock-runtime.<region>.amazonaws.com/model/<id>/<action>`, the id URI-encoded. */
export function bedrockUrl(deployment: ResolvedDeployment, action: 'converse' | 'converse-stream' | 'invoke'): string {
  const override = extraParamOf(deployment, 'aws_bedrock_runtime_endpoint') ?? deployment.apiBase;
  const region = regionOf(deployment);
  if (override === undefined && region === undefined) {
    throw new GatewayError('internal_error', { detail: `Bedrock deployment ${deployment.id} has no aws_region_name.` });
  }
  const base = (override ?? `https://bedrock-runtime.${region ?? ''}.amazonaws.com`).replace(/\/+$/, '');
  return `${base}/model/${awsUriEncode(modelIdOf(deployment))}/${action}`;
}

export function credentialsOf(deployment: ResolvedDeployment): AwsCredentials | undefined {
  const accessKeyId = extraParamOf(deployment, 'aws_access_key_id');
  const secretAccessKey = extraParamOf(deployment, 'aws_secret_access_key');
  if (accessKeyId === undefined || secretAccessKey === undefined) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: extraParamOf(deployment, 'aws_session_token') };
}

/** The secrets of a deployment, to scrub from anything relayed. */
export function secretsOf(deployment: ResolvedDeployment): (string | undefined)[] {
  return [extraParamOf(deployment, 'aws_secret_access_key'), extraParamOf(deployment, 'aws_session_token'), extraParamOf(deployment, 'aws_access_key_id')];
}

export function checkBedrockDeployment(deployment: ResolvedDeployment): string[] {
  const problems: string[] = [];
  if (regionOf(deployment) === undefined) {
    problems.push('provider "bedrock" needs litellm_params.aws_region_name (or region_name), e.g. us-east-1; SigV4 signs for a region');
  }
  if (credentialsOf(deployment) === undefined) {
    problems.push('provider "bedrock" needs litellm_params.aws_access_key_id and aws_secret_access_key (e.g. os.environ/AWS_ACCESS_KEY_ID)');
  }
  if (deployment.model.startsWith('invoke/')) {
    problems.push('provider "bedrock": the invoke/ route (model-specific bodies) is not supported; use bedrock/<model id>, which speaks Converse');
  }
  for (const name of unsupportedCredentialParams) {
    if (extraParamOf(deployment, name) !== undefined) problems.push(`provider "bedrock": litellm_params.${name} is not supported; give static keys (aws_access_key_id, aws_secret_access_key, aws_session_token), optionally with aws_role_name`);
  }
  return problems;
}
