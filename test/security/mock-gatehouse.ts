// A running Gatehouse serving one in-process mock model (`mock-gpt`), with optional
// `gatehouse.server` settings given as a YAML flow map: what most attack families start from.

import { startTestGatehouse, type TestGatehouse } from '../e2e/harness.js';

export const mockModel = 'mock-gpt';

/** `server`: e.g. `{ max_json_depth: 32 }`; YAML text appended as `gatehouse.server`. */
export function startMockGatehouse(server?: string): Promise<TestGatehouse> {
  const models = `model_list:\n  - model_name: ${mockModel}\n    litellm_params: { model: mock/${mockModel} }\n`;
  return startTestGatehouse(server === undefined ? models : `${models}gatehouse:\n  server: ${server}\n`);
}
