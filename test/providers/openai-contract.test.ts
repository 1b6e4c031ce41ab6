// The provider contract for OpenAI and, over the same wire fixtures plus its own, an
// OpenAI-compatible profile (self-hosted vLLM).

import { openaiAdapter } from '../../src/providers/openai/openai-adapter.js';
import { getProvider } from '../../src/providers/registry.js';
import type { ProviderAdapter } from '../../src/providers/types.js';
import { providerContract } from './provider-contract.js';

providerContract({ adapter: openaiAdapter, fixtureDirs: ['openai'] });

const vllm: ProviderAdapter | undefined = getProvider('hosted_vllm');
if (vllm === undefined) throw new Error('The hosted_vllm profile is missing from the registry.');
providerContract({ adapter: vllm, fixtureDirs: ['openai', 'hosted_vllm'] });
