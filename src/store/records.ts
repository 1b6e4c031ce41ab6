// The tenancy and usage records as the rest of Gatehouse sees them (camelCase, parsed JSON, booleans),
// independent of how each dialect stores them. Repositories map rows to these and back.
// PERSISTED SHAPES ONLY GROW: add fields, never repurpose one.

/** Platform roles, with LiteLLM's names for compatibility. */
export const userRoles = ['proxy_admin', 'proxy_admin_viewer', 'org_admin', 'internal_user', 'internal_user_viewer'] as const;
export type UserRole = (typeof userRoles)[number];

export const teamRoles = ['admin', 'user'] as const;
export type TeamRole = (typeof teamRoles)[number];

export const organizationRoles = ['org_admin', 'internal_user', 'internal_user_viewer'] as const;
export type OrganizationRole = (typeof organizationRoles)[number];

/** Spend limits shared by keys, users, teams and organisations. Money is US dollars. */
export interface BudgetFields {
  readonly maxBudget: number | null;
  /** Crossing it only warns (a header and a log line); `maxBudget` blocks. */
  readonly softBudget: number | null;
  /** LiteLLM duration string (`30s`, `15m`, `24h`, `7d`, `1mo`); null = never resets. */
  readonly budgetDuration: string | null;
  /** When the current budget period ends (ISO-8601); null when there is no duration. */
  readonly budgetResetAt: string | null;
  /** Spend recorded in the current budget period, as last persisted. */
  readonly spend: number;
}

export interface LimitFields {
  readonly tpmLimit: number | null;
  readonly rpmLimit: number | null;
  readonly maxParallelRequests: number | null;
}

export interface ScopeFields {
  /** Model names, aliases or provider wildcards (`openai/*`); empty = no restriction of its own. */
  readonly models: readonly string[];
  /** Data regions requests may be served from; null = no restriction of its own. */
  readonly allowedRegions: readonly string[] | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly blocked: boolean;
}

export interface Timestamps {
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface OrganizationRecord extends BudgetFields, LimitFields, ScopeFields, Timestamps {
  readonly id: string;
  readonly alias: string | null;
}

export interface TeamRecord extends BudgetFields, LimitFields, ScopeFields, Timestamps {
  readonly id: string;
  readonly alias: string | null;
  readonly organizationId: string | null;
  /** Addresses and CIDR ranges the team's keys may be used from; null = no restriction of its own. */
  readonly allowedIps: readonly string[] | null;
}

export interface UserRecord extends BudgetFields, LimitFields, Timestamps {
  readonly id: string;
  readonly email: string | null;
  readonly role: UserRole;
  readonly models: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Addresses and CIDR ranges the user's keys may be used from; null = no restriction of its own. */
  readonly allowedIps: readonly string[] | null;
}

export interface TeamMembershipRecord {
  readonly teamId: string;
  readonly userId: string;
  readonly role: TeamRole;
  readonly createdAt: string;
}

export interface OrganizationMembershipRecord {
  readonly organizationId: string;
  readonly userId: string;
  readonly role: OrganizationRole;
  readonly createdAt: string;
}

export interface VirtualKeyRecord extends BudgetFields, LimitFields, ScopeFields, Timestamps {
  /** Public identifier of the key (LiteLLM's `token`): random, not derived from the secret. */
  readonly id: string;
  /** HMAC-SHA256 of the secret under the key-hashing key, hex. Never returned by any API. */
  readonly keyHash: string;
  readonly alias: string | null;
  /** `sk-...` + last four characters, for display. */
  readonly displayName: string;
  readonly userId: string | null;
  readonly teamId: string | null;
  readonly organizationId: string | null;
  /** Route patterns the key may call (e.g. `/v1/chat/completions`, `llm_api_routes`); empty = LLM routes. */
  readonly allowedRoutes: readonly string[];
  /** Addresses and CIDR ranges the key may be used from; null = no restriction of its own. */
  readonly allowedIps: readonly string[] | null;
  readonly expiresAt: string | null;
  /** After a regeneration with a grace period, the old secret's hash stays valid until then. */
  readonly previousKeyHash: string | null;
  readonly previousKeyExpiresAt: string | null;
  readonly createdBy: string | null;
}

export interface StoredModelRecord extends Timestamps {
  readonly id: string;
  readonly modelName: string;
  /** `litellm_params` without secret fields. */
  readonly litellmParams: Readonly<Record<string, unknown>>;
  /** Secret `litellm_params` fields (api_key, aws_secret_access_key, ...), encrypted; null when none. */
  readonly encryptedSecrets: string | null;
  readonly modelInfo: Readonly<Record<string, unknown>>;
  readonly createdBy: string | null;
}

export type UsageStatus = 'success' | 'error' | 'cut';

/** One request's accounting. Never content, never a raw key. */
export interface UsageRecord {
  readonly requestId: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly keyId: string | null;
  readonly userId: string | null;
  readonly teamId: string | null;
  readonly organizationId: string | null;
  readonly route: string;
  readonly modelGroup: string;
  readonly deploymentId: string | null;
  readonly provider: string | null;
  readonly region: string | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly totalTokens: number;
  readonly costUsd: number;
  readonly latencyMs: number;
  /** Time to first token for streams; null otherwise. */
  readonly ttftMs: number | null;
  readonly stream: boolean;
  readonly status: UsageStatus;
  readonly httpStatus: number;
  readonly errorCode: string | null;
}
