import { BOOKKEEPING_FIELDS } from './actions';

type Row = Record<string, unknown>;

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A stored row snapshot (column names) with the API's field names (camelCase). */
export function camelRow(row: unknown): Row | null {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return null;
  return Object.fromEntries(Object.entries(row as Row).map(([k, v]) => [camel(k), v]));
}

// jsonb keeps object keys in one canonical order, so equal values serialize equally.
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields an update changed, `{ field: { from, to } }`, leaving out the ones
 * every update bumps (updatedAt, version). Fields present on one side only count.
 */
export function changedFields(
  before: Row | null,
  after: Row | null,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if ((BOOKKEEPING_FIELDS as readonly string[]).includes(key)) continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (!same(from, to)) changes[key] = { from, to };
  }
  return changes;
}

/** A human handle for the record: its name, display name or title. */
export function recordLabelOf(row: Row | null): string | null {
  if (!row) return null;
  for (const key of ['name', 'displayName', 'title', 'organizationName']) {
    const value = row[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/**
 * A log row as the API shows it: updates as their changes only, inserts with
 * the new row, deletes with the old one.
 */
export function presentAuditChanges(action: string, rawBefore: unknown, rawAfter: unknown) {
  const before = camelRow(rawBefore);
  const after = camelRow(rawAfter);
  const recordLabel = recordLabelOf(after) ?? recordLabelOf(before);
  if (action === 'update') {
    return { recordLabel, changes: changedFields(before, after), before: null, after: null };
  }
  return { recordLabel, changes: null, before, after };
}
