// Inference for clients of another dialect (Anthropic Messages, OpenAI Responses). The pipeline is
// the OpenAI one's: authenticate, check the route, read and validate, check model access, admit,
// route, deliver, account. Per deployment, an adapter that speaks the client's dialect is called
// natively (body and stream forwarded untouched); any other goes through the canonical chat form.

import type { DeploymentConfig } from '../../config/types.js';
import { toGatewayError } from '../../errors/gateway-error.js';
import type { Operation, ProviderAdapter } from '../../providers/types.js';
import type { Routed } from '../../router/types.js';
import type { ClientDialect } from '../../wire/client-dialect.js';
import type { ChatCompletion, ChatCompletionRequest } from '../../wire/openai/types.js';
import { withoutProviderExtensions } from '../../wire/openai/without-extensions.js';
import type { AppContext } from '../app-context.js';
import { isRoutingField } from '../edge/routing-fields.js';
import type { Exchange } from '../exchange.js';
import { openAccount } from '../pipeline/account-request.js';
import { authorizeModel, authorizeRoute } from '../pipeline/authorize-model.js';
import { callOperation, resolveDeployment, unsupported, type CallResult, type JsonResult } from '../pipeline/call-deployment.js';
import { deliver, type RenderedJson } from '../pipeline/deliver.js';
import { createDialectStreamFramer } from '../pipeline/dialect-stream-framer.js';
import { usageOfBody } from '../pipeline/observe-usage.js';
import { deploymentSupports, routeAttempts } from '../pipeline/route-call.js';
import { stampFor, type Stamp } from '../pipeline/stamp-canonical.js';
import type { CreateStreamFramer } from '../pipeline/stream-framer.js';
import { readSizedJsonBody } from '../read-json-body.js';

/** How adapters that speak the client's own dialect are called and answered. */
export interface NativePath<Req> {
  readonly operationOf: (adapter: ProviderAdapter) => Operation<Req, unknown, unknown> | undefined;
  readonly renderJson: (result: JsonResult) => RenderedJson;
  readonly createFramer: CreateStreamFramer;
}

function headerOf(ex: Exchange, name: string): string | undefined {
  const value = ex.req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function renderTranslatedJson<Req>(dialect: ClientDialect<Req>, request: Req, stamp: Stamp): (result: JsonResult) => RenderedJson {
  return (result) => {
    const canonical = stamp((result.operation.wire === 'openai' ? result.body : result.operation.parseResponse(result.body, result.resolved)) as ChatCompletion);
    return { text: JSON.stringify(dialect.fromChatCompletion(canonical, request)), usage: usageOfBody(canonical) };
  };
}

export async function serveDialect<Req>(ex: Exchange, app: AppContext, dialect: ClientDialect<Req>, native?: NativePath<Req>): Promise<void> {
  const principal = await app.authenticate(ex.req.headers);
  authorizeRoute(principal, ex.path);
  const { maxRequestBodyBytes: maxBodyBytes, maxJsonDepth } = app.config.server;
  const { value, bytes } = await readSizedJsonBody(ex.req, { maxBodyBytes, maxJsonDepth, refuseKey: isRoutingField });
  const request = dialect.parseRequest(value);
  const model = dialect.modelOf(request);
  const access = authorizeModel(app, principal, model);
  const stream = dialect.streamOf(request);
  const account = await openAccount(ex, app, principal, { route: ex.path, modelGroup: model, promptChars: bytes, maxTokens: dialect.maxTokensOf(request), stream });
  const anthropicBeta = headerOf(ex, 'anthropic-beta');
  const build = { stream, includeUsage: stream, dropParams: app.config.dropParams, ...(anthropicBeta === undefined ? {} : { anthropicBeta }) };
  let canonical: ChatCompletionRequest | undefined;
  let plainCanonical: ChatCompletionRequest | undefined;
  const nativeOf = (deployment: DeploymentConfig) => {
    const adapter = app.call.getProvider(deployment.provider);
    const operation = adapter && native?.operationOf(adapter);
    return operation?.appliesTo === undefined || operation.appliesTo(resolveDeployment(deployment)) ? operation : undefined;
  };
  let routed: Routed<CallResult>;
  try {
    routed = await routeAttempts(ex, app, {
      model,
      operation: 'chat',
      eligible: (d) => access.eligible(d) && (nativeOf(d) !== undefined || deploymentSupports(app, d, 'chat')),
      attempt: (deployment, ctx) => {
        const adapter = app.call.getProvider(deployment.provider);
        const nativeOperation = nativeOf(deployment);
        if (adapter && nativeOperation) return callOperation(app.call, { adapter, operation: nativeOperation, deployment, ctx }, { request, build });
        const chat = adapter?.chat;
        if (!adapter || !chat) throw unsupported(deployment, 'chat');
        // Translated once, and only when a deployment needs the canonical form.
        canonical ??= dialect.toChatRequest(request);
        if (chat.wire === 'openai') plainCanonical ??= withoutProviderExtensions(canonical);
        const sent = chat.wire === 'openai' ? plainCanonical ?? canonical : canonical;
        return callOperation(app.call, { adapter, operation: chat, deployment, ctx }, { request: sent, build });
      },
    });
  } catch (error) {
    account.close({ error: toGatewayError(error) });
    throw error;
  }
  const isNative = routed.value.operation.wire !== 'openai' && routed.value.operation.wire !== 'translated';
  const stamp = stampFor(ex);
  const translatedJson = renderTranslatedJson(dialect, request, stamp);
  await deliver(ex, routed, account, {
    renderJson: isNative && native ? native.renderJson : translatedJson,
    // The encoder is made only when the answer is a stream.
    createFramer: isNative && native ? native.createFramer : (result, usage) => createDialectStreamFramer(dialect.createStreamEncoder(request), stamp)(result, usage),
    promptBytes: bytes,
  });
}
