// OpenAI-compatible providers as data: one row per provider, turned into an adapter by
// `createOpenAIAdapter`. Adding a provider that speaks OpenAI's wire format is adding a row here.
// Parameter lists follow each provider's own docs (linked per row) and LiteLLM's mapping.

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
  /** OpenAI parameter names the provider spells otherwise, e.g. `max_completion_tokens` -> `max_tokens`. */
  readonly renamedParams?: Readonly<Record<string, string>>;
  /**
   * `stream_options` (the default): usage is asked for with `stream_options.include_usage`.
   * `always`: the provider rejects `stream_options` and reports usage in its last chunk unasked.
   */
  readonly streamUsage?: 'stream_options' | 'always';
  /** Appended to an `api_base` that does not end with it (LiteLLM users give the server's root URL). */
  readonly apiBasePath?: string;
  /** The most choices (`n`) one request may ask for. */
  readonly maxChoices?: number;
}

export const openaiProfile: OpenAICompatibleProfile = {
  name: 'openai',
  defaultApiBase: 'https://api.openai.com/v1',
  requiresApiBase: false,
  // LiteLLM users point `openai/` models at keyless local servers through api_base.
  authHeader: 'none-when-keyless',
  unsupportedParams: [],
};

/** Hosted providers always need a key; their parameters are checked before anything is sent. */
function hosted(name: string, defaultApiBase: string, rest: Partial<OpenAICompatibleProfile> = {}): OpenAICompatibleProfile {
  return { name, defaultApiBase, requiresApiBase: false, authHeader: 'bearer', unsupportedParams: [], ...rest };
}

/** Servers run by the user: a key only when one is configured. */
function local(name: string, defaultApiBase: string | undefined, rest: Partial<OpenAICompatibleProfile> = {}): OpenAICompatibleProfile {
  const base = defaultApiBase === undefined ? { requiresApiBase: true } : { defaultApiBase, requiresApiBase: false };
  return { name, ...base, authHeader: 'none-when-keyless', unsupportedParams: [], ...rest };
}

const toMaxTokens = { max_completion_tokens: 'max_tokens' } as const;

/** Every OpenAI-compatible profile but `openai` itself. */
export const compatibleProfiles: readonly OpenAICompatibleProfile[] = [
  // https://console.groq.com/docs/openai: these fields are a 400, and `n` must be 1.
  hosted('groq', 'https://api.groq.com/openai/v1', { unsupportedParams: ['logprobs', 'logit_bias', 'top_logprobs'], maxChoices: 1 }),
  // https://docs.mistral.ai/api/#tag/chat: unknown fields are a 422 (`extra_forbidden`); the seed is
  // `random_seed`; a stream ends with usage unasked, and `stream_options` is not a field.
  hosted('mistral', 'https://api.mistral.ai/v1', {
    unsupportedParams: [
      'audio', 'function_call', 'functions', 'logit_bias', 'logprobs', 'metadata', 'modalities', 'prompt_cache_key',
      'reasoning_effort', 'safety_identifier', 'service_tier', 'store', 'top_logprobs', 'user', 'verbosity', 'web_search_options',
    ],
    renamedParams: { ...toMaxTokens, seed: 'random_seed' },
    streamUsage: 'always',
    apiBasePath: '/v1',
  }),
  // https://api-docs.deepseek.com/api/create-chat-completion
  hosted('deepseek', 'https://api.deepseek.com/v1'),
  // https://docs.together.ai/docs/openai-api-compatibility
  hosted('together_ai', 'https://api.together.xyz/v1'),
  // https://docs.fireworks.ai/tools-sdks/openai-compatibility
  hosted('fireworks_ai', 'https://api.fireworks.ai/inference/v1', { renamedParams: toMaxTokens }),
  // https://openrouter.ai/docs/api-reference/parameters: unsupported parameters are ignored upstream.
  hosted('openrouter', 'https://openrouter.ai/api/v1'),
  // https://docs.x.ai/docs/guides/chat: Live Search (`web_search_options`) is gone from chat completions.
  hosted('xai', 'https://api.x.ai/v1', { unsupportedParams: ['web_search_options'], renamedParams: toMaxTokens }),
  // https://docs.perplexity.ai/api-reference/chat-completions-post: no tools, no logprobs, one choice.
  hosted('perplexity', 'https://api.perplexity.ai', {
    unsupportedParams: [
      'audio', 'function_call', 'functions', 'logit_bias', 'logprobs', 'metadata', 'modalities', 'n', 'parallel_tool_calls',
      'prediction', 'seed', 'service_tier', 'stop', 'store', 'tool_choice', 'tools', 'top_logprobs', 'user',
    ],
  }),
  // https://inference-docs.cerebras.ai/resources/openai: the listed unsupported fields are a 400.
  hosted('cerebras', 'https://api.cerebras.ai/v1', {
    unsupportedParams: ['frequency_penalty', 'logit_bias', 'presence_penalty', 'parallel_tool_calls', 'service_tier'],
  }),
  // https://github.com/ollama/ollama/blob/main/docs/openai.md: OpenAI's wire lives under /v1; these
  // fields would be ignored silently (one choice, no bias), so they are refused instead.
  local('ollama', 'http://127.0.0.1:11434/v1', { unsupportedParams: ['logit_bias', 'n'], apiBasePath: '/v1' }),
  local('hosted_vllm', undefined),
  local('lm_studio', 'http://127.0.0.1:1234/v1'),
  local('openai_compatible', undefined),
  local('custom_openai', undefined),
];
