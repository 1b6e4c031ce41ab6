// Reads audit listing filters from query-string values (the HTTP routes and the CLI share it):
// known actions and object types only, dates as `YYYY-MM-DD` or ISO-8601 times, bounded pages.
// Who may see which rows is decided by the caller, not here.

import { GatewayError } from '../errors/gateway-error.js';
import type { AuditQuery } from '../store/repositories/audit-repository.js';
import { auditObjectTypes, isAuditAction } from './audit-events.js';

export const auditFilterParams = ['action', 'object_type', 'object_id', 'actor_id', 'start_date', 'end_date'] as const;
const pageParams = ['page', 'page_size'] as const;

export const defaultAuditPageSize = 50;
const maxAuditPageSize = 1_000;
const maxIdLength = 256;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 24 * 60 * 60 * 1000;

function invalid(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', { param, message: `${param} ${message}` });
}

/** A date means its whole UTC day: from its start, or (as an end) up to the next day's start. */
export function parseAuditTime(value: string, param: string, end = false): Date {
  const time = new Date(datePattern.test(value) ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(time.getTime()) || !/^\d{4}-/.test(value)) throw invalid(param, 'must be a date (YYYY-MM-DD) or an ISO-8601 time');
  return end && datePattern.test(value) ? new Date(time.getTime() + dayMs) : time;
}

function wholeNumber(value: string | null, param: string, fallback: number, max: number): number {
  if (value === null) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > max) throw invalid(param, `must be a whole number from 1 to ${max}`);
  return number;
}

function id(params: URLSearchParams, param: string): string | undefined {
  const value = params.get(param);
  if (value === null) return undefined;
  if (value === '' || value.length > maxIdLength) throw invalid(param, `must be 1 to ${maxIdLength} characters`);
  return value;
}

export interface AuditRequest {
  readonly query: AuditQuery;
  readonly page: number;
  readonly pageSize: number;
}

/** Throws a 400 GatewayError naming the first bad or unknown parameter; `paged: false` refuses page parameters. */
export function parseAuditRequest(params: URLSearchParams, options: { readonly paged: boolean } = { paged: true }): AuditRequest {
  const known: readonly string[] = options.paged ? [...auditFilterParams, ...pageParams] : auditFilterParams;
  for (const name of params.keys()) {
    if (!known.includes(name)) throw invalid(name, `is not a filter of the audit log (known: ${known.join(', ')})`);
    if (params.getAll(name).length > 1) throw invalid(name, 'must be given once');
  }
  const action = id(params, 'action');
  if (action !== undefined && !isAuditAction(action)) throw invalid('action', 'is not a known audit action');
  const objectType = id(params, 'object_type');
  if (objectType !== undefined && !(auditObjectTypes as readonly string[]).includes(objectType)) {
    throw invalid('object_type', `must be one of ${auditObjectTypes.join(', ')}`);
  }
  const start = params.get('start_date');
  const end = params.get('end_date');
  const query: AuditQuery = {
    action,
    objectType,
    objectId: id(params, 'object_id'),
    actorId: id(params, 'actor_id'),
    startAt: start === null ? undefined : parseAuditTime(start, 'start_date'),
    endAt: end === null ? undefined : parseAuditTime(end, 'end_date', true),
  };
  return {
    query,
    page: wholeNumber(params.get('page'), 'page', 1, Number.MAX_SAFE_INTEGER),
    pageSize: wholeNumber(params.get('page_size'), 'page_size', defaultAuditPageSize, maxAuditPageSize),
  };
}
