// Builds objects whose optional properties are absent rather than `undefined`, as the
// configuration types require (exactOptionalPropertyTypes). Nothing else.

/** `{ [key]: value }`, or nothing when the value is absent; spread it into an object literal. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
