// One walk over a parsed JSON body: nesting depth and, when asked, keys that may not appear at any
// depth (routing-fields.ts). The path of a refused key is built only when one is found, so a clean
// body costs one visit per object key and array item.

import { childPath } from '../../config/config-reader.js';

export interface TreeRules {
  readonly maxDepth: number;
  /** True for a key that may appear nowhere in the tree. */
  readonly refuseKey?: (key: string) => boolean;
}

export type TreeFinding =
  | { readonly kind: 'too-deep' }
  /** `path` as `metadata.api_base`, `fallbacks[0].api_key`; cut to MAX_PATH_LENGTH characters. */
  | { readonly kind: 'refused-key'; readonly path: string };

type Found = { readonly kind: 'too-deep' } | { readonly kind: 'refused-key'; readonly segments: (string | number)[] };

export const MAX_PATH_LENGTH = 256;

const tooDeep: Found = Object.freeze({ kind: 'too-deep' });

/**
 * JSON Schema maps whose keys name the caller's own data fields (a tool parameter may well be
 * called `api_key`), not settings: their keys are not checked, their values still are.
 */
const schemaNameMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

function walk(value: object, depth: number, rules: TreeRules, keysAreData = false): Found | undefined {
  if (depth > rules.maxDepth) return tooDeep;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'object' || item === null) continue;
      const found = walk(item, depth + 1, rules);
      if (found !== undefined) {
        if (found.kind === 'refused-key') found.segments.push(i);
        return found;
      }
    }
    return undefined;
  }
  const refuse = rules.refuseKey;
  for (const key in value) {
    if (!keysAreData && refuse !== undefined && refuse(key)) return { kind: 'refused-key', segments: [key] };
    const item: unknown = (value as Record<string, unknown>)[key];
    if (typeof item !== 'object' || item === null) continue;
    const found = walk(item, depth + 1, rules, !keysAreData && schemaNameMaps.has(key));
    if (found !== undefined) {
      if (found.kind === 'refused-key') found.segments.push(key);
      return found;
    }
  }
  return undefined;
}

/** The first problem of the tree, or undefined when it has none. */
export function inspectJsonTree(value: unknown, rules: TreeRules): TreeFinding | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = walk(value, 1, rules);
  if (found === undefined || found.kind === 'too-deep') return found;
  const path = found.segments.reduceRight<string>((path, segment) => childPath(path, segment), '');
  return { kind: 'refused-key', path: path.length > MAX_PATH_LENGTH ? `${path.slice(0, MAX_PATH_LENGTH)}...` : path };
}
