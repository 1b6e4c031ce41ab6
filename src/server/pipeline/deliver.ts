// The delivery step of an inference request, whatever the dialects: a whole answer is rendered in
// the client's dialect and sent; a stream goes through its framer. Then the deployment is released
// and the request accounted (usage reported upstream, or counted when a stream was cut).

import type { Routed } from '../../router/types.js';
import { tokensForChars } from '../../usage/token-count.js';
import type { Usage } from '../../wire/openai/types.js';
import type { Exchange } from '../exchange.js';
import { sendJsonText } from '../respond.js';
import type { RequestAccount } from './account-request.js';
import type { CallResult, JsonResult, StreamResult } from './call-deployment.js';
import { sendStream } from './send-stream.js';
import type { CreateStreamFramer } from './stream-framer.js';

export interface RenderedJson {
  readonly text: string;
  readonly usage: Usage | undefined;
}

export interface DeliveryPlan {
  /** The client's body for a whole answer, and the usage the answer reports. */
  readonly renderJson: (result: JsonResult) => RenderedJson;
  readonly createFramer: CreateStreamFramer;
  /** Size of the request body, for a token estimate when a cut stream reports no usage. */
  readonly promptBytes: number;
}

export async function deliver(ex: Exchange, routed: Routed<CallResult>, account: RequestAccount, plan: DeliveryPlan): Promise<void> {
  const headers = account.admission.headers();
  const deployment = routed.deployment;
  if (routed.value.kind === 'json') {
    let usage: Usage | undefined;
    try {
      const rendered = plan.renderJson(routed.value);
      usage = rendered.usage;
      sendJsonText(ex.res, 200, rendered.text, ex.requestId, headers);
    } finally {
      routed.release(usage ? { ok: true, totalTokens: usage.total_tokens } : { ok: true });
      account.close({ deployment, usage });
    }
    return;
  }
  const streamed = await sendStream(ex, routed as Routed<StreamResult>, { createFramer: plan.createFramer, headers });
  const usage = streamed.last;
  routed.release(usage ? { ok: streamed.complete, totalTokens: usage.total_tokens } : { ok: streamed.complete });
  const counted = usage ? undefined : { promptTokens: tokensForChars(plan.promptBytes), completionTokens: streamed.chunks };
  account.close({ deployment, usage, counted, cut: !streamed.complete, firstTokenAtMs: streamed.firstChunkAtMs, error: streamed.failure });
}
