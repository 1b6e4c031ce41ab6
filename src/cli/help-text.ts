// The text of `gatehouse --help` and `--version`: every command and option, with defaults.

import { readFileSync } from 'node:fs';

export function versionText(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `gatehouse ${pkg.version}\n`;
}

export function helpText(): string {
  return `Gatehouse: a self-hosted LLM gateway with an OpenAI-compatible API.

Usage:
  gatehouse start [--config FILE] [--port N] [--host H] [--tls-cert FILE --tls-key FILE]
  gatehouse migrate [--config FILE]
  gatehouse rotate-master-key [--config FILE]
  gatehouse audit verify [--config FILE]
  gatehouse audit export [--since DATE] [--config FILE]
  gatehouse --help | --version

Commands:
  start      Start the gateway. Runs pending database migrations first.
  migrate    Apply pending database migrations and exit.
  rotate-master-key
             Re-seal every stored secret under a new master key, while instances
             keep serving. Needs GATEHOUSE_MASTER_KEY (new) and
             GATEHOUSE_PREVIOUS_MASTER_KEY (current). Safe to rerun.
  audit verify
             Check the audit log's hash chain. Exit 0 with the number of rows
             verified, or 1 naming the first edited, missing or forged row.
  audit export
             Print audit rows as JSON lines, oldest first.

Options:
  -c, --config FILE   Configuration file (LiteLLM config.yaml format with an optional
                      "gatehouse:" section). Default: ./gatehouse.yaml when it exists.
  -p, --port N        Port to listen on. Default: 4000 (or gatehouse.server.port).
      --host H        Address to bind. Default: 127.0.0.1 (or gatehouse.server.host).
      --tls-cert FILE Serve HTTPS (TLS 1.2+) with this certificate chain (PEM) ...
      --tls-key FILE  ... and its private key (PEM). Both or neither; they win over
                      gatehouse.server.tls.
      --since DATE    audit export: rows from this date (YYYY-MM-DD) or ISO time on.
  -h, --help          Show this help.
  -v, --version       Show the version.

Environment:
  GATEHOUSE_MASTER_KEY   Admin key (>= 32 characters). If neither this nor
                         general_settings.master_key is set, one is generated on first
                         start and stored in the data folder (mode 0600).
  GATEHOUSE_DATA_DIR     Data folder (SQLite database, generated master key).
                         Default: ./.gatehouse
  GATEHOUSE_PREVIOUS_MASTER_KEY
                         The master key being rotated away from: values sealed under it
                         can still be opened (see rotate-master-key).
  DATABASE_URL           postgres://... to use PostgreSQL instead of SQLite.
  GATEHOUSE_LOG_LEVEL    debug | info | warn | error. Default: info.

Documentation: README.md and docs/ in the repository.
`;
}
