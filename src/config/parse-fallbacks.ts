// Normalises LiteLLM fallbacks (`[{"gpt-4": ["gpt-3.5-turbo"]}]`, or a plain map) into
// group -> ordered groups, remembering each list's path, and checks the targets against
// `model_list`. Which section wins is router-settings.ts's concern.

import { childPath, isYamlMap, type ConfigReader } from './config-reader.js';

export interface ParsedFallbacks {
  readonly map: Readonly<Record<string, readonly string[]>>;
  /** Model group -> path of its list of fallback groups, for problems found later. */
  readonly paths: Readonly<Record<string, string>>;
}

/** The source group LiteLLM's `default_fallbacks` apply to: every group without fallbacks of its own. */
export const ANY_MODEL_GROUP = '*';
const SHAPE_HINT = 'must be a list like [{"gpt-4o": ["gpt-4o-mini"]}]';

export function parseFallbacks(reader: ConfigReader, value: unknown, path: string): ParsedFallbacks | undefined {
  if (value === undefined || value === null) return undefined;
  const lists: [group: string, targets: unknown, path: string][] = [];
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      const itemPath = childPath(path, index);
      if (!isYamlMap(item)) return reader.problem(itemPath, 'must be a map like {"gpt-4o": ["gpt-4o-mini"]}');
      for (const [group, targets] of Object.entries(item)) lists.push([group, targets, childPath(itemPath, group)]);
      return undefined;
    });
  } else if (isYamlMap(value)) {
    for (const [group, targets] of Object.entries(value)) lists.push([group, targets, childPath(path, group)]);
  } else {
    return reader.problem(path, SHAPE_HINT);
  }
  const map: [string, readonly string[]][] = [];
  const paths = new Map<string, string>();
  for (const [group, targets, listPath] of lists) {
    const earlier = paths.get(group);
    if (earlier !== undefined) {
      reader.problem(listPath, `model group "${group}" already has fallbacks at ${earlier}`);
      continue;
    }
    paths.set(group, listPath);
    const groups = targets === null || targets === undefined ? reader.problem(listPath, 'must be a list of model groups') : reader.stringList(targets, listPath);
    if (groups !== undefined) map.push([group, groups]);
  }
  return { map: Object.fromEntries(map), paths: Object.fromEntries(paths) };
}

/** LiteLLM's `default_fallbacks: [groups]`, as fallbacks of the `*` group. */
export function parseDefaultFallbacks(reader: ConfigReader, value: unknown, path: string): ParsedFallbacks | undefined {
  const groups = reader.stringList(value, path);
  if (groups === undefined) return undefined;
  return { map: { [ANY_MODEL_GROUP]: groups }, paths: { [ANY_MODEL_GROUP]: path } };
}

/** Adds the default fallbacks under `*`; giving both them and a `*` entry is a problem. */
export function withDefaultFallbacks(
  reader: ConfigReader,
  fallbacks: ParsedFallbacks | undefined,
  defaults: ParsedFallbacks | undefined,
): ParsedFallbacks | undefined {
  if (defaults === undefined) return fallbacks;
  if (fallbacks === undefined) return defaults;
  const explicit = fallbacks.paths[ANY_MODEL_GROUP];
  if (explicit !== undefined) {
    reader.problem(explicit, `conflicts with ${defaults.paths[ANY_MODEL_GROUP] ?? 'default_fallbacks'}; give default fallbacks once`);
    return fallbacks;
  }
  return { map: { ...fallbacks.map, ...defaults.map }, paths: { ...fallbacks.paths, ...defaults.paths } };
}

/** Targets must name a model group of `model_list`; unknown source groups only earn a warning. */
export function checkFallbackGroups(reader: ConfigReader, fallbacks: ParsedFallbacks, isModelGroup: (name: string) => boolean): void {
  for (const [group, targets] of Object.entries(fallbacks.map)) {
    const listPath = fallbacks.paths[group] ?? group;
    if (group !== ANY_MODEL_GROUP && !isModelGroup(group)) {
      reader.warn(listPath, `model group "${group}" is not a model_name in model_list; these fallbacks never apply`);
    }
    targets.forEach((target, index) => {
      if (!isModelGroup(target)) reader.problem(childPath(listPath, index), `fallback "${target}" is not a model_name in model_list`);
    });
  }
}

/** Exact model names, plus LiteLLM wildcard groups such as `openai/*`. */
export function modelGroupMatcher(modelNames: Iterable<string>): (name: string) => boolean {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const name of modelNames) {
    if (name.includes('*')) patterns.push(new RegExp(`^${name.split('*').map(escapeRegExp).join('.*')}$`));
    else exact.add(name);
  }
  return (name) => exact.has(name) || patterns.some((pattern) => pattern.test(name));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
