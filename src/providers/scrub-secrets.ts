// Removes what looks like a credential from text that came from an upstream (error messages), and
// caps its length, before it is relayed to a client or a log. Shared by every adapter.

const redacted = '[redacted]';
const defaultMaxChars = 500;
const minSecretChars = 6;

const patterns: readonly [RegExp, string][] = [
  [/\bBearer\s+[^\s"',;]+/gi, `Bearer ${redacted}`],
  [/\bsk-[A-Za-z0-9_*-]{6,}/g, redacted],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, redacted],
  [/\b(api[_-]?key|access[_-]?token|secret|password|token)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, `$1$2${redacted}`],
];

/** Base64, base64url or hex runs of 32+ characters that mix letters and digits. */
const longToken = /[A-Za-z0-9+_-]{32,}={0,2}/g;

function redactLongToken(match: string): string {
  return /[0-9]/.test(match) && /[A-Za-z]/.test(match) ? redacted : match;
}

export interface ScrubOptions {
  /** Known secrets to remove wherever they appear (the deployment's API key). */
  readonly secrets?: readonly (string | undefined)[];
  readonly maxChars?: number;
}

export function scrubSecrets(text: string, options: ScrubOptions = {}): string {
  let out = text;
  for (const secret of options.secrets ?? []) {
    if (secret !== undefined && secret.length >= minSecretChars) out = out.split(secret).join(redacted);
  }
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  out = out.replace(longToken, redactLongToken);
  const maxChars = options.maxChars ?? defaultMaxChars;
  return out.length > maxChars ? `${out.slice(0, maxChars)}…` : out;
}
