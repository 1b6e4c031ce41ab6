// Which paths a key may call: LiteLLM route groups, exact paths with or without `/v1`, patterns,
// and the defaults for keys with and without a user.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { masterPrincipal } from '../../src/auth/principal.js';
import { isRouteAllowed, routePatternProblem, routesCoverEntry } from '../../src/auth/route-access.js';
import { keyPrincipal, makeKey, makeUser } from './fixtures.js';

function keyWith(allowedRoutes: readonly string[]) {
  return keyPrincipal({ key: makeKey({ allowedRoutes }) });
}

describe('isRouteAllowed', () => {
  it('lets a key without routes or user call the LLM API only', () => {
    const principal = keyWith([]);
    for (const path of ['/v1/chat/completions', '/chat/completions', '/v1/messages', '/v1/models/gpt-4o', '/embeddings?x=1']) {
      assert.equal(isRouteAllowed(principal, path), true, path);
    }
    for (const path of ['/key/generate', '/user/new', '/v1/key/generate', '/global/spend/reset', '/models/a/b']) {
      assert.equal(isRouteAllowed(principal, path), false, path);
    }
  });

  it('leaves management routes to the role of a key with a user', () => {
    const principal = keyPrincipal({ key: makeKey({ userId: 'u' }), user: makeUser({ id: 'u' }) });
    assert.equal(isRouteAllowed(principal, '/key/generate'), true);
    assert.equal(isRouteAllowed(masterPrincipal, '/anything/at/all'), true);
  });

  it('expands route group names', () => {
    const principal = keyWith(['openai_routes']);
    assert.equal(isRouteAllowed(principal, '/v1/chat/completions'), true);
    assert.equal(isRouteAllowed(principal, '/v1/messages'), false);
    assert.equal(isRouteAllowed(keyWith(['key_management_routes']), '/key/info'), true);
    assert.equal(isRouteAllowed(keyWith(['key_management_routes']), '/chat/completions'), false);
  });

  it('matches exact paths with or without /v1, and patterns segment by segment', () => {
    assert.equal(isRouteAllowed(keyWith(['/chat/completions']), '/v1/chat/completions'), true);
    assert.equal(isRouteAllowed(keyWith(['/v1/chat/completions']), '/chat/completions'), true);
    assert.equal(isRouteAllowed(keyWith(['/chat/completions']), '/v1/completions'), false);
    assert.equal(isRouteAllowed(keyWith(['/user/*']), '/user/info'), true);
    assert.equal(isRouteAllowed(keyWith(['/user/*']), '/users/list'), false);
    assert.equal(isRouteAllowed(keyWith(['/engines/{model}/chat/completions']), '/engines/gpt-4o/chat/completions'), true);
    assert.equal(isRouteAllowed(keyWith(['/engines/{model}/chat/completions']), '/engines/a/b/chat/completions'), false);
  });

  it('ignores unusable stored patterns instead of widening them', () => {
    assert.equal(isRouteAllowed(keyWith(['/v1/*']), '/chat/completions'), false);
    assert.equal(isRouteAllowed(keyWith(['/*']), '/key/generate'), false);
    assert.equal(isRouteAllowed(keyWith(['not_a_group']), '/chat/completions'), false);
  });
});

describe('route patterns', () => {
  it('names what is wrong with an unusable pattern', () => {
    assert.equal(routePatternProblem('llm_api_routes'), undefined);
    assert.equal(routePatternProblem('/key/*'), undefined);
    assert.match(routePatternProblem('/v1/*') ?? '', /literal path segment/);
    assert.match(routePatternProblem('chat') ?? '', /known route group/);
    assert.match(routePatternProblem('/chat completions') ?? '', /spaces/);
  });

  it('judges whether one pattern stays within others', () => {
    assert.equal(routesCoverEntry(['llm_api_routes'], '/v1/chat/completions'), true);
    assert.equal(routesCoverEntry(['llm_api_routes'], 'openai_routes'), true);
    assert.equal(routesCoverEntry(['openai_routes'], 'llm_api_routes'), false);
    assert.equal(routesCoverEntry(['/key/*'], '/key/info'), true);
    assert.equal(routesCoverEntry(['/key/info'], '/key/*'), false);
    assert.equal(routesCoverEntry(['/models/{model}'], '/models/*'), false);
    assert.equal(routesCoverEntry(['/models/*'], '/models/{model}'), true);
  });
});
