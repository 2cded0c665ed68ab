/** JSON as the API sends it: timestamps become ISO 8601 strings. */
export type Presented<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Presented<U>[]
    : T extends object
      ? { [K in keyof T]: Presented<T[K]> }
      : T;

export function present<T>(value: T): Presented<T> {
  if (value instanceof Date) return value.toISOString() as Presented<T>;
  if (Array.isArray(value)) return value.map(present) as Presented<T>;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = present(v);
    return out as Presented<T>;
  }
  return value as Presented<T>;
}
