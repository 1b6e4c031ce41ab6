// A fake Azure OpenAI resource on 127.0.0.1 for tests: the deployment routes (with `api-version`)
// and the v1 routes, `api-key` or Entra ID bearer auth, Azure's filter annotations and errors, and
// the tenant's client-credentials token endpoint. Answers come from the mock provider's builders.

import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerOpenAICall } from '../../src/providers/mock/mock-openai-answer.js';
import type { MockOpenAIAnswer } from '../../src/providers/mock/mock-openai-answer.js';
import type { AzureContentFilter } from './fake-azure-answers.js';
import { azureAnswerOf, azureErrorBody, promptFilteredAnswer, tokenAnswer, tokenRefusedAnswer } from './fake-azure-answers.js';
import { parseJson, readBody } from './fake-openai.js';
import type { FakeRequest } from './fake-openai.js';
import { scriptedAnswer } from './fake-openai-errors.js';
import type { FakeBehaviour } from './fake-openai-writer.js';
import { writeAnswer } from './fake-openai-writer.js';

export interface AzureBehaviour extends FakeBehaviour {
  readonly contentFilter?: AzureContentFilter;
}

export interface FakeAzureOptions {
  readonly apiKey: string;
  /** Bearer tokens accepted besides those the token endpoint issues (`azure_ad_token`). */
  readonly bearerTokens?: readonly string[];
  /** The Entra ID app the token endpoint knows. */
  readonly app?: { readonly tenantId: string; readonly clientId: string; readonly clientSecret: string };
}

export interface FakeAzure {
  /** `http://127.0.0.1:<port>`, what `api_base` takes (also the Entra ID authority host). */
  readonly endpoint: string;
  readonly requests: FakeRequest[];
  readonly tokenRequests: FakeRequest[];
  script(...behaviours: AzureBehaviour[]): void;
  close(): Promise<void>;
}

const deploymentRoute = /^\/openai\/deployments\/([^/]+)(\/chat\/completions|\/completions|\/embeddings)$/;
const v1Route = /^\/openai\/v1(\/chat\/completions|\/completions|\/embeddings)$/;
const tokenRoute = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const notFound: MockOpenAIAnswer = { kind: 'json', status: 404, body: azureErrorBody('404', 'Resource not found') };
const unauthorized: MockOpenAIAnswer = {
  kind: 'json',
  status: 401,
  body: azureErrorBody('401', 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'),
};

export async function startFakeAzure(options: FakeAzureOptions): Promise<FakeAzure> {
  const requests: FakeRequest[] = [];
  const tokenRequests: FakeRequest[] = [];
  const queue: AzureBehaviour[] = [];
  const tokens = new Set(options.bearerTokens ?? []);

  function token(request: FakeRequest, tenant: string): MockOpenAIAnswer {
    tokenRequests.push(request);
    const form = new URLSearchParams(request.rawBody);
    const app = options.app;
    const known = app !== undefined && tenant === app.tenantId && form.get('grant_type') === 'client_credentials' && form.get('client_id') === app.clientId;
    if (!known || form.get('client_secret') !== app.clientSecret || form.get('scope') !== 'https://cognitiveservices.azure.com/.default') return tokenRefusedAnswer();
    const issued = `entra-token-${tokenRequests.length}`;
    tokens.add(issued);
    return tokenAnswer(issued);
  }

  function authorized(request: FakeRequest): boolean {
    if (request.headers['api-key'] === options.apiKey) return true;
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    return bearer !== undefined && tokens.has(bearer);
  }

  function answer(request: FakeRequest, behaviour: AzureBehaviour): MockOpenAIAnswer {
    const url = new URL(request.path, 'http://fake');
    const tenant = tokenRoute.exec(url.pathname)?.[1];
    if (tenant !== undefined && request.method === 'POST') return token(request, tenant);
    requests.push(request);
    const deployment = deploymentRoute.exec(url.pathname);
    const v1 = v1Route.exec(url.pathname);
    // The deployment routes need an api-version; the v1 routes take none.
    if ((deployment === null || url.searchParams.get('api-version') === null) && (v1 === null || url.search !== '')) return notFound;
    if (!authorized(request)) return unauthorized;
    const scripted = scriptedAnswer(behaviour);
    if (scripted !== undefined) return scripted;
    if (behaviour.contentFilter === 'prompt') return promptFilteredAnswer();
    const route = deployment?.[2] ?? v1?.[1] ?? '';
    const body = parseJson(request.rawBody);
    const mock = answerOpenAICall({ method: request.method, route, body }, { chunks: behaviour.chunks });
    return azureAnswerOf(mock, route, behaviour.contentFilter);
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const rawBody = await readBody(req);
    const request: FakeRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, rawBody, body: parseJson(rawBody) };
    const behaviour = tokenRoute.test(request.path) ? {} : (queue.shift() ?? {});
    const headers = { 'apim-request-id': `fake-${requests.length}`, 'x-ms-region': 'Sweden Central', ...behaviour.headers };
    await writeAnswer({ res, answer: answer(request, behaviour), behaviour, headers, signal: gone.signal, onCut: () => undefined });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    tokenRequests,
    script: (...behaviours) => void queue.push(...behaviours),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
