/** Deep equality for plain settings data, whatever order an object's keys come in. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The fields the form changed from what it was loaded with: what a save sends, so it cannot undo anyone else's change. */
export function changedFields<T extends object>(values: T, loaded: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([field, value]) => !same(value, loaded[field as keyof T]))) as Partial<T>;
}

/** A change heard while the form is open: fields the user has not touched take the new value, edited ones stay. */
export function rebased<T extends object>(values: T, loaded: T, heard: T): T {
  const next = { ...heard };
  for (const [field, value] of Object.entries(changedFields(values, loaded))) (next as Record<string, unknown>)[field] = value;
  return next;
}
