// Built-in prices of the common models of each provider family, and their lookup by provider and
// model name (tolerant of dated or versioned suffixes). A deployment's `model_info` overrides these;
// choosing between the two lives in cost.ts.
//
// These are the providers' public list prices as of LIST_PRICES_AS_OF: standard (not batch) tier,
// the shortest-context tier where prices depend on prompt length, text tokens. Prices change; set
// `input_cost_per_token`, `output_cost_per_token` and `cache_read_input_token_cost` in a
// deployment's `model_info` to override them. Cache writes are priced as ordinary input.

export interface ModelPrices {
  readonly inputPerToken: number;
  readonly outputPerToken: number;
  /** Prompt tokens served from the provider's prompt cache. */
  readonly cachedInputPerToken: number;
}

export const LIST_PRICES_AS_OF = '2025-10-15';

/** USD per million tokens: input, output, cached input (absent = no discount, the input price). */
type PerMillion = readonly [input: number, output: number, cachedInput?: number];

const gpt35: PerMillion = [0.5, 1.5];
const gpt4Turbo: PerMillion = [10, 30];
const openAiModels: Readonly<Record<string, PerMillion>> = {
  'gpt-5': [1.25, 10, 0.125],
  'gpt-5-mini': [0.25, 2, 0.025],
  'gpt-5-nano': [0.05, 0.4, 0.005],
  'gpt-4o': [2.5, 10, 1.25],
  'gpt-4o-2024-05-13': [5, 15],
  'chatgpt-4o-latest': [5, 15],
  'gpt-4o-mini': [0.15, 0.6, 0.075],
  'gpt-4.1': [2, 8, 0.5],
  'gpt-4.1-mini': [0.4, 1.6, 0.1],
  'gpt-4.1-nano': [0.1, 0.4, 0.025],
  'o1': [15, 60, 7.5],
  'o1-mini': [1.1, 4.4, 0.55],
  'o3': [2, 8, 0.5],
  'o3-mini': [1.1, 4.4, 0.55],
  'o4-mini': [1.1, 4.4, 0.275],
  'gpt-4-turbo': gpt4Turbo,
  'gpt-4-turbo-preview': gpt4Turbo,
  'gpt-4-1106-preview': gpt4Turbo,
  'gpt-4-0125-preview': gpt4Turbo,
  'gpt-4': [30, 60],
  'gpt-3.5-turbo': gpt35,
  'gpt-35-turbo': gpt35, // Azure's spelling
  'gpt-3.5-turbo-instruct': [1.5, 2],
  'text-embedding-3-small': [0.02, 0],
  'text-embedding-3-large': [0.13, 0],
  'text-embedding-ada-002': [0.1, 0],
};

const sonnet: PerMillion = [3, 15, 0.3];
const opus: PerMillion = [15, 75, 1.5];
const anthropicModels: Readonly<Record<string, PerMillion>> = {
  'claude-sonnet-4-5': sonnet,
  'claude-haiku-4-5': [1, 5, 0.1],
  'claude-3-5-sonnet': sonnet,
  'claude-3-7-sonnet': sonnet,
  'claude-sonnet-4': sonnet,
  'claude-sonnet-4-0': sonnet,
  'claude-4-sonnet': sonnet,
  'claude-3-sonnet': sonnet,
  'claude-3-5-haiku': [0.8, 4, 0.08],
  'claude-3-haiku': [0.25, 1.25, 0.03],
  'claude-opus-4': opus,
  'claude-opus-4-0': opus,
  'claude-opus-4-1': opus,
  'claude-4-opus': opus,
  'claude-3-opus': opus,
};

const googleModels: Readonly<Record<string, PerMillion>> = {
  'gemini-1.5-flash': [0.075, 0.3, 0.01875],
  'gemini-1.5-flash-8b': [0.0375, 0.15, 0.01],
  'gemini-1.5-pro': [1.25, 5, 0.3125],
  'gemini-2.0-flash': [0.1, 0.4, 0.025],
  'gemini-2.0-flash-lite': [0.075, 0.3],
  'gemini-2.5-flash': [0.3, 2.5, 0.075],
  'gemini-2.5-flash-lite': [0.1, 0.4, 0.025],
  'gemini-2.5-pro': [1.25, 10, 0.31],
};

const mistralModels: Readonly<Record<string, PerMillion>> = {
  'mistral-large': [2, 6],
  'mistral-medium': [0.4, 2],
  'mistral-small': [0.1, 0.3],
  'magistral-medium': [2, 5],
  'magistral-small': [0.5, 1.5],
  'codestral': [0.3, 0.9],
  'ministral-8b': [0.1, 0.1],
  'ministral-3b': [0.04, 0.04],
  'open-mistral-nemo': [0.15, 0.15],
  'pixtral-large': [2, 6],
  'pixtral-12b': [0.15, 0.15],
  'open-mixtral-8x22b': [2, 6],
  'open-mixtral-8x7b': [0.7, 0.7],
  'open-mistral-7b': [0.25, 0.25],
  'mistral-embed': [0.1, 0],
};

