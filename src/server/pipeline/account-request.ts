// The accounting steps of an inference request: admission before any upstream byte (budgets and
// rate limits of key, user, team and organisation, with reserved estimates), and afterwards the
// settlement of actual cost and one usage record (tokens and cost, never content).

import type { Principal } from '../../auth/principal.js';
import type { DeploymentConfig } from '../../config/types.js';
import type { GatewayError } from '../../errors/gateway-error.js';
import { admitRequest, type Admission, type BudgetSubject } from '../../usage/admission.js';
import { buildUsageRecord } from '../../usage/build-usage-record.js';
import { costOf, highestPrices } from '../../usage/cost.js';
import { estimateRequest } from '../../usage/estimate-request.js';
import { tokenCountOf, tokenCountOfUsage, type TokenCount } from '../../usage/token-count.js';
import type { Usage } from '../../wire/openai/types.js';
import type { AppContext } from '../app-context.js';
import type { Exchange } from '../exchange.js';

export interface AccountOptions {
  readonly route: string;
  readonly modelGroup: string;
  readonly promptChars: number;
  readonly maxTokens: number | undefined;
  readonly stream: boolean;
}

export interface RequestOutcome {
  readonly deployment?: DeploymentConfig | undefined;
  readonly usage?: Usage | undefined;
  /** Tokens counted by Gatehouse when the provider reported none (a cut stream). */
  readonly counted?: Partial<TokenCount> | undefined;
  readonly cut?: boolean;
  readonly firstTokenAtMs?: number | undefined;
  readonly error?: GatewayError | undefined;
}

export interface RequestAccount {
  readonly admission: Admission;
  /** Settles the admission and records the usage row; only the first call counts. */
  close(outcome: RequestOutcome): void;
}

export function subjectsOf(principal: Principal): BudgetSubject[] {
  if (principal.kind === 'master') return [];
  const subjects: BudgetSubject[] = [{ kind: 'key', id: principal.key.id, budget: principal.key, limits: principal.key }];
  if (principal.user) subjects.push({ kind: 'user', id: principal.user.id, budget: principal.user, limits: principal.user });
  if (principal.team) subjects.push({ kind: 'team', id: principal.team.id, budget: principal.team, limits: principal.team });
  if (principal.organization) subjects.push({ kind: 'organization', id: principal.organization.id, budget: principal.organization, limits: principal.organization });
  return subjects;
}

function owners(principal: Principal): { keyId: string | null; userId: string | null; teamId: string | null; organizationId: string | null } {
  if (principal.kind === 'master') return { keyId: null, userId: null, teamId: null, organizationId: null };
  const key = principal.key;
  return { keyId: key.id, userId: key.userId, teamId: key.teamId, organizationId: key.organizationId ?? principal.team?.organizationId ?? null };
}

export async function openAccount(ex: Exchange, app: AppContext, principal: Principal, options: AccountOptions): Promise<RequestAccount> {
  const subjects = subjectsOf(principal);
  let admission: Admission | undefined;
  if (subjects.length > 0) {
    const group = app.models.router().deploymentsOf(options.modelGroup);
    const estimate = estimateRequest({ promptChars: options.promptChars, maxTokens: options.maxTokens, prices: highestPrices(group) });
    admission = await admitRequest(app.state.counters, { subjects, estimate, nowMs: Date.now() });
    for (const notice of admission.softBudget) {
      if (notice.crossedNow) app.log.warn('soft budget crossed', { kind: notice.kind, id: notice.id, softBudgetUsd: notice.softBudgetUsd, spendUsd: notice.spendUsd });
    }
  }
  let closed = false;
  return {
    admission: admission ?? noAdmission,
    close(outcome) {
      if (closed) return;
      closed = true;
      const d = outcome.deployment;
      const tokens = outcome.usage ?? outcome.counted;
      const counted = outcome.usage ? tokenCountOfUsage(outcome.usage) : outcome.counted ? tokenCountOf(outcome.counted) : undefined;
      const cost = d && counted ? costOf(d, counted) : { costUsd: 0, costKnown: true };
      const totalTokens = counted ? counted.promptTokens + counted.completionTokens : 0;
      admission?.settle({ costUsd: cost.costUsd, totalTokens }).catch((error: unknown) => app.log.error('admission settle failed', { detail: String(error) }));
      app.usage.record(buildUsageRecord({
        requestId: ex.requestId, route: options.route, ...owners(principal), modelGroup: options.modelGroup,
        deploymentId: d?.id ?? null, provider: d?.provider ?? null, region: d?.region ?? null,
        tokens, costUsd: cost.costUsd, costKnown: cost.costKnown, startedAtMs: ex.startedAtMs, endedAtMs: Date.now(),
        firstTokenAtMs: outcome.firstTokenAtMs, stream: options.stream, cut: outcome.cut,
        httpStatus: outcome.error?.status ?? 200, errorCode: outcome.error?.code ?? null,
      }));
    },
  };
}

const noAdmission: Admission = Object.freeze({ headers: () => ({}), softBudget: [], settle: () => Promise.resolve() });
