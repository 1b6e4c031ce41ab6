// Schemas of the fields several management routes share (budgets, limits, models, metadata,
// durations, ids) and of query-string values, with LiteLLM's names; plus mapping budget input to
// record fields and records back to budget output. Route-specific schemas live with their routes.

import { z } from 'zod';
import { ipAllowlistProblems, normalizeIpAllowlist } from '../../auth/ip-allowlist.js';
import { budgetDurationMs } from '../../auth/scope-grant.js';
import { routePatternProblem } from '../../auth/route-access.js';
import type { ScopeRequest } from '../../auth/scope-grant.js';
import type { BudgetFields, LimitFields, ScopeFields, Timestamps } from '../../store/records.js';
import { parseBudgetDuration } from '../../store/budget-duration.js';
import type { Patch } from '../../store/repositories/record-patch.js';

export const idField = z.string().min(1).max(256);
const money = z.number().min(0).max(1e12);
const limitValue = z.number().int().min(0).max(1e12);

export const budgetDurationField = z
  .string()
  .refine((value) => parseBudgetDuration(value) !== null, 'must be a duration such as 30s, 15m, 24h, 7d or 1mo');

/** How long a key lives (`30s`, `10m`, `24h`, `30d`); null = forever. */
export const keyDurationField = z
  .string()
  .refine((value) => budgetDurationMs(value) !== undefined, 'must be a duration such as 30s, 10m, 24h or 30d')
  .nullable();

export const modelsField = z.array(z.string().min(1).max(256)).max(1_000);
export const metadataField = z.record(z.string().max(256), z.unknown());
export const regionsField = z.array(z.string().min(1).max(64)).max(100).nullable();
export const routesField = z
  .array(z.string().max(512).superRefine((entry, ctx) => {
    const problem = routePatternProblem(entry);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }))
  .max(200);

/** Addresses and CIDR ranges (IPv4, IPv6) of a key or team, stored in canonical form; null = no restriction of its own. */
export const ipAllowlistField = z
  .array(z.string().max(64))
  .nullable()
  .superRefine((value, ctx) => {
    for (const problem of ipAllowlistProblems(value)) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => (value === null ? null : normalizeIpAllowlist(value)));

/** The budget and limit fields organisations, teams, users and keys accept. */
export const budgetInputShape = {
  max_budget: money.nullable().optional(),
  soft_budget: money.nullable().optional(),
  budget_duration: budgetDurationField.nullable().optional(),
  tpm_limit: limitValue.nullable().optional(),
  rpm_limit: limitValue.nullable().optional(),
  max_parallel_requests: limitValue.nullable().optional(),
};

export type BudgetInput = { readonly [K in keyof typeof budgetInputShape]?: z.output<(typeof budgetInputShape)[K]> };
export type BudgetPatch = Patch<Pick<BudgetFields, 'maxBudget' | 'softBudget' | 'budgetDuration'> & LimitFields>;

export function budgetPatchOf(input: BudgetInput): BudgetPatch {
  return {
    maxBudget: input.max_budget,
    softBudget: input.soft_budget,
    budgetDuration: input.budget_duration,
    tpmLimit: input.tpm_limit,
    rpmLimit: input.rpm_limit,
    maxParallelRequests: input.max_parallel_requests,
  };
}

export const budgetReplyShape = {
  max_budget: z.number().nullable(),
  soft_budget: z.number().nullable(),
  spend: z.number(),
  budget_duration: z.string().nullable(),
  budget_reset_at: z.string().nullable(),
  tpm_limit: z.number().nullable(),
  rpm_limit: z.number().nullable(),
  max_parallel_requests: z.number().nullable(),
};

export function budgetReplyOf(record: BudgetFields & LimitFields): z.input<z.ZodObject<typeof budgetReplyShape>> {
  return {
    max_budget: record.maxBudget,
    soft_budget: record.softBudget,
    spend: record.spend,
    budget_duration: record.budgetDuration,
    budget_reset_at: record.budgetResetAt,
    tpm_limit: record.tpmLimit,
    rpm_limit: record.rpmLimit,
    max_parallel_requests: record.maxParallelRequests,
  };
}

/** The value of a patch field: the input when given, else the current value. */
export function after<T>(given: T | undefined, current: T): T {
  return given === undefined ? current : given;
}

type ScopedInput = BudgetInput & {
  readonly models?: readonly string[] | undefined;
  readonly allowed_regions?: readonly string[] | null | undefined;
};
type ScopedRecord = Pick<BudgetFields, 'maxBudget' | 'budgetDuration'> & LimitFields & { readonly models: readonly string[] };

/** What a user, team or organisation would grant after the change, for checkScopeGrant; regions only where the record has them. */
export function scopeRequestOf(input: ScopedInput, current: (ScopedRecord & Partial<Pick<ScopeFields, 'allowedRegions'>>) | null, withRegions: boolean): ScopeRequest {
  const request: ScopeRequest = {
    models: after(input.models, current?.models ?? []),
    maxBudget: after(input.max_budget, current?.maxBudget ?? null),
    budgetDuration: after(input.budget_duration, current?.budgetDuration ?? null),
    tpmLimit: after(input.tpm_limit, current?.tpmLimit ?? null),
    rpmLimit: after(input.rpm_limit, current?.rpmLimit ?? null),
    maxParallelRequests: after(input.max_parallel_requests, current?.maxParallelRequests ?? null),
  };
  return withRegions ? { ...request, allowedRegions: after(input.allowed_regions, current?.allowedRegions ?? null) } : request;
}

// Query strings: every value arrives as text.
export const queryPage = z.string().regex(/^[1-9][0-9]{0,8}$/, 'must be a whole number from 1').transform(Number);
export function queryPageSize(max: number): z.ZodType<number, string> {
  return z.string().regex(/^[0-9]{1,6}$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1).max(max));
}
export const queryFlag = z.enum(['true', 'false']).transform((value) => value === 'true');
export const queryId = z.string().min(1).max(256);
export const queryList = z.string().max(10_000).transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== ''));

