// A small HTTP client for the management API in tests: JSON in, status, headers and parsed body
// out, authenticated with whichever key the test acts as.

import assert from 'node:assert/strict';
import { startTestGatehouse, type HarnessOptions, type TestGatehouse } from '../e2e/harness.js';

export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  /** The parsed body (undefined when it is not JSON). */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read varied JSON answers field by field
}

export interface AdminClient {
  get(path: string, query?: Record<string, string>): Promise<Answer>;
  post(path: string, body?: unknown): Promise<Answer>;
  send(method: string, path: string, body?: unknown): Promise<Answer>;
}

export function adminClient(gh: TestGatehouse, key: string): AdminClient {
  const send = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${gh.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, text, headers: res.headers, body: parsed };
  };
  return {
    get: (path, query) => send('GET', query === undefined ? path : `${path}?${new URLSearchParams(query).toString()}`),
    post: (path, body) => send('POST', path, body ?? {}),
    send,
  };
}

/** Asserts the status, showing the answer when it differs. */
export function expectStatus(answer: Answer, status: number): Answer {
  assert.equal(answer.status, status, `expected ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  return answer;
}

/** A chat completion through the OpenAI route with `key`; answers the status. */
export async function chatStatus(gh: TestGatehouse, key: string, model = 'mock-gpt'): Promise<number> {
  const res = await fetch(`${gh.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await res.arrayBuffer();
  return res.status;
}

export async function modelsStatus(gh: TestGatehouse, key: string): Promise<number> {
  const res = await fetch(`${gh.baseURL}/models`, { headers: { authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  return res.status;
}

export const mockModelsYaml = `
model_list:
  - model_name: mock-gpt
    litellm_params: { model: mock/mock-gpt }
  - model_name: mock-small
    litellm_params: { model: mock/mock-small }
`;

/** A running Gatehouse (mock models unless `yaml` says otherwise) and a client acting with its master key. */
export async function openAdminGatehouse(yaml = mockModelsYaml, options: HarnessOptions = {}): Promise<{ gh: TestGatehouse; admin: AdminClient }> {
  const gh = await startTestGatehouse(yaml, options);
  return { gh, admin: adminClient(gh, gh.masterKey) };
}
