// The 400 of `/v1/messages` validation, naming the field as Anthropic does (`messages.1.content.0`),
// and the record guard the validators share. What is valid is decided by the `parse-*.ts` files.

import { GatewayError } from '../../errors/gateway-error.js';

export function invalidParam(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', { param, message: `${param}: ${message}` });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field as a record, or a 400 naming it. */
export function requireRecord(value: unknown, param: string): Record<string, unknown> {
  if (!isRecord(value)) throw invalidParam(param, 'Input should be an object.');
  return value;
}

/** A required string field of `record`, or a 400 naming it. */
export function requireString(record: Record<string, unknown>, key: string, param: string): string {
  const value = record[key];
  if (value === undefined) throw invalidParam(`${param}.${key}`, 'Field required.');
  if (typeof value !== 'string') throw invalidParam(`${param}.${key}`, 'Input should be a string.');
  return value;
}

/** An optional boolean field (null counts as absent, as Anthropic's API accepts it). */
export function checkOptionalBoolean(record: Record<string, unknown>, key: string, param: string): void {
  const value = record[key];
  if (value !== undefined && value !== null && typeof value !== 'boolean') {
    throw invalidParam(param === '' ? key : `${param}.${key}`, 'Input should be a boolean.');
  }
}
