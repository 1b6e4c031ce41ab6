// LiteLLM budget durations (`30s`, `15m`, `24h`, `7d`, `2w`, `1mo`) and the period ends they give,
// in UTC. Pure functions: no clock, no store. Whether a budget is exceeded is decided elsewhere.

export const budgetDurationUnits = ['s', 'm', 'h', 'd', 'w', 'mo'] as const;
export type BudgetDurationUnit = (typeof budgetDurationUnits)[number];

export interface BudgetDuration {
  readonly count: number;
  readonly unit: BudgetDurationUnit;
}

const durationPattern = /^([1-9][0-9]{0,5})(s|m|h|d|w|mo)$/;

const unitMs = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const satisfies Record<Exclude<BudgetDurationUnit, 'mo'>, number>;

/** The duration, or null when the text is not a positive whole number followed by a unit. */
export function parseBudgetDuration(duration: string): BudgetDuration | null {
  const match = durationPattern.exec(duration.trim());
  const count = Number(match?.[1]);
  const unit = match?.[2] as BudgetDurationUnit | undefined;
  return unit === undefined ? null : { count, unit };
}

/** When a period of `duration` that starts at `from` ends (ISO-8601), or null for an invalid duration. */
export function nextBudgetResetAt(duration: string, from: Date): string | null {
  const parsed = parseBudgetDuration(duration);
  return parsed === null ? null : isoOrNull(addPeriods(from, parsed, 1));
}

/**
 * The first end of a period strictly after `now`, counting whole periods from `periodEnd` so that
 * a late reset keeps the schedule (a monthly budget that ended on the 1st next ends on a 1st).
 * Null for an invalid duration.
 */
export function budgetPeriodEndAfter(duration: string, periodEnd: Date, now: Date): string | null {
  const parsed = parseBudgetDuration(duration);
  if (parsed === null) return null;
  if (parsed.unit !== 'mo') {
    const lengthMs = parsed.count * unitMs[parsed.unit];
    const periods = Math.max(1, Math.floor((now.getTime() - periodEnd.getTime()) / lengthMs) + 1);
    return isoOrNull(new Date(periodEnd.getTime() + periods * lengthMs));
  }
  // Whole calendar months cannot overshoot: period `k` ends in a month no later than now's.
  let periods = Math.max(1, Math.floor(monthsBetween(periodEnd, now) / parsed.count));
  let end = addPeriods(periodEnd, parsed, periods);
  while (end.getTime() <= now.getTime()) end = addPeriods(periodEnd, parsed, ++periods);
  return isoOrNull(end);
}

function addPeriods(from: Date, duration: BudgetDuration, periods: number): Date {
  if (duration.unit === 'mo') return addMonthsUtc(from, duration.count * periods);
  return new Date(from.getTime() + duration.count * periods * unitMs[duration.unit]);
}

/** Calendar months in UTC; the day is clamped to the target month's last day (Jan 31 + 1mo = Feb 28/29). */
function addMonthsUtc(from: Date, months: number): Date {
  const target = new Date(from.getTime());
  const day = from.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

function monthsBetween(from: Date, to: Date): number {
  return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
}

function isoOrNull(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
