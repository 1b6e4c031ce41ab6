// The 400 of the Responses dialect and the shape checks its parsers share. Messages name the
// parameter and say why; they never echo the client's content.

import { GatewayError } from '../../errors/gateway-error.js';

export function invalid(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', { param, message });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function requireString(value: unknown, param: string): string {
  if (typeof value !== 'string') throw invalid(param, `\`${param}\` must be a string.`);
  return value;
}

export function optionalString(value: unknown, param: string): string | null {
  return isAbsent(value) ? null : requireString(value, param);
}

export function optionalNumber(value: unknown, param: string): number | null {
  if (isAbsent(value)) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(param, `\`${param}\` must be a number.`);
  return value;
}

export function optionalBoolean(value: unknown, param: string): boolean | null {
  if (isAbsent(value)) return null;
  if (typeof value !== 'boolean') throw invalid(param, `\`${param}\` must be a boolean.`);
  return value;
}

const maxQuotedChars = 40;

/** A client-sent name (a type, a parameter) fit to quote in a message: JSON, cut short. */
export function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > maxQuotedChars ? `${text.slice(0, maxQuotedChars)}...` : text;
}
