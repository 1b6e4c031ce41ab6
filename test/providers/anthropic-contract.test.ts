// The provider contract for Anthropic over fixtures in the Messages API's own wire format: chat
// translated both ways (requests, answers, streams split at every byte, errors) and native Messages.

import { anthropicAdapter } from '../../src/providers/anthropic/anthropic-adapter.js';
import { getProvider } from '../../src/providers/registry.js';
import { providerContract } from './provider-contract.js';

if (getProvider('anthropic') !== anthropicAdapter) throw new Error('The anthropic adapter is missing from the registry.');
providerContract({ adapter: anthropicAdapter, fixtureDirs: ['anthropic'] });
