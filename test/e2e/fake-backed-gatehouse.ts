// A Gatehouse in front of a fake OpenAI that only speaks Chat Completions (model `gpt-4o-mini`),
// plus the mock provider (`mock-gpt`), for the acceptance tests of other client dialects.

import { after, before } from 'node:test';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/fake-openai.js';
import { startTestGatehouse, type TestGatehouse } from './harness.js';

export interface FakeBackedGatehouse {
  readonly fake: FakeOpenAI;
  readonly gh: TestGatehouse;
  close(): Promise<void>;
}

export async function startFakeBackedGatehouse(): Promise<FakeBackedGatehouse> {
  const fake = await startFakeOpenAI();
  const deployments = [
    { model_name: 'mock-gpt', litellm_params: { model: 'mock/mock-gpt' } },
    { model_name: 'gpt-4o-mini', litellm_params: { model: 'openai/gpt-4o-mini', api_base: fake.baseUrl, api_key: 'sk-none' } },
  ];
  const gh = await startTestGatehouse(JSON.stringify({ model_list: deployments })).catch(async (error: unknown) => {
    await fake.close();
    throw error;
  });
  return {
    fake,
    gh,
    close: async () => {
      await gh.close();
      await fake.close();
    },
  };
}

/** Starts one before the enclosing suite's tests and stops it after them; the getter gives the running one. */
export function useFakeBackedGatehouse(): () => FakeBackedGatehouse {
  let running: FakeBackedGatehouse | undefined;
  before(async () => {
    running = await startFakeBackedGatehouse();
  });
  after(() => running?.close());
  return () => {
    if (running === undefined) throw new Error('the suite has not started yet');
    return running;
  };
}