/** What teams and organisations share: models, budgets and limits, metadata, blocking, regions. */
export const tenancyInputShape = {
  models: modelsField.optional(),
  ...budgetInputShape,
  metadata: metadataField.optional(),
  blocked: z.boolean().optional(),
  allowed_regions: regionsField.optional().describe('Gatehouse: data regions requests may be served from; null = no restriction of its own'),
};

export const tenancyReplyShape = {
  models: z.array(z.string()),
  ...budgetReplyShape,
  metadata: z.record(z.string(), z.unknown()),
  blocked: z.boolean(),
  allowed_regions: z.array(z.string()).nullable(),
  created_at: z.string(),
  updated_at: z.string(),
};

export function tenancyReplyOf(record: BudgetFields & LimitFields & ScopeFields & Timestamps): z.input<z.ZodObject<typeof tenancyReplyShape>> {
  return {
    models: [...record.models],
    ...budgetReplyOf(record),
    metadata: { ...record.metadata },
    blocked: record.blocked,
    allowed_regions: record.allowedRegions === null ? null : [...record.allowedRegions],
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export type TenancyInput = BudgetInput & {
  readonly models?: readonly string[] | undefined;
  readonly metadata?: Record<string, unknown> | undefined;
  readonly blocked?: boolean | undefined;
  readonly allowed_regions?: readonly string[] | null | undefined;
};

/** The record patch of the fields teams and organisations share. */
export function tenancyPatchOf(input: TenancyInput): BudgetPatch & Patch<Pick<ScopeFields, 'models' | 'metadata' | 'blocked' | 'allowedRegions'>> {
  return { ...budgetPatchOf(input), models: input.models, metadata: input.metadata, blocked: input.blocked, allowedRegions: input.allowed_regions };
}

/** A member named by id or email, with its role. */
export function memberField<R extends readonly [string, ...string[]]>(roles: R, defaultRole: R[number]) {
  return z
    .strictObject({ role: z.enum(roles).optional().describe(`Default ${defaultRole}`), user_id: idField.optional(), user_email: z.string().min(1).max(320).optional() })
    .refine((member) => member.user_id !== undefined || member.user_email !== undefined, 'name the member with user_id or user_email');
}
