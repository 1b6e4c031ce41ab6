#!/usr/bin/env node
// The `gatehouse` command: parses arguments and hands off to one module per command. Only this
// folder and `config/` read the process environment.

import { parseArgs } from 'node:util';
import { runAudit } from './audit-command.js';
import { runMigrate } from './migrate-command.js';
import { runRotateMasterKey } from './rotate-command.js';
import { runStart } from './start-command.js';
import { helpText, versionText } from './help-text.js';

type Command = (values: Record<string, string | boolean | undefined>, args: readonly string[]) => Promise<number>;

const commands: Record<string, Command> = { start: runStart, migrate: runMigrate, 'rotate-master-key': runRotateMasterKey, audit: runAudit };
/** Commands that take words after their name (`audit verify`). */
const withSubcommands = new Set(['audit']);

const options = {
  config: { type: 'string', short: 'c' },
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  since: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`gatehouse: ${(error as Error).message}\nRun "gatehouse --help" for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(versionText());
    return 0;
  }
  const name = positionals[0];
  if (values.help || name === undefined || name === 'help') {
    process.stdout.write(helpText());
    return name === undefined && !values.help ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined || (positionals.length > 1 && !withSubcommands.has(name))) {
    process.stderr.write(`gatehouse: unknown command "${positionals.join(' ')}".\nRun "gatehouse --help" for usage.\n`);
    return 2;
  }
  return command(values, positionals.slice(1));
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`gatehouse: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
