// Which model groups to fall back to after a group failed, by kind of error. Pure; the order of
// trying them, the `maxFallbacks` bound and loop prevention live in create-router.ts.

import type { RouterConfig } from '../config/types.js';
import type { GatewayError } from '../errors/gateway-error.js';

type FallbackConfig = Pick<RouterConfig, 'fallbacks' | 'contextWindowFallbacks' | 'contentPolicyFallbacks'>;

/**
 * The fallback groups configured for `group` and this error, or undefined when the error is final
 * (the client's fault, and neither a context window nor a content policy rejection).
 */
export function fallbackGroupsFor(error: GatewayError, group: string, config: FallbackConfig): readonly string[] | undefined {
  if (error.code === 'context_length_exceeded') return config.contextWindowFallbacks[group] ?? [];
  if (error.code === 'content_filtered') return config.contentPolicyFallbacks[group] ?? [];
  if (!error.retryable) return undefined;
  return config.fallbacks[group] ?? config.fallbacks['*'] ?? [];
}
