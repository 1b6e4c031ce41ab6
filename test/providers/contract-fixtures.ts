// Loads the provider contract's fixtures from test/fixtures/<dir>/: requests.json, responses.json,
// errors.json, served.json (in-process providers) and streams/<name>.sse (or binary
// <name>.eventstream) with <name>.json beside it.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ErrorCode } from '../../src/errors/gateway-error.js';
import type { BuildContext, HttpRequestSpec, ProviderAdapter, ResolvedDeployment, StreamMapper } from '../../src/providers/types.js';
import { deploymentOf } from './deployments.js';

export type OperationName = 'chat' | 'completions' | 'embeddings';

export interface ExpectedError {
  readonly code: ErrorCode;
  readonly status?: number;
  /** null: the error must carry no retry-after. */
  readonly retryAfterS?: number | null;
  readonly param?: string | null;
  readonly message?: string;
  readonly messageIncludes?: string;
  /** Strings (credentials) the public message must not contain. */
  readonly messageExcludes?: readonly string[];
}

/** Deployment fields to change; JSON null stands for "not set". */
export type DeploymentOverrides = Readonly<Record<string, unknown>>;

interface CaseBase {
  readonly name: string;
  /** Adapters the case applies to; the others skip it, saying so. */
  readonly onlyFor?: readonly string[];
  readonly deployment?: DeploymentOverrides;
}

export interface RequestCase extends CaseBase {
  readonly operation: OperationName;
  readonly request: object;
  readonly ctx: BuildContext;
  readonly expected?: unknown;
  readonly expectedError?: ExpectedError;
}

export interface ResponseCase extends CaseBase {
  readonly operation: OperationName;
  readonly body: unknown;
  readonly expected?: unknown;
  readonly expectedError?: ExpectedError;
}

export interface StreamExpectation extends CaseBase {
  readonly operation: OperationName;
  readonly chunks?: readonly unknown[];
  readonly error?: ExpectedError;
}

export interface StreamCase extends StreamExpectation {
  readonly bytes: Uint8Array;
}

export interface ErrorCase extends CaseBase {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string as it is (HTML pages, truncated JSON). */
  readonly body: unknown;
  readonly expected: ExpectedError;
}

export interface ServedCase extends StreamExpectation {
  readonly request: object;
  readonly ctx: BuildContext;
  readonly expected?: unknown;
  readonly expectedError?: ExpectedError;
}

export interface ContractFixtures {
  readonly requests: RequestCase[];
  readonly responses: ResponseCase[];
  readonly streams: StreamCase[];
  readonly errors: ErrorCase[];
  readonly served: ServedCase[];
}

/** The part of an operation the contract drives; embeddings have no stream mapper. */
export interface ContractOperation {
  readonly streamFraming?: string;
  buildRequest(request: object, deployment: ResolvedDeployment, ctx: BuildContext): HttpRequestSpec;
  parseResponse(body: unknown, deployment: ResolvedDeployment): unknown;
  createStreamMapper?(deployment: ResolvedDeployment): StreamMapper<unknown>;
}

const fixturesRoot = new URL('../../../test/fixtures/', import.meta.url);
const defaultCtx: BuildContext = { stream: false, includeUsage: false, dropParams: false };

function readJson<T>(url: URL): T[] {
  return existsSync(url) ? (JSON.parse(readFileSync(url, 'utf8')) as T[]) : [];
}

function withCtx<T extends { ctx?: Partial<BuildContext> }>(cases: T[]): (T & { ctx: BuildContext })[] {
  return cases.map((c) => ({ ...c, ctx: { ...defaultCtx, ...c.ctx } }));
}

/** Stream bodies: server-sent events as text, AWS event-stream messages as binary. */
const streamFile = /\.(?:sse|eventstream)$/;

function readStreams(dir: URL): StreamCase[] {
  const streams = new URL('streams/', dir);
  if (!existsSync(streams)) return [];
  return readdirSync(streams)
    .filter((file) => streamFile.test(file))
    .sort()
    .map((file) => {
      const expectation = JSON.parse(readFileSync(new URL(file.replace(streamFile, '.json'), streams), 'utf8')) as Omit<StreamExpectation, 'name'>;
      return { ...expectation, name: file, bytes: readFileSync(new URL(file, streams)) };
    });
}

export function loadFixtures(dirs: readonly string[]): ContractFixtures {
  const all: ContractFixtures = { requests: [], responses: [], streams: [], errors: [], served: [] };
  for (const name of dirs) {
    const dir = new URL(`${name}/`, fixturesRoot);
    if (!existsSync(dir)) throw new Error(`No fixture folder test/fixtures/${name}/.`);
    all.requests.push(...withCtx(readJson<RequestCase>(new URL('requests.json', dir))));
    all.responses.push(...readJson<ResponseCase>(new URL('responses.json', dir)));
    all.errors.push(...readJson<ErrorCase>(new URL('errors.json', dir)));
    all.served.push(...withCtx(readJson<ServedCase>(new URL('served.json', dir))));
    all.streams.push(...readStreams(dir));
  }
  return all;
}

export function deploymentFor(adapter: ProviderAdapter, overrides: DeploymentOverrides = {}): ResolvedDeployment {
  const fields = Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, value ?? undefined]));
  return deploymentOf({ provider: adapter.name, ...fields });
}

export function buildOperationOf(adapter: ProviderAdapter, name: OperationName): ContractOperation {
  const operation = adapter[name] as ContractOperation | undefined;
  if (operation === undefined) throw new Error(`${adapter.name} has no ${name} operation, yet a fixture uses it.`);
  return operation;
}
