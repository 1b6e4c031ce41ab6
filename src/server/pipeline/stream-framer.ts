// The seam between an upstream stream and the client's: a framer turns each decoded upstream event
// into the client's frames and observes usage on the way. One framer per pairing of dialects.

import { GatewayError } from '../../errors/gateway-error.js';
import type { StreamEvent } from '../../providers/types.js';
import type { StreamResult } from './call-deployment.js';
import type { StreamUsage } from './observe-usage.js';

export interface StreamFramer {
  /** Client frames for one decoded upstream event (may be empty). */
  frame(event: StreamEvent): string;
  /**
   * Closing frames once the upstream stream has ended; throws a GatewayError when it ended before
   * its end marker (a cut stream), so the client gets an error event rather than a silent stop.
   */
  finish(): string;
  /** The final error event; nothing follows it. */
  error(error: GatewayError): string;
}

export type CreateStreamFramer = (result: StreamResult, usage: StreamUsage) => StreamFramer;

export function cutStreamError(): GatewayError {
  return new GatewayError('upstream_error', { message: 'The upstream stream ended before it was complete.' });
}
