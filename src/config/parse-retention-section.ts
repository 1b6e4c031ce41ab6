// Reads `gatehouse.retention`: how many days audit rows and per-request usage records are kept
// (0 keeps them forever), with the defaults filled in. Running the purge is audit/'s concern.

import { childPath, type ConfigReader, type NumberBounds } from './config-reader.js';
import { DEFAULT_AUDIT_RETENTION_DAYS, DEFAULT_USAGE_RETENTION_DAYS } from './defaults.js';
import type { RetentionConfig } from './types.js';

/** Whole days; 0 = forever; at most a century, so the cut-off is always a valid date. */
const DAYS: NumberBounds = { min: 0, max: 36_500, integer: true };

export function parseRetentionSection(reader: ConfigReader, value: unknown, path: string): RetentionConfig {
  const section = reader.map(value, path) ?? {};
  reader.checkKeys(section, path, { supported: ['audit_days', 'usage_days'] });
  return {
    auditDays: reader.number(section.audit_days, childPath(path, 'audit_days'), DAYS) ?? DEFAULT_AUDIT_RETENTION_DAYS,
    usageDays: reader.number(section.usage_days, childPath(path, 'usage_days'), DAYS) ?? DEFAULT_USAGE_RETENTION_DAYS,
  };
}
