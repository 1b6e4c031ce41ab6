// The contract every provider adapter passes, run over fixtures in its provider's real wire format
// (test/fixtures/<dir>/): request in -> upstream request; upstream body -> canonical response;
// upstream stream -> canonical chunks, however the bytes are split; upstream error -> typed error.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ProviderAdapter } from '../../src/providers/types.js';
import { collectAsync } from '../fakes/collect-async.js';
import { buildOperationOf, deploymentFor, loadFixtures } from './contract-fixtures.js';
import type { ContractFixtures, ExpectedError } from './contract-fixtures.js';
import { assertGatewayError, mapStreamEverySplit } from './contract-streams.js';

export interface ContractOptions {
  readonly adapter: ProviderAdapter;
  /** Fixture folders under test/fixtures/, all read; a case may name the adapters it is `onlyFor`. */
  readonly fixtureDirs: readonly string[];
  /** Shared cases this adapter skips, by case name, each with the reason it does not apply. */
  readonly skipCases?: Readonly<Record<string, string>>;
}

type Skips = Readonly<Record<string, string>>;

function skipReason(adapter: ProviderAdapter, c: { readonly name: string; readonly onlyFor?: readonly string[] | undefined }, skips: Skips): string | false {
  const named = skips[c.name];
  if (named !== undefined) return named;
  const onlyFor = c.onlyFor;
  return onlyFor === undefined || onlyFor.includes(adapter.name) ? false : `only for ${onlyFor.join(', ')}`;
}

function requestCases(adapter: ProviderAdapter, fixtures: ContractFixtures, skips: Skips): void {
  for (const c of fixtures.requests) {
    it(`builds the upstream request: ${c.name}`, { skip: skipReason(adapter, c, skips) }, () => {
      const deployment = deploymentFor(adapter, c.deployment);
      const build = () => buildOperationOf(adapter, c.operation).buildRequest(c.request, deployment, c.ctx);
      if (c.expectedError !== undefined) {
        const expected: ExpectedError = c.expectedError;
        assert.throws(build, (error: unknown) => assertGatewayError(error, expected, deployment));
        return;
      }
      const spec = build();
      const { body, ...rest } = spec;
      assert.deepEqual({ ...rest, body: JSON.parse(body ?? 'null') as unknown }, c.expected);
    });
  }
}

function responseCases(adapter: ProviderAdapter, fixtures: ContractFixtures, skips: Skips): void {
  for (const c of fixtures.responses) {
    it(`parses the upstream response: ${c.name}`, { skip: skipReason(adapter, c, skips) }, () => {
      const deployment = deploymentFor(adapter, c.deployment);
      const parse = () => buildOperationOf(adapter, c.operation).parseResponse(c.body, deployment);
      if (c.expectedError !== undefined) {
        const expected: ExpectedError = c.expectedError;
        assert.throws(parse, (error: unknown) => assertGatewayError(error, expected, deployment));
      } else {
        // Same-wire fixtures leave `expected` out: the canonical response is the upstream body.
        assert.deepEqual(parse(), c.expected ?? c.body);
      }
    });
  }
}

function streamCases(adapter: ProviderAdapter, fixtures: ContractFixtures, skips: Skips): void {
  for (const c of fixtures.streams) {
    it(`maps the upstream stream at every split: ${c.name}`, { skip: skipReason(adapter, c, skips) }, () => {
      mapStreamEverySplit(adapter, c, c.bytes);
    });
  }
}

function errorCases(adapter: ProviderAdapter, fixtures: ContractFixtures, skips: Skips): void {
  for (const c of fixtures.errors) {
    it(`classifies the upstream error: ${c.name}`, { skip: skipReason(adapter, c, skips) }, () => {
      const bodyText = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
      const deployment = deploymentFor(adapter, c.deployment);
      const error = adapter.classifyError({ status: c.status, headers: c.headers ?? {}, bodyText }, deployment);
      assertGatewayError(error, c.expected, deployment);
    });
  }
}

function servedCases(adapter: ProviderAdapter, fixtures: ContractFixtures, skips: Skips): void {
  for (const c of fixtures.served) {
    it(`serves in-process and maps the answer: ${c.name}`, { skip: skipReason(adapter, c, skips) }, async () => {
      const deployment = deploymentFor(adapter, c.deployment);
      const operation = buildOperationOf(adapter, c.operation);
      const raw = adapter.serve?.(operation.buildRequest(c.request, deployment, c.ctx), undefined);
      assert.ok(raw !== undefined, 'an adapter with served fixtures must serve');
      const bytes = Buffer.concat(await collectAsync(raw.body));
      if (c.ctx.stream && raw.status === 200) {
        mapStreamEverySplit(adapter, c, bytes);
      } else if (raw.status >= 200 && raw.status < 300) {
        assert.deepEqual(operation.parseResponse(JSON.parse(bytes.toString('utf8')), deployment), c.expected);
      } else {
        assert.ok(c.expectedError !== undefined, `served status ${raw.status} without an expected error`);
        const error = adapter.classifyError({ status: raw.status, headers: raw.headers, bodyText: bytes.toString('utf8') }, deployment);
        assertGatewayError(error, c.expectedError, deployment);
      }
    });
  }
}

export function providerContract(options: ContractOptions): void {
  const { adapter } = options;
  const fixtures = loadFixtures(options.fixtureDirs);
  const skips = options.skipCases ?? {};
  const caseNames = new Set([...fixtures.requests, ...fixtures.responses, ...fixtures.streams, ...fixtures.errors, ...fixtures.served].map((c) => c.name));
  describe(`provider contract: ${adapter.name}`, () => {
    it('skips only cases that exist', () => {
      for (const name of Object.keys(skips)) assert.ok(caseNames.has(name), `skipCases names no case: ${name}`);
    });
    it('has fixtures for every part of the contract it implements', () => {
      assert.ok(fixtures.requests.length > 0, 'request fixtures');
      if (adapter.serve !== undefined) {
        assert.ok(fixtures.served.length > 0, 'served fixtures for an in-process provider');
        return;
      }
      assert.ok(fixtures.responses.length > 0, 'response fixtures');
      assert.ok(fixtures.errors.length > 0, 'error fixtures');
      if (adapter.chat !== undefined) assert.ok(fixtures.streams.length > 0, 'stream fixtures');
    });
    requestCases(adapter, fixtures, skips);
    responseCases(adapter, fixtures, skips);
    streamCases(adapter, fixtures, skips);
    errorCases(adapter, fixtures, skips);
    servedCases(adapter, fixtures, skips);
  });
}
