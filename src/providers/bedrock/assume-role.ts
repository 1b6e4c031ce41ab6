// Temporary credentials for a deployment that names `aws_role_name`: an STS AssumeRole call signed
// with the deployment's own keys, sent through the sign context and cached there until shortly
// before the credentials expire. Which keys sign Bedrock requests is decided in the adapter.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html

import { GatewayError } from '../../errors/gateway-error.js';
import { credentialMemoKey } from '../credential-memo-key.js';
import type { ResolvedDeployment, SignContext } from '../types.js';
import { extraParamOf } from './endpoint.js';
import type { AwsCredentials } from './sigv4.js';
import { awsUriEncode, signSigV4 } from './sigv4.js';

/** Fresh credentials are fetched this long before the old ones expire. */
const refreshMarginMs = 5 * 60 * 1000;
const durationS = 3600;
const defaultSessionName = 'gatehouse-bedrock';

function field(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

function stsUrl(deployment: ResolvedDeployment, region: string): string {
  return (extraParamOf(deployment, 'aws_sts_endpoint') ?? `https://sts.${region}.amazonaws.com`).replace(/\/+$/, '') + '/';
}

async function assumeRole(deployment: ResolvedDeployment, base: AwsCredentials, region: string, ctx: SignContext): Promise<{ value: string; expiresAtMs: number }> {
  const roleArn = extraParamOf(deployment, 'aws_role_name') ?? '';
  const externalId = extraParamOf(deployment, 'aws_external_id');
  const form: [string, string][] = [
    ['Action', 'AssumeRole'], ['Version', '2011-06-15'], ['RoleArn', roleArn],
    ['RoleSessionName', extraParamOf(deployment, 'aws_session_name') ?? defaultSessionName], ['DurationSeconds', String(durationS)],
    ...(externalId === undefined ? [] : [['ExternalId', externalId] as [string, string]]),
  ];
  const request = {
    method: 'POST' as const,
    url: stsUrl(deployment, region),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/xml' },
    body: form.map(([name, value]) => `${name}=${awsUriEncode(value)}`).join('&'),
  };
  const answer = await ctx.fetch(signSigV4(request, { credentials: base, region, service: 'sts', nowMs: ctx.now(), contentSha256Header: false }));
  if (answer.status !== 200) {
    // STS's error code says what went wrong; its message may quote the role, so it stays out.
    throw new GatewayError('upstream_auth', { detail: `STS AssumeRole for bedrock deployment ${deployment.id} answered ${answer.status} (code=${field(answer.text, 'Code') ?? '-'})` });
  }
  const accessKeyId = field(answer.text, 'AccessKeyId');
  const secretAccessKey = field(answer.text, 'SecretAccessKey');
  const sessionToken = field(answer.text, 'SessionToken');
  const expiresAtMs = Date.parse(field(answer.text, 'Expiration') ?? '');
  if (accessKeyId === undefined || secretAccessKey === undefined || sessionToken === undefined || Number.isNaN(expiresAtMs)) {
    throw new GatewayError('upstream_auth', { detail: `STS AssumeRole for bedrock deployment ${deployment.id} answered without credentials` });
  }
  return { value: JSON.stringify({ accessKeyId, secretAccessKey, sessionToken }), expiresAtMs: expiresAtMs - refreshMarginMs };
}

/** The role's temporary credentials, from the process-wide memo while they are fresh. */
export async function assumedRoleCredentials(deployment: ResolvedDeployment, base: AwsCredentials, region: string, ctx: SignContext): Promise<AwsCredentials> {
  const parts = [base.accessKeyId, extraParamOf(deployment, 'aws_role_name'), extraParamOf(deployment, 'aws_session_name'), extraParamOf(deployment, 'aws_external_id'), region];
  const key = credentialMemoKey('bedrock-assume-role', parts, `${base.secretAccessKey}\n${base.sessionToken ?? ''}`);
  const value = await ctx.memo(key, () => assumeRole(deployment, base, region, ctx));
  return JSON.parse(value) as AwsCredentials;
}
