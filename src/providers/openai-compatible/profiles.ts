// OpenAI-compatible providers as data: one row per provider, turned into an adapter by
// `createOpenAIAdapter`. Adding a provider that speaks OpenAI's wire format is adding a row here.

export interface OpenAICompatibleProfile {
  /** LiteLLM's provider name, the `<name>/` prefix of `litellm_params.model`. */
  readonly name: string;
  /** Used when the deployment sets no `api_base`. */
  readonly defaultApiBase?: string;
  /** The deployment must set `api_base` (self-hosted servers have no public address). */
  readonly requiresApiBase: boolean;
  /**
   * `bearer`: the provider always needs a key, sent as `Authorization: Bearer`; a keyless
   * deployment fails before any byte is sent. `none-when-keyless`: the header is sent only when a
   * key is configured (local servers that need none).
   */
  readonly authHeader: 'bearer' | 'none-when-keyless';
  /** Top-level request parameters the provider rejects: dropped with `drop_params`, else a 400. */
  readonly unsupportedParams: readonly string[];
}

export const openaiProfile: OpenAICompatibleProfile = {
  name: 'openai',
  defaultApiBase: 'https://api.openai.com/v1',
  requiresApiBase: false,
  // LiteLLM users point `openai/` models at keyless local servers through api_base.
  authHeader: 'none-when-keyless',
  unsupportedParams: [],
};

/** Every OpenAI-compatible profile but `openai` itself. */
export const compatibleProfiles: readonly OpenAICompatibleProfile[] = [
  { name: 'hosted_vllm', requiresApiBase: true, authHeader: 'none-when-keyless', unsupportedParams: [] },
  { name: 'lm_studio', defaultApiBase: 'http://127.0.0.1:1234/v1', requiresApiBase: false, authHeader: 'none-when-keyless', unsupportedParams: [] },
  { name: 'openai_compatible', requiresApiBase: true, authHeader: 'none-when-keyless', unsupportedParams: [] },
  { name: 'custom_openai', requiresApiBase: true, authHeader: 'none-when-keyless', unsupportedParams: [] },
];
