// Turns a JSON Schema into the OpenAPI subset Gemini accepts (ai.google.dev/api/caching#Schema):
// local $refs inlined, `const` as a one-value enum, `type: [x, "null"]` as `nullable`, and keys
// Gemini rejects (`additionalProperties`, `$schema`, `strict`, ...) left out, as LiteLLM does.

import { GatewayError } from '../../errors/gateway-error.js';
import { isRecord } from './is-record.js';

const keptKeys = new Set([
  'type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'required', 'minimum',
  'maximum', 'minLength', 'maxLength', 'pattern', 'default', 'example', 'propertyOrdering', 'minProperties', 'maxProperties',
]);
/** Nesting deeper than this is a recursive schema, which Gemini's subset cannot express. */
const maxDepth = 32;

type Definitions = Readonly<Record<string, unknown>>;

function refTarget(ref: string, definitions: Definitions): unknown {
  const match = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  const target = match?.[1] === undefined ? undefined : definitions[match[1]];
  if (target === undefined) throw new GatewayError('invalid_request', { message: `The schema reference '${ref}' cannot be resolved.` });
  return target;
}

function typeOf(type: unknown, out: Record<string, unknown>): void {
  if (!Array.isArray(type)) {
    if (typeof type === 'string') out['type'] = type;
    return;
  }
  const types = type.filter((t) => t !== 'null');
  if (types.length !== type.length) out['nullable'] = true;
  if (types[0] !== undefined) out['type'] = types[0];
}

function clean(schema: unknown, definitions: Definitions, depth: number): unknown {
  if (!isRecord(schema)) return schema;
  if (depth > maxDepth) throw new GatewayError('invalid_request', { message: 'The schema nests too deeply (recursive schemas are not supported by Gemini).' });
  const ref = schema['$ref'];
  if (typeof ref === 'string') return clean(refTarget(ref, definitions), definitions, depth + 1);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) if (keptKeys.has(key) && key !== 'type') out[key] = value;
  typeOf(schema['type'], out);
  if ('const' in schema && !('enum' in schema)) out['enum'] = [schema['const']];
  const properties = schema['properties'];
  if (isRecord(properties)) {
    out['properties'] = Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, clean(value, definitions, depth + 1)]));
  }
  if (schema['items'] !== undefined) out['items'] = clean(schema['items'], definitions, depth + 1);
  if (Array.isArray(out['enum']) && out['enum'].includes(null)) {
    out['enum'] = out['enum'].filter((value) => value !== null);
    out['nullable'] = true;
  }
  const anyOf = schema['anyOf'] ?? schema['oneOf'];
  return Array.isArray(anyOf) ? withAnyOf(out, anyOf.map((member) => clean(member, definitions, depth + 1))) : out;
}

/** Gemini has no `null` type: a `{"type":"null"}` member becomes `nullable`, a lone other member is merged in. */
function withAnyOf(out: Record<string, unknown>, members: unknown[]): Record<string, unknown> {
  const others = members.filter((member) => !(isRecord(member) && member['type'] === 'null' && Object.keys(member).length === 1));
  if (others.length !== members.length) out['nullable'] = true;
  if (others.length === 1 && isRecord(others[0])) return { ...others[0], ...out };
  if (others.length > 0) out['anyOf'] = others;
  return out;
}

export function toGeminiSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const definitions = { ...(isRecord(schema['definitions']) ? schema['definitions'] : {}), ...(isRecord(schema['$defs']) ? schema['$defs'] : {}) };
  return clean(schema, definitions, 0) as Record<string, unknown>;
}
