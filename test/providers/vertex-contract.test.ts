// The provider contract for Vertex AI (`vertex_ai/`): Gemini and Claude publisher models and native
// Messages, over fixtures in Vertex AI's wire formats (Google's and Anthropic's).

import { vertexAiAdapter } from '../../src/providers/vertex-ai/vertex-ai-adapter.js';
import { providerContract } from './provider-contract.js';

providerContract({ adapter: vertexAiAdapter, fixtureDirs: ['vertex_ai'] });
