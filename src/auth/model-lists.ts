// What a model list means: model names, provider wildcards (`openai/*`) and LiteLLM's aliases
// `all-proxy-models` and `all-team-models`; whether it allows a model and whether one list stays
// within another. Whose lists apply to a request is model-access.ts's concern.

import { globMatch } from './glob-match.js';

export const ALL_PROXY_MODELS = 'all-proxy-models';
export const ALL_TEAM_MODELS = 'all-team-models';

/** A list as a restriction: any model, or only what its patterns match (no patterns: nothing). */
export type ModelRule = { readonly any: true } | { readonly any: false; readonly patterns: readonly string[] };

const anyModel: ModelRule = Object.freeze({ any: true });

/**
 * The rule of a stored list: empty means no restriction of its own; `all-team-models` stands for
 * `teamModels` (the key's team's list), and for nothing when there is no team.
 */
export function modelRule(list: readonly string[], teamModels: readonly string[] | null = null): ModelRule {
  if (list.length === 0 || list.includes(ALL_PROXY_MODELS)) return anyModel;
  const patterns = list.filter((entry) => entry !== ALL_TEAM_MODELS);
  if (patterns.length === list.length || teamModels === null) return { any: false, patterns };
  const team = modelRule(teamModels);
  return team.any ? anyModel : { any: false, patterns: [...patterns, ...team.patterns] };
}

/** The deployment a request would go to: `openai/*` may name it as well as the public model name. */
export interface DeploymentTarget {
  readonly provider: string;
  readonly model: string;
}

export function ruleAllowsModel(rule: ModelRule, modelName: string, deployment?: DeploymentTarget): boolean {
  if (rule.any) return true;
  const providerModel = deployment === undefined ? undefined : `${deployment.provider}/${deployment.model}`;
  return rule.patterns.some((pattern) => {
    if (globMatch(pattern, modelName)) return true;
    return providerModel !== undefined && globMatch(pattern, providerModel);
  });
}

/** True when everything `entry` (a name or wildcard) allows, `rule` allows too. */
export function ruleCoversEntry(rule: ModelRule, entry: string): boolean {
  if (rule.any) return true;
  return rule.patterns.some((pattern) => globMatch(pattern, entry, { textHasStars: true }));
}

/** True when the rule of `requested` allows nothing that `rule` does not. */
export function ruleCovers(rule: ModelRule, requested: ModelRule): boolean {
  if (rule.any) return true;
  return !requested.any && requested.patterns.every((entry) => ruleCoversEntry(rule, entry));
}
