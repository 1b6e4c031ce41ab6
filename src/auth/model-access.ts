// Which models and data regions a principal's requests may use: every non-empty model list along
// the key, its team, its organisation and its user must allow the model; regions are the
// intersection of the key's, team's and organisation's. Routing by these answers is the router's job.

import { modelRule, ruleAllowsModel, type DeploymentTarget, type ModelRule } from './model-lists.js';
import type { Principal, VirtualKeyPrincipal } from './principal.js';

export type ModelListOwner = 'key' | 'team' | 'organization' | 'user';

export type ModelAccess = { readonly allowed: true } | { readonly allowed: false; readonly refusedBy: ModelListOwner };

const allowed: ModelAccess = Object.freeze({ allowed: true });

/** Principals are cached and reused, so their rules are worked out once per cached principal. */
const rulesByPrincipal = new WeakMap<VirtualKeyPrincipal, ReadonlyArray<readonly [ModelListOwner, ModelRule]>>();

function rulesOf(principal: VirtualKeyPrincipal): ReadonlyArray<readonly [ModelListOwner, ModelRule]> {
  let rules = rulesByPrincipal.get(principal);
  if (rules === undefined) {
    const { key, team, organization, user } = principal;
    // Without a team, `all-team-models` on a key allows nothing (fail closed).
    rules = [
      ['key', modelRule(key.models, team?.models ?? null)],
      ['team', modelRule(team?.models ?? [])],
      ['organization', modelRule(organization?.models ?? [])],
      ['user', modelRule(user?.models ?? [])],
    ] as const;
    rulesByPrincipal.set(principal, rules);
  }
  return rules;
}

/** May the principal's request for `modelName` be served by `deployment`? */
export function allowedModelsCheck(principal: Principal, modelName: string, deployment: DeploymentTarget): ModelAccess {
  if (principal.kind === 'master') return allowed;
  for (const [owner, rule] of rulesOf(principal)) {
    if (!ruleAllowsModel(rule, modelName, deployment)) return { allowed: false, refusedBy: owner };
  }
  return allowed;
}

/** Intersection of the lists that are set; null when none is (no restriction). */
export function intersectRegions(lists: ReadonlyArray<readonly string[] | null | undefined>): readonly string[] | null {
  let regions: readonly string[] | null = null;
  for (const list of lists) {
    if (list === null || list === undefined) continue;
    regions = regions === null ? [...new Set(list)] : regions.filter((region) => list.includes(region));
  }
  return regions;
}

/**
 * Regions the principal's requests may be served from: null = unrestricted; an empty list means
 * no region at all (the lists set do not overlap), and the router must then refuse.
 */
export function allowedRegionsOf(principal: Principal): readonly string[] | null {
  if (principal.kind === 'master') return null;
  return intersectRegions([principal.key.allowedRegions, principal.team?.allowedRegions, principal.organization?.allowedRegions]);
}
