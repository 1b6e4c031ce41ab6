// The profiles table of docs/providers.md says what the profile rows do: same providers, same
// default base URLs, same key rule, same refused parameters. Either changing alone fails here.

import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compatibleProfiles } from '../../src/providers/openai-compatible/profiles.js';
import type { OpenAICompatibleProfile } from '../../src/providers/openai-compatible/profiles.js';

const docs = readFileSync(new URL('../../../docs/providers.md', import.meta.url), 'utf8');
const section = docs.slice(docs.indexOf('## OpenAI-compatible profiles'));
const rows = section.split('\n').filter((line) => /^\| `[a-z_]+\/` \|/.test(line));

/** A documented row as the profile it describes: name, default base, key rule, refused parameters. */
function documented(row: string): [string, string | undefined, string, string[]] {
  const [prefix = '', base = '', key = '', refused = ''] = row.split('|').slice(1).map((cell) => cell.trim());
  const names = (refused.split(/[;(]/)[0] ?? '').match(/`[a-z_]+`/g) ?? [];
  return [prefix.slice(1, -2), base.match(/^`([^`]+)`$/)?.[1], key, names.map((name) => name.slice(1, -1)).sort()];
}

function actual(profile: OpenAICompatibleProfile): [string, string | undefined, string, string[]] {
  const key = profile.authHeader === 'bearer' ? 'required' : 'optional';
  return [profile.name, profile.defaultApiBase, key, [...profile.unsupportedParams].sort()];
}

describe('OpenAI-compatible profiles', () => {
  it('are documented row for row in docs/providers.md', () => {
    const generic = new Set(['openai_compatible', 'custom_openai']);
    const profiles = compatibleProfiles.filter((profile) => !generic.has(profile.name));
    assert.deepEqual(rows.map(documented), profiles.map(actual));
  });

  it('send keys to hosted providers over https only', () => {
    for (const profile of compatibleProfiles.filter((p) => p.authHeader === 'bearer')) {
      assert.match(profile.defaultApiBase ?? '', /^https:\/\//, profile.name);
    }
  });
});
