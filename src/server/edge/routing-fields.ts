// The request-body fields that could change where a request goes or with which credentials
// (LiteLLM's per-request `api_base`, `api_key`, provider and cloud settings). Gatehouse has no
// client-side credentials, so a body carrying one at any depth is refused; see inspect-json-tree.ts.

/**
 * Exact names, case-insensitive, with `_`, `-` or nothing between words (`api_base`, `API-BASE`,
 * `apiBase`). `litellm_params` and `user_config` are refused whatever they hold.
 */
const exactNames = /^(?:api[_-]?(?:base|key|version)|base[_-]?url|azure[_-]?endpoint|custom[_-]?llm[_-]?provider|litellm[_-]?params|user[_-]?config|extra[_-]?headers)$/i;

/** Cloud-provider families (`aws_*`, `vertex_*`, `azure_*`, also `awsRegion`), case-insensitive prefix. */
const providerPrefixes = /^(?:[Aa][Ww][Ss]|[Vv][Ee][Rr][Tt][Ee][Xx]|[Aa][Zz][Uu][Rr][Ee])(?:[_-]|[A-Z])/;

/** The names as documented (snake_case; every case and separator variant is refused too). */
export const routingFieldNames: readonly string[] = Object.freeze([
  'api_base', 'base_url', 'api_key', 'api_version', 'azure_endpoint', 'custom_llm_provider', 'litellm_params',
  'user_config', 'extra_headers', 'aws_*', 'vertex_*', 'azure_*',
]);

/** Lower-cased first letters of every name above (a, b, c, e, l, u, v): most keys stop at this check. */
const firstLetters = new Set([0x61, 0x62, 0x63, 0x65, 0x6c, 0x75, 0x76]);

export function isRoutingField(key: string): boolean {
  if (key.length < 4 || !firstLetters.has(key.charCodeAt(0) | 0x20)) return false;
  return exactNames.test(key) || providerPrefixes.test(key);
}
