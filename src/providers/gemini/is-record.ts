// The plain-object check every Gemini translation step needs (JSON objects, not arrays or null).

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
