import { customFieldKeysOf, type SavedViewList } from '../../core/saved-views/schemas';
import type { DbOrTx } from '../../db/client';
import { findActiveCustomFieldKeys, type SavedViewRow } from '../../db/queries/saved-views';
import type { ServiceContext } from '../context';

/** The entity whose custom fields a list's `cf.<key>` params and columns name (none for tasks and demands). */
const ENTITY_OF: Record<SavedViewList, string | null> = {
  members: 'member',
  workplaces: 'workplace',
  tasks: null,
  demands: null,
};

/** A stored state's params, read defensively: only string values of a `params` object. */
function paramsOf(state: unknown): Record<string, string> {
  const params = (state as { params?: unknown } | null)?.params;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return {};
  return Object.fromEntries(
    Object.entries(params as Record<string, unknown>).filter(([, v]) => typeof v === 'string'),
  ) as Record<string, string>;
}

/**
 * Views as the API answers them: `mine`, and `missingFields` — the custom fields the view
 * names that are archived or gone (read from the custom_fields table, one query per call).
 */
export async function presentViews(db: DbOrTx, actor: ServiceContext['actor'], rows: SavedViewRow[]) {
  const active = rows.length ? await findActiveCustomFieldKeys(db) : new Map<string, Set<string>>();
  return rows.map((row) => {
    const list = row.list as SavedViewList;
    const params = paramsOf(row.state);
    const entity = ENTITY_OF[list] ?? null;
    const keys = entity ? (active.get(entity) ?? new Set<string>()) : new Set<string>();
    return {
      ...row,
      list,
      state: { params },
      mine: row.ownerId === actor.id,
      missingFields: customFieldKeysOf(params).filter((k) => !keys.has(k)),
    };
  });
}
