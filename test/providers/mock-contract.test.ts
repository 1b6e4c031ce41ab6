// The provider contract for the in-process mock provider.

import { mockAdapter } from '../../src/providers/mock/mock-adapter.js';
import { providerContract } from './provider-contract.js';

providerContract({ adapter: mockAdapter, fixtureDirs: ['mock'] });
