// Counts the attacks of the security suite: `attack()` declares one test named after the attack it
// tries, and `summarizeAttacks()` prints one line once every declared attack has run and failed safe
// (and nothing when one did not), whatever the test reporter.

import { it } from 'node:test';

interface Ledger {
  declared: number;
  failedSafe: number;
  skipped: string[];
}

const ledger: Ledger = { declared: 0, failedSafe: 0, skipped: [] };

export interface AttackOptions {
  /** A reason this attack cannot be tried here; it is then reported as skipped, not as failed safe. */
  readonly skip?: string | false;
}

/** One attack: the test passes when the attack failed safe. */
export function attack(name: string, options: AttackOptions, run: () => Promise<void> | void): void;
export function attack(name: string, run: () => Promise<void> | void): void;
export function attack(name: string, a: AttackOptions | (() => Promise<void> | void), b?: () => Promise<void> | void): void {
  const options = typeof a === 'function' ? {} : a;
  const run = typeof a === 'function' ? a : b;
  if (run === undefined) throw new TypeError(`attack "${name}" has no test`);
  if (typeof options.skip === 'string') {
    ledger.skipped.push(name);
    it(name, { skip: options.skip }, () => undefined);
    return;
  }
  ledger.declared += 1;
  it(name, async () => {
    await run();
    ledger.failedSafe += 1;
  });
}

/** The summary line, or undefined while any declared attack has not failed safe. */
export function attackSummary(): string | undefined {
  if (ledger.declared === 0 || ledger.failedSafe !== ledger.declared) return undefined;
  const skipped = ledger.skipped.length === 0 ? '' : ` (${ledger.skipped.length} skipped)`;
  return `security suite: ${ledger.declared} attacks tried, all failed safe${skipped}`;
}
