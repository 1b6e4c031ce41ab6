// Structured JSON logging to stdout/stderr. Callers pass facts, never request or response content;
// `redact` scrubs credential-shaped strings from anything that reaches a log line anyway.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const levelRank = { debug: 10, info: 20, warn: 30, error: 40 } as const satisfies Record<LogLevel, number>;

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const credentialPattern = /(sk-[A-Za-z0-9_-]{8,}|Bearer\s+[A-Za-z0-9._~+/=-]{8,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{20,})/g;

/** Replaces anything that looks like a credential, and each known secret, with a marker. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(credentialPattern, '[redacted]');
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out;
}

export interface LoggerOptions {
  readonly level: LogLevel;
  readonly secrets?: readonly string[];
  readonly write?: (line: string, level: LogLevel) => void;
}

export function createLogger(options: LoggerOptions): Logger {
  const min = levelRank[options.level];
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string, level: LogLevel) => {
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  });
  const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (levelRank[level] < min) return;
    const record = { time: new Date().toISOString(), level, msg: message, ...fields };
    write(redact(JSON.stringify(record), secrets), level);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
