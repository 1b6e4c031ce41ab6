// Stream and error checks of the provider contract: a stream is decoded and mapped for every way
// of splitting its bytes; a typed error is compared with its fixture and searched for the key.

import assert from 'node:assert/strict';
import { GatewayError } from '../../src/errors/gateway-error.js';
import type { ProviderAdapter, ResolvedDeployment } from '../../src/providers/types.js';
import { createStreamDecoder } from '../../src/upstream/stream-decoder.js';
import { everySplitOf } from '../upstream/sse-splits.js';
import { buildOperationOf, deploymentFor } from './contract-fixtures.js';
import type { ExpectedError, StreamExpectation } from './contract-fixtures.js';

/** Checks a thrown value against its fixture; returns true for `assert.throws`. */
export function assertGatewayError(error: unknown, expected: ExpectedError, deployment: ResolvedDeployment): true {
  assert.ok(error instanceof GatewayError, `expected a GatewayError, got ${String(error)}`);
  assert.equal(error.code, expected.code);
  if (expected.status !== undefined) assert.equal(error.status, expected.status);
  if (expected.retryAfterS !== undefined) assert.equal(error.retryAfterS, expected.retryAfterS ?? undefined);
  if (expected.param !== undefined) assert.equal(error.param, expected.param);
  if (expected.message !== undefined) assert.equal(error.message, expected.message);
  if (expected.messageIncludes !== undefined) assert.ok(error.message.includes(expected.messageIncludes), error.message);
  for (const secret of expected.messageExcludes ?? []) assert.ok(!error.message.includes(secret), `leaked: ${error.message}`);
  const key = deployment.apiKey;
  if (key !== undefined) {
    assert.ok(!error.message.includes(key), 'the public message contains the deployment key');
    assert.ok(!(error.detail ?? '').includes(key), 'the detail contains the deployment key');
  }
  return true;
}

function mapPieces(adapter: ProviderAdapter, c: StreamExpectation, pieces: readonly Uint8Array[]): unknown[] {
  const operation = buildOperationOf(adapter, c.operation);
  const framing = operation.streamFraming;
  assert.ok(framing === 'sse' || framing === 'aws-event-stream', `unknown stream framing ${String(framing)}`);
  const mapper = operation.createStreamMapper?.(deploymentFor(adapter, c.deployment));
  assert.ok(mapper !== undefined, `${adapter.name} ${c.operation} has no stream mapper`);
  const decoder = createStreamDecoder(framing);
  const chunks: unknown[] = [];
  for (const piece of pieces) for (const event of decoder.push(piece)) chunks.push(...mapper.map(event));
  for (const event of decoder.end()) chunks.push(...mapper.map(event));
  chunks.push(...mapper.end());
  return chunks;
}

export function mapStreamEverySplit(adapter: ProviderAdapter, c: StreamExpectation, bytes: Uint8Array): void {
  const expectedError = c.error;
  for (const { label, pieces } of everySplitOf(bytes)) {
    if (expectedError === undefined) {
      assert.deepEqual(mapPieces(adapter, c, pieces), c.chunks, label);
    } else {
      const deployment = deploymentFor(adapter, c.deployment);
      assert.throws(() => mapPieces(adapter, c, pieces), (error: unknown) => assertGatewayError(error, expectedError, deployment), label);
    }
  }
}
