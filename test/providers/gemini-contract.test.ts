// The provider contract for Google AI Studio (`gemini/`), over fixtures in Gemini's own wire format.

import { geminiAdapter } from '../../src/providers/gemini/gemini-adapter.js';
import { providerContract } from './provider-contract.js';

providerContract({ adapter: geminiAdapter, fixtureDirs: ['gemini'] });
