// Anthropic error bodies: the type by status (overloaded by code), the public message only.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError, type ErrorCode } from '../../../src/errors/gateway-error.js';
import { renderAnthropicError } from '../../../src/wire/anthropic/render-error.js';

describe('renderAnthropicError', () => {
  const cases: [ErrorCode, string][] = [
    ['invalid_request', 'invalid_request_error'], ['missing_api_key', 'authentication_error'], ['permission_denied', 'permission_error'],
    ['model_not_found', 'not_found_error'], ['payload_too_large', 'request_too_large'], ['rate_limited', 'rate_limit_error'],
    ['budget_exceeded', 'rate_limit_error'], ['internal_error', 'api_error'], ['upstream_error', 'api_error'],
    ['upstream_unavailable', 'api_error'], ['upstream_overloaded', 'overloaded_error'], ['upstream_timeout', 'timeout_error'],
    ['method_not_allowed', 'invalid_request_error'],
  ];
  for (const [code, type] of cases) {
    it(`renders ${code} as ${type}`, () => {
      const error = new GatewayError(code, { detail: 'private: sk-secret' });
      const text = renderAnthropicError(error);
      assert.deepEqual(JSON.parse(text), { type: 'error', error: { type, message: error.message } });
      assert.ok(!text.includes('sk-secret'));
    });
  }

  it('follows an overridden status (a relayed 429)', () => {
    const error = new GatewayError('upstream_error', { status: 429 });
    assert.equal((JSON.parse(renderAnthropicError(error)) as { error: { type: string } }).error.type, 'rate_limit_error');
  });
});
