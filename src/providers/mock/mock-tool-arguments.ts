// Arguments the mock provider passes when it calls a tool: a value for every `required` property
// of the tool's JSON schema, chosen by type. Optional properties are left out.

import type { JsonValue } from '../../wire/openai/types.js';

const maxDepth = 8;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaType(schema: Record<string, unknown>): unknown {
  const type = schema['type'];
  if (Array.isArray(type)) return type.find((t) => t !== 'null') ?? type[0];
  return type;
}

/** A deterministic value that satisfies the schema's type: "mock", 1, true, [], {} with required keys. */
export function mockValueForSchema(schema: unknown, depth = 0): JsonValue {
  if (!isRecord(schema) || depth > maxDepth) return 'mock';
  if ('const' in schema) return schema['const'] as JsonValue;
  const choices = schema['enum'];
  if (Array.isArray(choices) && choices.length > 0) return choices[0] as JsonValue;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) return mockValueForSchema(options[0], depth + 1);
  }
  switch (schemaType(schema)) {
    case 'integer':
    case 'number':
      return typeof schema['minimum'] === 'number' ? Math.max(1, Math.ceil(schema['minimum'])) : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return [];
    case 'object':
      return mockArgumentsForSchema(schema, depth + 1);
    default:
      return isRecord(schema['properties']) ? mockArgumentsForSchema(schema, depth + 1) : 'mock';
  }
}

/** The object of required properties of an object schema; `{}` for a tool without parameters. */
export function mockArgumentsForSchema(schema: unknown, depth = 0): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  if (!isRecord(schema)) return out;
  const properties = isRecord(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  for (const name of required) {
    if (typeof name === 'string') out[name] = mockValueForSchema(properties[name], depth);
  }
  return out;
}
