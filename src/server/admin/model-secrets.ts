// Which `litellm_params` of a model are secret (credentials, tokens, headers that may carry them),
// splitting them off to be sealed at rest, and showing params with secrets replaced by a marker.
// Encryption itself is crypto/'s; the marker sent back on update means "keep the stored value".

/** Shown in place of every secret value; sent back in an update, it keeps the stored secret. */
export const secretMarker = '********';

const knownSecrets = new Set([
  'api_key', 'aws_secret_access_key', 'aws_session_token', 'aws_access_key_id', 'vertex_credentials', 'vertex_ai_credentials', 'azure_ad_token',
  'client_secret', 'extra_headers',
]);

/** Names that look secret but are not: prices and token counts. */
const knownPlain = new Set(['max_tokens', 'max_completion_tokens', 'max_input_tokens', 'max_output_tokens', 'tpm', 'key_alias']);

export function isSecretParam(name: string): boolean {
  if (knownSecrets.has(name)) return true;
  if (knownPlain.has(name) || /cost/i.test(name)) return false;
  // `token` but not `tokens` (a count); `key` anywhere (api_key, private_key, key_file ...).
  return /secret|password|passwd|credential|token(?!s)|key/i.test(name);
}

/** True when a value holds a secret-looking field at any depth (then the whole value is sealed). */
function holdsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([name, item]) => isSecretParam(name) || holdsSecret(item));
}

export interface SplitParams {
  readonly plain: Record<string, unknown>;
  readonly secrets: Record<string, unknown>;
}

export function splitSecrets(params: Readonly<Record<string, unknown>>): SplitParams {
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (isSecretParam(name) || holdsSecret(value)) secrets[name] = value;
    else plain[name] = value;
  }
  return { plain, secrets };
}

/** Params as shown: every secret (by name, or nested) replaced by the marker. */
export function maskParams(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { plain, secrets } = splitSecrets(params);
  return { ...plain, ...Object.fromEntries(Object.keys(secrets).map((name) => [name, secretMarker])) };
}

/** For an update: a param sent back as the marker keeps its stored secret value. */
export function restoreMarkedSecrets(
  incoming: Readonly<Record<string, unknown>>,
  storedSecrets: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const restored: Record<string, unknown> = { ...incoming };
  for (const [name, value] of Object.entries(incoming)) {
    if (value === secretMarker && Object.hasOwn(storedSecrets, name)) restored[name] = storedSecrets[name];
  }
  return restored;
}
