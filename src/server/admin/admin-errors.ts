// The errors the management API answers with: invalid input (every schema issue with its path),
// grant refusals naming the API field at fault, "not found" (the same words whether an object is
// missing or out of the caller's reach), and store conflicts. Rendering stays in respond.ts.

import type { z } from 'zod';
import type { GrantProblem } from '../../auth/scope-grant.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { StoreConflictError } from '../../store/store-error.js';

/** Record field names (as grant checks report them) in the API's terms. */
const apiFieldNames: Readonly<Record<string, string>> = {
  models: 'models',
  maxBudget: 'max_budget',
  budgetDuration: 'budget_duration',
  tpmLimit: 'tpm_limit',
  rpmLimit: 'rpm_limit',
  maxParallelRequests: 'max_parallel_requests',
  allowedRegions: 'allowed_regions',
  allowedRoutes: 'allowed_routes',
  allowedIps: 'allowed_ips',
  expiresAt: 'duration',
  teamId: 'team_id',
  userId: 'user_id',
  organizationId: 'organization_id',
  role: 'user_role',
};

export function apiFieldName(field: string): string {
  return apiFieldNames[field] ?? field;
}

function pathText(where: string, path: readonly PropertyKey[]): string {
  return [where, ...path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))].join('.').replace(/\.\[/g, '[');
}

/** 400 naming every problem: unknown fields by name, other issues by path. */
export function invalidInput(issues: readonly z.core.$ZodIssue[], where: 'body' | 'query'): GatewayError {
  const messages = issues.map((issue) => {
    const at = pathText(where, issue.path);
    if (issue.code === 'unrecognized_keys') return `${at}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    return `${at}: ${issue.message}`;
  });
  const first = issues[0];
  const param = first === undefined ? undefined : first.code === 'unrecognized_keys' ? first.keys[0] : first.path.map(String).join('.');
  return new GatewayError('invalid_request', { message: messages.join('; '), ...(param ? { param } : {}) });
}

export function badField(field: string, message: string): GatewayError {
  return new GatewayError('invalid_request', { param: field, message: `${field}: ${message}` });
}

export function forbiddenField(field: string, message: string): GatewayError {
  return new GatewayError('permission_denied', { param: field, message: `${field}: ${message}` });
}

/** The one answer for an object that is missing or outside the caller's scope. */
export function notFound(what: string, param?: string): GatewayError {
  return new GatewayError('not_found', { message: `${what} not found.`, ...(param === undefined ? {} : { param }) });
}

/** Throws 403 naming each field when a grant check found problems. */
export function refuseGrant(problems: readonly GrantProblem[]): void {
  const first = problems[0];
  if (first === undefined) return;
  const message = problems.map((problem) => `${apiFieldName(problem.field)}: ${problem.message}`).join('; ');
  throw new GatewayError('permission_denied', { param: apiFieldName(first.field), message });
}

/** Runs a store write, turning its conflicts into client errors with the store's (value-free) message. */
export async function storeWrite<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    if (error.reason === 'missing_reference') throw new GatewayError('not_found', { message: error.message });
    throw new GatewayError('invalid_request', { message: error.message });
  }
}
