// Reads a Google service account key from `vertex_credentials`: the JSON itself, as a string or a
// map. A file path cannot be read here (adapters do no I/O); it is reported at start instead.
// https://cloud.google.com/iam/docs/keys-create-delete#creating

export interface ServiceAccount {
  readonly clientEmail: string;
  readonly privateKey: string;
  readonly privateKeyId: string | undefined;
  readonly tokenUri: string;
  readonly projectId: string | undefined;
}

/** Google's default token endpoint, used when the key file names none. */
export const defaultTokenUri = 'https://oauth2.googleapis.com/token';

export type CredentialsReading = { readonly account: ServiceAccount } | { readonly problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Problems never quote the value: it holds a private key. */
export function readServiceAccount(value: unknown): CredentialsReading {
  let record: unknown = value;
  if (typeof value === 'string') {
    if (!value.trimStart().startsWith('{')) {
      return { problem: 'vertex_credentials must be the service account JSON itself (for example os.environ/VERTEX_CREDENTIALS_JSON), not a file path' };
    }
    try {
      record = JSON.parse(value);
    } catch {
      return { problem: 'vertex_credentials is not valid JSON' };
    }
  }
  if (!isRecord(record)) return { problem: 'vertex_credentials must be a service account JSON object' };
  const clientEmail = text(record, 'client_email');
  const privateKey = text(record, 'private_key');
  if (clientEmail === undefined || privateKey === undefined) {
    return { problem: 'vertex_credentials needs client_email and private_key (a service account key of type "service_account")' };
  }
  return {
    account: {
      clientEmail,
      privateKey,
      privateKeyId: text(record, 'private_key_id'),
      tokenUri: text(record, 'token_uri') ?? defaultTokenUri,
      projectId: text(record, 'project_id'),
    },
  };
}