const groqModels: Readonly<Record<string, PerMillion>> = {
  'llama-3.3-70b-versatile': [0.59, 0.79],
  'llama-3.1-8b-instant': [0.05, 0.08],
  'llama3-70b-8192': [0.59, 0.79],
  'llama3-8b-8192': [0.05, 0.08],
  'meta-llama/llama-4-scout-17b-16e-instruct': [0.11, 0.34],
  'meta-llama/llama-4-maverick-17b-128e-instruct': [0.2, 0.6],
};

const xaiModels: Readonly<Record<string, PerMillion>> = {
  'grok-4': [3, 15],
  'grok-3': [3, 15],
  'grok-3-mini': [0.3, 0.5],
};

/** Token prices only: Perplexity also charges per request (search), which no token count shows. */
const perplexityModels: Readonly<Record<string, PerMillion>> = {
  'sonar': [1, 1],
  'sonar-pro': [3, 15],
  'sonar-reasoning': [1, 5],
  'sonar-reasoning-pro': [2, 8],
  'sonar-deep-research': [2, 8],
};

const deepSeekModels: Readonly<Record<string, PerMillion>> = {
  'deepseek-chat': [0.27, 1.1, 0.07],
  'deepseek-reasoner': [0.55, 2.19, 0.14],
};

/** Provider (LiteLLM's name) -> the tables its model names are found in, in order. */
const tablesOfProvider: Readonly<Record<string, readonly Readonly<Record<string, PerMillion>>[]>> = {
  openai: [openAiModels],
  azure: [openAiModels],
  'text-completion-openai': [openAiModels],
  anthropic: [anthropicModels],
  bedrock: [anthropicModels],
  gemini: [googleModels],
  vertex_ai: [googleModels, anthropicModels],
  vertex_ai_beta: [googleModels, anthropicModels],
  mistral: [mistralModels],
  groq: [groqModels],
  deepseek: [deepSeekModels],
  xai: [xaiModels],
  perplexity: [perplexityModels],
};

/**
 * OpenRouter names models `<vendor>/<model>` and charges the vendor's list price; its Anthropic
 * names write versions with dots (`claude-3.7-sonnet`).
 */
const openRouterVendors: Readonly<Record<string, readonly Readonly<Record<string, PerMillion>>[]>> = {
  openai: [openAiModels],
  anthropic: [anthropicModels],
  google: [googleModels],
  mistralai: [mistralModels],
  deepseek: [deepSeekModels],
  'x-ai': [xaiModels],
  perplexity: [perplexityModels],
};

/** One trailing date, version or release tag: `-2024-08-06`, `-20241022`, `@20240620`, `-0125`, `-002`, `-05-20`, `-latest`, `-exp`, `-preview`, `-v2:0`. */
const VERSION_SUFFIX = /[-@](?:\d{4}-\d{2}-\d{2}|\d{8}|\d{2}-\d{2}|\d{3,4}|latest|exp|preview|v\d+(?::\d+)?)$/;
/** Bedrock wraps model ids: an API prefix, a cross-region inference profile, the vendor. */
const BEDROCK_PREFIX = /^(?:(?:converse|invoke)\/)?(?:(?:us|eu|apac|us-gov|global|jp|au|ca)\.)?(?:anthropic\.)?/;

/** The built-in list prices of `model` at `provider`, or undefined when the table has none. */
export function findListPrices(provider: string, model: string): ModelPrices | undefined {
  let tables = tablesOfProvider[provider.toLowerCase()] ?? [];
  let name = model.toLowerCase();
  if (provider.toLowerCase() === 'bedrock') name = name.replace(BEDROCK_PREFIX, '');
  if (provider.toLowerCase() === 'openrouter') {
    const slash = name.indexOf('/');
    const vendor = slash === -1 ? '' : name.slice(0, slash);
    tables = openRouterVendors[vendor] ?? [];
    name = name.slice(slash + 1);
    if (vendor === 'anthropic') name = name.replace(/(\d)\.(\d)/g, '$1-$2');
  }
  for (;;) {
    for (const table of tables) {
      const found = Object.hasOwn(table, name) ? table[name] : undefined;
      if (found !== undefined) return perToken(found);
    }
    if (!VERSION_SUFFIX.test(name)) return undefined;
    name = name.replace(VERSION_SUFFIX, '');
  }
}

function perToken([input, output, cachedInput]: PerMillion): ModelPrices {
  return { inputPerToken: input / 1e6, outputPerToken: output / 1e6, cachedInputPerToken: (cachedInput ?? input) / 1e6 };
}
