// Which models and regions a key's requests may use: names, provider wildcards, LiteLLM's
// all-proxy-models / all-team-models, every level's list, and regions that fail closed.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedModelsCheck, allowedRegionsOf } from '../../src/auth/model-access.js';
import { masterPrincipal } from '../../src/auth/principal.js';
import { keyPrincipal, makeKey, makeOrganization, makeTeam, makeUser } from './fixtures.js';

const openai4o = { provider: 'openai', model: 'gpt-4o' };
const claude = { provider: 'anthropic', model: 'claude-sonnet-4' };

function allows(models: readonly string[], modelName: string, deployment = openai4o): boolean {
  return allowedModelsCheck(keyPrincipal({ key: makeKey({ models }) }), modelName, deployment).allowed;
}

describe('allowedModelsCheck: one list', () => {
  it('allows everything with an empty list or all-proxy-models', () => {
    assert.equal(allows([], 'anything', claude), true);
    assert.equal(allows(['all-proxy-models'], 'anything', claude), true);
  });

  it('matches model names exactly', () => {
    assert.equal(allows(['gpt-4o'], 'gpt-4o'), true);
    assert.equal(allows(['gpt-4o'], 'gpt-4o-mini', { provider: 'openai', model: 'gpt-4o-mini' }), false);
    assert.equal(allows(['GPT-4o'], 'gpt-4o', { provider: 'azure', model: 'x' }), false);
  });

  it('matches provider wildcards against the deployment and the public name', () => {
    assert.equal(allows(['openai/*'], 'my-alias', openai4o), true);
    assert.equal(allows(['openai/*'], 'my-alias', claude), false);
    assert.equal(allows(['openai/gpt-4*'], 'fast', { provider: 'openai', model: 'gpt-4.1-mini' }), true);
    assert.equal(allows(['openai/gpt-4*'], 'fast', { provider: 'openai', model: 'o3' }), false);
    assert.equal(allows(['anthropic/*'], 'anthropic/claude-sonnet-4', { provider: 'bedrock', model: 'claude' }), true);
    assert.equal(allows(['openai/gpt-4o'], 'gpt-4o', openai4o), true);
  });

  it('reads all-team-models as the team\'s list, and as nothing without a team', () => {
    const team = makeTeam({ models: ['claude-*'] });
    const withTeam = keyPrincipal({ key: makeKey({ models: ['all-team-models'] }), team });
    assert.equal(allowedModelsCheck(withTeam, 'claude-sonnet', claude).allowed, true);
    assert.equal(allowedModelsCheck(withTeam, 'gpt-4o', openai4o).allowed, false);
    assert.equal(allows(['all-team-models'], 'gpt-4o'), false);
  });
});

describe('allowedModelsCheck: every level', () => {
  it('needs each non-empty list to allow the model, and says which refused', () => {
    const principal = keyPrincipal({
      key: makeKey({ models: ['gpt-4o', 'claude-sonnet'] }),
      team: makeTeam({ models: ['openai/*', 'claude-sonnet'] }),
      organization: makeOrganization({ models: [] }),
      user: makeUser({ models: ['gpt-4o'] }),
    });
    assert.deepEqual(allowedModelsCheck(principal, 'gpt-4o', openai4o), { allowed: true });
    assert.deepEqual(allowedModelsCheck(principal, 'claude-sonnet', claude), { allowed: false, refusedBy: 'user' });
    assert.deepEqual(allowedModelsCheck(principal, 'o3', { provider: 'openai', model: 'o3' }), { allowed: false, refusedBy: 'key' });
    const orgLimited = { ...principal, organization: makeOrganization({ models: ['azure/*'] }) };
    assert.deepEqual(allowedModelsCheck(orgLimited, 'gpt-4o', openai4o), { allowed: false, refusedBy: 'organization' });
    const teamLimited = { ...principal, team: makeTeam({ models: ['anthropic/*'] }) };
    assert.deepEqual(allowedModelsCheck(teamLimited, 'gpt-4o', openai4o), { allowed: false, refusedBy: 'team' });
  });

  it('never restricts the master key', () => {
    assert.deepEqual(allowedModelsCheck(masterPrincipal, 'anything', claude), { allowed: true });
  });
});

describe('allowedRegionsOf', () => {
  it('is unrestricted (null) when no level sets regions', () => {
    assert.equal(allowedRegionsOf(keyPrincipal()), null);
    assert.equal(allowedRegionsOf(masterPrincipal), null);
  });

  it('intersects the key\'s, team\'s and organisation\'s regions', () => {
    const principal = keyPrincipal({
      key: makeKey({ allowedRegions: ['eu', 'us', 'ap'] }),
      team: makeTeam({ allowedRegions: ['eu', 'us'] }),
      organization: makeOrganization({ allowedRegions: ['us', 'eu', 'ca'] }),
    });
    assert.deepEqual([...(allowedRegionsOf(principal) ?? [])].sort(), ['eu', 'us']);
  });

  it('fails closed: lists that do not overlap allow no region at all', () => {
    const principal = keyPrincipal({ key: makeKey({ allowedRegions: ['eu'] }), organization: makeOrganization({ allowedRegions: ['us'] }) });
    assert.deepEqual(allowedRegionsOf(principal), []);
    assert.deepEqual(allowedRegionsOf(keyPrincipal({ key: makeKey({ allowedRegions: [] }) })), []);
  });
});
