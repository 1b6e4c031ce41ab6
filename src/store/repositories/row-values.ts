// Converts single values between columns and records the same way on both dialects: numbers that
// PostgreSQL returns as strings, 0/1 booleans, JSON text, ISO-8601 UTC times, closed role lists.
// Knows no table; a value that cannot be read is a corrupt row and fails loudly.

import { StoreError } from '../store-error.js';

/** bigint, numeric and aggregate results arrive as strings from PostgreSQL; null sums are 0. */
export function toNumber(value: number | string | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new StoreError(`The store returned "${String(value)}" where a number belongs.`);
  return number;
}

export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

export function fromFlag(value: number | string): boolean {
  return Number(value) === 1;
}

export function toJsonText(value: unknown): string {
  return JSON.stringify(value);
}

export function parseStringList(text: string, column: string): string[] {
  const value = parseJson(text, column);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new StoreError(`Column ${column} does not hold a list of strings.`);
  }
  return value;
}

export function parseNullableStringList(text: string | null, column: string): string[] | null {
  return text === null ? null : parseStringList(text, column);
}

export function parseJsonObject(text: string, column: string): Record<string, unknown> {
  const value = parseJson(text, column);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StoreError(`Column ${column} does not hold a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function parseJson(text: string, column: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new StoreError(`Column ${column} does not hold valid JSON.`);
  }
}

/**
 * The last whole second (`YYYY-MM-DDTHH:MM:SS`) seen already in canonical form. Usage rows arrive in
 * hundreds per second with their times already canonical: a time within a known second needs only
 * its milliseconds checked, not a parse and a format.
 */
let canonicalSecond = '';

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** `value` is `<canonicalSecond>.mmmZ`: canonical whatever the three digits. */
function inKnownSecond(value: string): boolean {
  return canonicalSecond !== '' && value.length === 24 && value.startsWith(canonicalSecond) && value.charCodeAt(19) === 0x2e &&
    isDigit(value.charCodeAt(20)) && isDigit(value.charCodeAt(21)) && isDigit(value.charCodeAt(22)) && value.charCodeAt(23) === 0x5a;
}

/** Stored times compare as text, so every one is written in `Date#toISOString()` form. */
export function toIsoTime(value: string | Date, field: string): string {
  if (typeof value === 'string' && inKnownSecond(value)) return value;
  const time = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(time.getTime())) throw new RangeError(`${field} is not a valid time: "${String(value)}"`);
  const iso = time.toISOString();
  if (iso === value) canonicalSecond = iso.slice(0, 19);
  return iso;
}

export function toNullableIsoTime(value: string | null, field: string): string | null {
  return value === null ? null : toIsoTime(value, field);
}

/** Reads a closed-list value; an unknown one (from a newer version, or an edit) is refused, not guessed. */
export function parseOneOf<T extends string>(value: string, allowed: readonly T[], column: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new StoreError(`Column ${column} holds an unknown value "${value}".`);
  return found;
}

/** '' in the daily aggregate's key columns stands for "none" (so the unique key works everywhere). */
export function fromDailyKey(value: string): string | null {
  return value === '' ? null : value;
}
