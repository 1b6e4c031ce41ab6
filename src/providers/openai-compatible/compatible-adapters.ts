// One adapter per OpenAI-compatible profile row, all built by the OpenAI adapter's factory.

import { createOpenAIAdapter } from '../openai/openai-adapter.js';
import type { ProviderAdapter } from '../types.js';
import { compatibleProfiles } from './profiles.js';

export const compatibleAdapters: readonly ProviderAdapter[] = compatibleProfiles.map((profile) => createOpenAIAdapter(profile));
