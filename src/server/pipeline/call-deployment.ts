// One attempt against one deployment: build the provider request, send it (or let an in-process
// provider serve it), turn failures into typed errors, and for streams wait for the first chunk so
// the router can still retry. Retry policy lives in `router/`; what reaches the client lives in `send-*`.

import type { DeploymentConfig } from '../../config/types.js';
import { GatewayError } from '../../errors/gateway-error.js';
import type { BuildContext, HttpRequestSpec, Operation, ProviderAdapter, RawResponse, ResolvedDeployment, SignContext } from '../../providers/types.js';
import type { AttemptContext } from '../../router/types.js';
import type { UpstreamClient, UpstreamResponse } from '../../upstream/types.js';
import { collectBody } from './collect-body.js';
import { asFloatRequest, wantsBase64 } from './embedding-encoding.js';

/** Upstream error bodies are only read this far: enough for a message, never a memory hazard. */
const maxErrorBodyBytes = 64 * 1024;

export interface CallDeps {
  readonly upstream: UpstreamClient;
  readonly getProvider: (name: string) => ProviderAdapter | undefined;
  readonly maxUpstreamResponseBytes: number;
  /** What a provider's `sign` step may use (clock, token exchanges, credential cache). */
  readonly sign: SignContext;
}

export type OperationName = 'chat' | 'completions' | 'embeddings';

/** The operation an attempt used, as the delivery step needs it. */
export type UsedOperation = Pick<Operation<unknown, unknown, unknown>, 'wire' | 'streamFraming' | 'parseResponse' | 'createStreamMapper'>;

export interface JsonResult {
  readonly kind: 'json';
  readonly adapter: ProviderAdapter;
  readonly operation: UsedOperation;
  readonly resolved: ResolvedDeployment;
  readonly text: string;
  readonly body: unknown;
}

export interface StreamResult {
  readonly kind: 'stream';
  readonly adapter: ProviderAdapter;
  readonly operation: UsedOperation;
  readonly resolved: ResolvedDeployment;
  readonly first: Uint8Array | undefined;
  readonly rest: AsyncIterator<Uint8Array>;
}

export type CallResult = JsonResult | StreamResult;

const resolvedCache = new WeakMap<DeploymentConfig, ResolvedDeployment>();

export function resolveDeployment(d: DeploymentConfig): ResolvedDeployment {
  let resolved = resolvedCache.get(d);
  if (resolved === undefined) {
    resolved = {
      id: d.id, modelName: d.modelName, provider: d.provider, model: d.model,
      apiBase: d.apiBase, apiKey: d.apiKey, apiVersion: d.apiVersion, region: d.region,
      headers: d.headers, extraParams: d.extraParams,
    };
    resolvedCache.set(d, resolved);
  }
  return resolved;
}

export function operationOf<Req>(adapter: ProviderAdapter, name: OperationName): Pick<Operation<Req, unknown, unknown>, 'buildRequest' | 'wire'> | undefined {
  return adapter[name] as Pick<Operation<Req, unknown, unknown>, 'buildRequest' | 'wire'> | undefined;
}

function send(deps: CallDeps, adapter: ProviderAdapter, spec: HttpRequestSpec, ctx: AttemptContext, stream: boolean): Promise<RawResponse | UpstreamResponse> | RawResponse {
  if (adapter.serve) return adapter.serve(spec, ctx.signal);
  const timeoutMs = stream ? ctx.streamTimeoutMs : ctx.timeoutMs;
  const options = ctx.signal === undefined
    ? { headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs }
    : { headersTimeoutMs: timeoutMs, bodyTimeoutMs: timeoutMs, signal: ctx.signal };
  return deps.upstream.send(spec, options);
}

export interface CallOptions<Req> {
  readonly operation: OperationName;
  readonly request: Req;
  readonly build: BuildContext;
}

export async function callDeployment<Req>(deps: CallDeps, deployment: DeploymentConfig, ctx: AttemptContext, options: CallOptions<Req>): Promise<CallResult> {
  const adapter = deps.getProvider(deployment.provider);
  const operation = adapter && operationOf<Req>(adapter, options.operation);
  if (!adapter || !operation) throw unsupported(deployment, options.operation);
  const target = { adapter, operation: operation as Operation<Req, unknown, unknown>, deployment, ctx };
  // Providers that translate embeddings return floats; the server encodes base64 itself (see deliverJson).
  if (options.operation === 'embeddings' && operation.wire === 'translated' && wantsBase64(options.request)) {
    return callOperation(deps, target, { request: asFloatRequest(options.request), build: options.build });
  }
  return callOperation(deps, target, options);
}

export function unsupported(deployment: DeploymentConfig, operation: string): GatewayError {
  return new GatewayError('invalid_request', { param: 'model', message: `The model \`${deployment.modelName}\` does not support ${operation}.` });
}

export interface AttemptTarget<Req> {
  readonly adapter: ProviderAdapter;
  readonly operation: Operation<Req, unknown, unknown>;
  readonly deployment: DeploymentConfig;
  readonly ctx: AttemptContext;
}

/** One attempt with an operation already chosen (the client dialect's own, or the canonical one). */
export async function callOperation<Req>(deps: CallDeps, target: AttemptTarget<Req>, options: Pick<CallOptions<Req>, 'request' | 'build'>): Promise<CallResult> {
  const { adapter, operation, deployment, ctx } = target;
  const resolved = resolveDeployment(deployment);
  let spec = operation.buildRequest(options.request, resolved, options.build);
  if (adapter.sign) spec = await adapter.sign(spec, resolved, deps.sign);
  const response = await send(deps, adapter, spec, ctx, options.build.stream);
  if (response.status < 200 || response.status >= 300) {
    const bodyText = await collectBody(response.body, maxErrorBodyBytes, { truncate: true });
    throw adapter.classifyError({ status: response.status, headers: response.headers, bodyText }, resolved);
  }
  if (options.build.stream) {
    const rest = response.body[Symbol.asyncIterator]();
    const first = await nextChunk(rest);
    return { kind: 'stream', adapter, operation, resolved, first, rest };
  }
  // The upstream client reads a whole body more cheaply than iterating it; in-process providers iterate.
  const text = 'text' in response
    ? await response.text(deps.maxUpstreamResponseBytes)
    : await collectBody(response.body, deps.maxUpstreamResponseBytes, { truncate: false });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new GatewayError('upstream_malformed', { detail: `non-JSON body from ${deployment.id}` });
  }
  return { kind: 'json', adapter, operation, resolved, text, body };
}

async function nextChunk(iterator: AsyncIterator<Uint8Array>): Promise<Uint8Array | undefined> {
  const step = await iterator.next();
  return step.done ? undefined : step.value;
}
