// Turns the facts of one finished request into its usage record: ids, model, deployment, tokens,
// cost, times and outcome. Pure; never receives content. Streams cut short keep the tokens counted
// so far (the caller approximates them with `approximateTokens` when no usage chunk arrived).

import type { UsageRecord, UsageStatus } from '../store/records.js';
import type { Usage } from '../wire/openai/types.js';
import { tokenCountOf, tokenCountOfUsage } from './token-count.js';
import type { TokenCount } from './token-count.js';

export interface UsageFacts {
  readonly requestId: string;
  readonly route: string;
  readonly keyId: string | null;
  readonly userId: string | null;
  readonly teamId: string | null;
  readonly organizationId: string | null;
  /** The model name the client asked for. */
  readonly modelGroup: string;
  readonly deploymentId: string | null;
  readonly provider: string | null;
  readonly region: string | null;
  /** The provider's usage object, or the tokens counted so far; undefined when nothing was counted. */
  readonly tokens: Usage | Partial<TokenCount> | undefined;
  readonly costUsd: number;
  /** False when the model has no known price, so `costUsd` (0) says nothing. */
  readonly costKnown: boolean;
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  /** When the first streamed token reached the client. */
  readonly firstTokenAtMs?: number | undefined;
  readonly stream: boolean;
  /** The stream stopped before its end: the client went away or the upstream broke off. */
  readonly cut?: boolean | undefined;
  readonly httpStatus: number;
  readonly errorCode: string | null;
}

/** A usage record plus whether its cost is known; a store without that column keeps the rest. */
export interface UsageEntry extends UsageRecord {
  readonly costKnown: boolean;
}

export function buildUsageRecord(facts: UsageFacts): UsageEntry {
  const { promptTokens, completionTokens, cachedTokens, totalTokens } = countsOf(facts.tokens);
  return {
    requestId: facts.requestId,
    startedAt: isoTimeOf(facts.startedAtMs),
    endedAt: isoTimeOf(facts.endedAtMs),
    keyId: facts.keyId,
    userId: facts.userId,
    teamId: facts.teamId,
    organizationId: facts.organizationId,
    route: facts.route,
    modelGroup: facts.modelGroup,
    deploymentId: facts.deploymentId,
    provider: facts.provider,
    region: facts.region,
    promptTokens,
    completionTokens,
    cachedTokens,
    totalTokens,
    costUsd: Number.isFinite(facts.costUsd) && facts.costUsd > 0 ? facts.costUsd : 0,
    costKnown: facts.costKnown,
    latencyMs: Math.max(0, facts.endedAtMs - facts.startedAtMs),
    ttftMs: facts.stream && facts.firstTokenAtMs !== undefined ? Math.max(0, facts.firstTokenAtMs - facts.startedAtMs) : null,
    stream: facts.stream,
    status: statusOf(facts),
    httpStatus: facts.httpStatus,
    errorCode: facts.errorCode,
  };
}

/** The ISO text of the last second formatted, without its milliseconds: most records share it. */
let cachedSecond = Number.NaN;
let cachedPrefix = '';

/** Same text as `new Date(ms).toISOString()`, formatting a date only once per second. */
function isoTimeOf(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, -4);
    cachedSecond = second;
  }
  return `${cachedPrefix}${String(ms - second * 1000).padStart(3, '0')}Z`;
}

function statusOf(facts: UsageFacts): UsageStatus {
  if (facts.cut === true) return 'cut';
  return facts.errorCode !== null || facts.httpStatus >= 400 ? 'error' : 'success';
}

function countsOf(tokens: UsageFacts['tokens']): TokenCount & { totalTokens: number } {
  if (tokens === undefined || !('prompt_tokens' in tokens)) {
    const counts = tokenCountOf(tokens ?? {});
    return { ...counts, totalTokens: counts.promptTokens + counts.completionTokens };
  }
  const counts = tokenCountOfUsage(tokens);
  const sum = counts.promptTokens + counts.completionTokens;
  // Some providers count tokens outside prompt and completion (thoughts) in the total only.
  const reported = tokens.total_tokens;
  return { ...counts, totalTokens: Number.isFinite(reported) && reported >= sum ? Math.round(reported) : sum };
}
