// The error a refused admission answers with: which level refused, its limit, and when to retry.
// Public messages name the level (key, user, team, organisation), never its id; logs get the id.

import { GatewayError } from '../errors/gateway-error.js';
import type { Check, SubjectKind } from './admission-checks.js';

const levelNames = {
  key: 'key',
  user: 'user',
  team: 'team',
  organization: 'organisation',
} as const satisfies Record<SubjectKind, string>;

export function refusalOf(check: Check, nowMs: number): GatewayError {
  const level = `this ${levelNames[check.subject.kind]}`;
  const detail = `${check.role} limit of ${check.subject.kind} ${check.subject.id}`;
  const retryAfterS = Math.max(1, Math.ceil((check.expiresAtMs - nowMs) / 1000));
  switch (check.role) {
    case 'budget': {
      const max = check.subject.budget.maxBudget;
      const maximum = max === null ? '' : ` of ${formatUsd(max)}`;
      const resets = check.period.endMs === null ? '' : `; it resets at ${new Date(check.period.endMs).toISOString()}`;
      return new GatewayError('budget_exceeded', { message: `Budget exceeded for ${level}: spend has reached its maximum${maximum}${resets}.`, detail });
    }
    case 'rpm':
      return new GatewayError('rate_limited', { message: `Rate limit exceeded for ${level}: ${check.limit} requests per minute.`, detail, retryAfterS });
    case 'tpm': {
      const tooLarge = check.delta > check.limit ? ` This request alone is estimated at ${check.delta} tokens: lower max_tokens.` : '';
      return new GatewayError('rate_limited', { message: `Rate limit exceeded for ${level}: ${check.limit} tokens per minute.${tooLarge}`, detail, retryAfterS });
    }
    case 'parallel':
      // Nobody knows when a request in flight ends; one second is a polite first wait.
      return new GatewayError('rate_limited', { message: `Too many parallel requests for ${level}: at most ${check.limit} at a time.`, detail, retryAfterS: 1 });
  }
}

/** `$10.00`, `$0.50`, `$0.0025`: cents always, more digits only when they say something. */
function formatUsd(usd: number): string {
  const cents = usd.toFixed(2);
  return Number(cents) === usd ? `$${cents}` : `$${usd}`;
}
