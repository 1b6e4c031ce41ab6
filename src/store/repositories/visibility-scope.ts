// The "which rows may this caller see" filter that listings share: a row is visible when it lies
// in any of the given organisations or teams, or belongs to any of the given users. Who gets
// which scope is decided by the permission checks, not here.

import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, ReferenceExpression, SqlBool } from 'kysely';

/**
 * Absent: no restriction. Present: only rows matching at least one listed id are visible, so
 * `{}` or empty lists show nothing (a scope never widens by being empty).
 */
export interface VisibilityScope {
  readonly organizationIds?: readonly string[] | undefined;
  readonly teamIds?: readonly string[] | undefined;
  readonly userIds?: readonly string[] | undefined;
}

/** `ref in (ids)`, and false for an empty list (which SQL cannot spell as `in ()`). */
export function inList<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  ref: ReferenceExpression<DB, TB>,
  ids: readonly string[],
): Expression<SqlBool> {
  if (ids.length === 0) return sql<SqlBool>`1 = 0`;
  return eb(ref, 'in', sql<string>`(${sql.join(ids)})`);
}

export interface ScopeRefs<DB, TB extends keyof DB> {
  readonly organization: ReferenceExpression<DB, TB>;
  readonly team: ReferenceExpression<DB, TB>;
  readonly user: ReferenceExpression<DB, TB>;
}

/** The scope over a row that names its organisation, team and user in columns (or expressions). */
export function visibleThrough<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  scope: VisibilityScope,
  columns: ScopeRefs<DB, TB>,
): Expression<SqlBool> {
  return eb.or([
    inList(eb, columns.organization, scope.organizationIds ?? []),
    inList(eb, columns.team, scope.teamIds ?? []),
    inList(eb, columns.user, scope.userIds ?? []),
  ]);
}
