// The OpenAI request parameters a deployment may set as defaults (`litellm_params` such as
// `temperature`), per operation. Anything else in a deployment's extra params is not sent upstream.
// https://platform.openai.com/docs/api-reference/chat/create

export const chatParams: ReadonlySet<string> = new Set([
  'audio', 'frequency_penalty', 'function_call', 'functions', 'logit_bias', 'logprobs', 'max_completion_tokens',
  'max_tokens', 'metadata', 'modalities', 'n', 'parallel_tool_calls', 'prediction', 'presence_penalty',
  'prompt_cache_key', 'reasoning_effort', 'response_format', 'safety_identifier', 'seed', 'service_tier', 'stop',
  'store', 'temperature', 'tool_choice', 'tools', 'top_logprobs', 'top_p', 'user', 'verbosity', 'web_search_options',
]);

export const completionParams: ReadonlySet<string> = new Set([
  'best_of', 'echo', 'frequency_penalty', 'logit_bias', 'logprobs', 'max_tokens', 'n', 'presence_penalty', 'seed',
  'stop', 'suffix', 'temperature', 'top_p', 'user',
]);

export const embeddingParams: ReadonlySet<string> = new Set(['dimensions', 'encoding_format', 'user']);
