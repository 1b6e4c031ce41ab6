// Every provider adapter Gatehouse knows, by LiteLLM provider name. Adding an OpenAI-compatible
// provider is a profile row; another wire format is a new adapter listed here.

import { geminiAdapter } from './gemini/gemini-adapter.js';
import { vertexAiAdapter } from './vertex-ai/vertex-ai-adapter.js';
import { anthropicAdapter } from './anthropic/anthropic-adapter.js';
import { azureAdapter } from './azure/azure-adapter.js';
import { bedrockAdapter } from './bedrock/bedrock-adapter.js';
import { mockAdapter } from './mock/mock-adapter.js';
import { openaiAdapter } from './openai/openai-adapter.js';
import { compatibleAdapters } from './openai-compatible/compatible-adapters.js';
import type { ProviderAdapter } from './types.js';

const adapters: ReadonlyMap<string, ProviderAdapter> = new Map(
  [openaiAdapter, ...compatibleAdapters, azureAdapter, anthropicAdapter, geminiAdapter, vertexAiAdapter, bedrockAdapter, mockAdapter].map((adapter) => [adapter.name, adapter]),
);

export function getProvider(name: string): ProviderAdapter | undefined {
  return adapters.get(name);
}

/** Sorted, for messages such as "unknown provider; known: ...". */
export function providerNames(): string[] {
  return [...adapters.keys()].sort();
}
