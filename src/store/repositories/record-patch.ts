// The shape of a partial update (and of a create's optional fields): any field may be left out or
// given as undefined, which both mean "keep". Null is a value: it clears a nullable field.

export type Patch<T> = { readonly [K in keyof T]?: T[K] | undefined };

/** The patch without its undefined entries, ready to spread over a complete record. */
export function definedFields<T extends object>(patch: Patch<T>): Partial<T> {
  const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
  // Each kept entry is a key of T with a non-undefined T[K], which is what Partial<T> holds.
  return Object.fromEntries(entries) as Partial<T>;
}

/** Whether the patch sets `field` (to anything but undefined). */
export function setsField<T>(patch: Patch<T>, field: keyof T): boolean {
  return patch[field] !== undefined;
}
