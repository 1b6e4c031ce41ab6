// The provider contract for each hosted or local OpenAI-compatible profile: OpenAI's wire fixtures
// plus the profile's own (default base URL, key rule, refused and dropped parameters, renames).

import { getProvider } from '../../src/providers/registry.js';
import type { ProviderAdapter } from '../../src/providers/types.js';
import { providerContract } from './provider-contract.js';

const keyless = "api_base without /v1 is kept as given; a keyless local server gets no Authorization";
const needsKey = { [keyless]: 'a hosted provider needs a key (its own fixtures check the refusal)' };
const tools = 'tools, tool results, images and JSON schema output pass through untouched';

/** Profile name -> the shared OpenAI cases it skips, each with the reason. */
const profiles: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  groq: needsKey,
  mistral: {
    ...needsKey,
    "a stream asks the upstream for usage and keeps the client's stream options": 'Mistral takes no stream_options (its own fixture checks)',
    [tools]: 'Mistral refuses `user` and spells `seed` as `random_seed` (its own fixtures check)',
  },
  deepseek: needsKey,
  together_ai: needsKey,
  fireworks_ai: needsKey,
  openrouter: needsKey,
  xai: needsKey,
  perplexity: { ...needsKey, [tools]: 'Perplexity takes no tools (its own fixtures check the refusal)' },
  cerebras: { ...needsKey, [tools]: 'Cerebras refuses parallel_tool_calls (its own fixtures check such refusals)' },
  ollama: { [keyless]: "Ollama's OpenAI routes live under /v1, appended to a root api_base (its own fixture checks)" },
};

for (const [name, skipCases] of Object.entries(profiles)) {
  const adapter: ProviderAdapter | undefined = getProvider(name);
  if (adapter === undefined) throw new Error(`The ${name} profile is missing from the registry.`);
  providerContract({ adapter, fixtureDirs: ['openai', name], skipCases });
}
