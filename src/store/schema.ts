// The Kysely view of every persisted table, as the newest migration leaves it. Owns types only;
// the tables themselves are created by the frozen files in migrations/.
//
// PERSISTED SHAPES ONLY GROW: add columns (nullable or with a default) and add tables; never
// rename, retype or repurpose an existing column, table or meta key. Old rows and older
// instances still read them. Times are ISO-8601 UTC text (`Date#toISOString()`), so both
// dialects return the same string. Booleans are integers 0/1 and JSON is text on both dialects.
// No table has a column for prompt or response content, or for a raw key.

import type { ColumnType } from 'kysely';

/** A `bigint` column: PostgreSQL returns it as a string, SQLite as a number. */
export type BigIntColumn = ColumnType<number | string, number, number>;

export interface GatehouseMetaTable {
  /** A stable, namespaced key such as `installation_id`. */
  readonly key: string;
  value: string;
  updated_at: string;
}

/** Spend limits and rate limits shared by organisations, teams, users and keys. */
export interface BudgetColumns {
  max_budget: number | null;
  soft_budget: number | null;
  budget_duration: string | null;
  budget_reset_at: string | null;
  spend: number;
  tpm_limit: number | null;
  rpm_limit: number | null;
  max_parallel_requests: number | null;
}

/** What organisations, teams and keys may reach. */
export interface ScopeColumns {
  /** JSON array of strings. */
  models: string;
  /** JSON array of strings, or null for no restriction. */
  allowed_regions: string | null;
  /** JSON object. */
  metadata: string;
  /** 0 or 1. */
  blocked: number;
}

export interface TimestampColumns {
  readonly created_at: string;
  updated_at: string;
}

export interface OrganizationsTable extends BudgetColumns, ScopeColumns, TimestampColumns {
  readonly id: string;
  alias: string | null;
}

export interface TeamsTable extends BudgetColumns, ScopeColumns, TimestampColumns {
  readonly id: string;
  alias: string | null;
  organization_id: string | null;
  /** JSON array of CIDR strings, or null for no restriction (migration 0004). */
  allowed_ips: string | null;
}

export interface UsersTable extends BudgetColumns, TimestampColumns {
  readonly id: string;
  email: string | null;
  role: string;
  /** JSON array of strings. */
  models: string;
  /** JSON object. */
  metadata: string;
  /** JSON array of CIDR strings, or null for no restriction (migration 0006). */
  allowed_ips: string | null;
}

export interface TeamMembershipsTable {
  readonly team_id: string;
  readonly user_id: string;
  role: string;
  readonly created_at: string;
}

export interface OrganizationMembershipsTable {
  readonly organization_id: string;
  readonly user_id: string;
  role: string;
  readonly created_at: string;
}

export interface VirtualKeysTable extends BudgetColumns, ScopeColumns, TimestampColumns {
  readonly id: string;
  /** HMAC of the secret; the secret itself is never stored. */
  key_hash: string;
  alias: string | null;
  display_name: string;
  user_id: string | null;
  team_id: string | null;
  organization_id: string | null;
  /** JSON array of strings. */
  allowed_routes: string;
  /** JSON array of CIDR strings, or null for no restriction (migration 0004). */
  allowed_ips: string | null;
  expires_at: string | null;
  previous_key_hash: string | null;
  previous_key_expires_at: string | null;
  created_by: string | null;
}

export interface StoredModelsTable extends TimestampColumns {
  readonly id: string;
  model_name: string;
  /** JSON object without secret fields. */
  litellm_params: string;
  encrypted_secrets: string | null;
  /** JSON object. */
  model_info: string;
  created_by: string | null;
}

export interface UsageRecordsTable {
  readonly request_id: string;
  started_at: string;
  ended_at: string;
  key_id: string | null;
  user_id: string | null;
  team_id: string | null;
  organization_id: string | null;
  route: string;
  model_group: string;
  deployment_id: string | null;
  provider: string | null;
  region: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  total_tokens: number;
  cost_usd: number;
  latency_ms: number;
  ttft_ms: number | null;
  /** 0 or 1. */
  stream: number;
  status: string;
  http_status: number;
  error_code: string | null;
}

/** One row per UTC day, key, user, team, organisation and model group; '' stands for "none". */
export interface UsageDailyTable {
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
  readonly key_id: string;
  readonly user_id: string;
  readonly team_id: string;
  readonly organization_id: string;
  readonly model_group: string;
  request_count: BigIntColumn;
  error_count: BigIntColumn;
  prompt_tokens: BigIntColumn;
  completion_tokens: BigIntColumn;
  cached_tokens: BigIntColumn;
  total_tokens: BigIntColumn;
  cost_usd: number;
}

/** Written once, never updated: the type itself refuses `updateTable(...).set(...)` of any column. */
type Frozen<T> = ColumnType<T, T, never>;

/**
 * One audit event, a link of the hash chain in `sequence` order: `hash` is SHA-256 over the row's
 * content and `prev_hash` (see src/audit/audit-hash.ts). Rows are appended and, by retention only,
 * deleted oldest first; no code updates them.
 */
export interface AuditEventsTable {
  readonly sequence: ColumnType<number | string, number, never>;
  readonly occurred_at: Frozen<string>;
  readonly actor_kind: Frozen<string>;
  readonly actor_id: Frozen<string | null>;
  readonly actor_key_id: Frozen<string | null>;
  readonly actor_ip: Frozen<string | null>;
  readonly action: Frozen<string>;
  readonly object_type: Frozen<string>;
  readonly object_id: Frozen<string | null>;
  readonly organization_id: Frozen<string | null>;
  /** JSON text, secrets already fingerprinted. */
  readonly before_json: Frozen<string | null>;
  readonly after_json: Frozen<string | null>;
  readonly request_id: Frozen<string | null>;
  readonly prev_hash: Frozen<string>;
  readonly hash: Frozen<string>;
}

/** One row per periodic job that runs once per cluster (migration 0005). */
export interface JobLeasesTable {
  readonly name: string;
  /** The instance that may run the job until `expires_at`; random per process start, not a secret. */
  holder: string;
  expires_at: string;
  /** When the cluster last finished a run, for jobs that run once per interval; null otherwise. */
  last_run_at: string | null;
}

export interface Database {
  gatehouse_meta: GatehouseMetaTable;
  gatehouse_organizations: OrganizationsTable;
  gatehouse_teams: TeamsTable;
  gatehouse_users: UsersTable;
  gatehouse_team_memberships: TeamMembershipsTable;
  gatehouse_organization_memberships: OrganizationMembershipsTable;
  gatehouse_virtual_keys: VirtualKeysTable;
  gatehouse_stored_models: StoredModelsTable;
  gatehouse_usage_records: UsageRecordsTable;
  gatehouse_usage_daily: UsageDailyTable;
  gatehouse_audit_events: AuditEventsTable;
  gatehouse_job_leases: JobLeasesTable;
}
