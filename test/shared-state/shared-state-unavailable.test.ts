// A shared state that cannot answer reaches clients as a 503 that says so, fails closed (limits and
// budgets are not skipped), and keeps the backend's own words out of the public message.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toGatewayError } from '../../src/errors/gateway-error.js';
import { SharedStateUnavailableError } from '../../src/shared-state/shared-state-unavailable-error.js';

describe('SharedStateUnavailableError', () => {
  it('becomes a 503 shared_state_unavailable with the backend detail kept private', () => {
    const error = toGatewayError(new SharedStateUnavailableError('addIfWithin', new Error('connect ECONNREFUSED 10.0.0.7:6379')));
    assert.equal(error.code, 'shared_state_unavailable');
    assert.equal(error.status, 503);
    assert.match(error.message, /shared state unavailable/);
    assert.doesNotMatch(error.message, /ECONNREFUSED|10\.0\.0\.7/);
    assert.match(error.detail ?? '', /addIfWithin failed \(connect ECONNREFUSED 10\.0\.0\.7:6379\)/);
    assert.equal(error.retryAfterS, 1);
  });
});
