// Reads a database URL into the dialect it selects, and redacts its credentials for messages.
// Does not connect; the password must never reach an error, a log line or a thrown cause.

import { StoreError } from './store-error.js';

export type DatabaseTarget =
  | { readonly dialect: 'sqlite' }
  | { readonly dialect: 'postgres'; readonly url: string; readonly redactedUrl: string };

const schemePattern = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;

export function parseDatabaseUrl(databaseUrl: string | undefined): DatabaseTarget {
  if (databaseUrl === undefined || databaseUrl.trim() === '') return { dialect: 'sqlite' };
  const url = databaseUrl.trim();
  const scheme = schemePattern.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    throw new StoreError(
      'The database URL is not a URL: expected postgres://user:password@host:5432/database, or no URL for the embedded SQLite file.',
    );
  }
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new StoreError(
      `Unsupported database URL scheme "${scheme}:" in ${redactDatabaseUrl(url)}: use postgres:// or postgresql://, or no URL for the embedded SQLite file.`,
    );
  }
  return { dialect: 'postgres', url, redactedUrl: redactDatabaseUrl(url) };
}

/** Hides everything between `://` and the last `@`, and any `password=` query parameter. */
export function redactDatabaseUrl(url: string): string {
  const start = url.indexOf('://');
  const at = url.lastIndexOf('@');
  const withoutUserInfo = start >= 0 && at > start ? `${url.slice(0, start + 3)}***@${url.slice(at + 1)}` : url;
  return withoutUserInfo.replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** Removes every spelling of the URL's password (raw and percent-decoded) from a message. */
export function scrubPassword(message: string, url: string): string {
  const secrets = passwordSpellings(url).filter((secret) => secret.length > 0);
  return secrets.reduce((text, secret) => text.split(secret).join('***'), message);
}

function passwordSpellings(url: string): string[] {
  const start = url.indexOf('://');
  const at = url.lastIndexOf('@');
  const userInfo = start >= 0 && at > start ? url.slice(start + 3, at) : '';
  const colon = userInfo.indexOf(':');
  const raw = colon >= 0 ? userInfo.slice(colon + 1) : '';
  const fromQuery = /[?&]password=([^&#]*)/i.exec(url)?.[1] ?? '';
  return [raw, fromQuery].flatMap((value) => [value, safeDecode(value)]);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
