import { PAGING_PARAMS, type SavedViewList, withoutCustomFields } from '../../../core/saved-views/schemas';

/** The param that names the saved view being shown (kept while filters change, never saved). */
export const VIEW_PARAM = 'sv';

/** Where each list lives. */
export const LIST_PATHS: Record<SavedViewList, string> = {
  members: '/members',
  workplaces: '/workplaces',
  tasks: '/tasks',
  demands: '/demands',
};

/**
 * 自分の担当だけ per list: the param `mine=1` stands for, and its value for the signed-in
 * user (members and workplaces: ownerId = the user; tasks: view=mine).
 */
export const MINE_PARAMS: Partial<Record<SavedViewList, { param: string; value: (meId: string) => string }>> =
  {
    members: { param: 'ownerId', value: (id) => id },
    workplaces: { param: 'ownerId', value: (id) => id },
    tasks: { param: 'view', value: () => 'mine' },
  };

/**
 * A list's URL params as a view keeps them: without paging and the view marker. With
 * 自分の担当だけ on (`mine=1` and the list's filter holding the signed-in user), the user's
 * id is left out: `mine=1` stands for whoever opens the view. A `mine=1` whose filter was
 * changed since is dropped instead.
 */
export function viewParamsOf(
  list: SavedViewList,
  search: URLSearchParams,
  meId: string | undefined,
): Record<string, string> {
  const params: Record<string, string> = {};
  const mine = MINE_PARAMS[list];
  const on = search.get('mine') === '1' && mine && meId && isMine(list, search, meId);
  for (const [name, value] of search) {
    if (name === VIEW_PARAM || (PAGING_PARAMS as readonly string[]).includes(name)) continue;
    if (on && name === mine.param) continue;
    if (name === 'mine' && !on) continue;
    params[name] = value;
  }
  return params;
}

/** Whether the list's filter is the signed-in user's own (tasks: my tasks is the default view). */
export function isMine(list: SavedViewList, search: URLSearchParams, meId: string): boolean {
  const mine = MINE_PARAMS[list];
  if (!mine) return false;
  const value = search.get(mine.param) ?? (list === 'tasks' ? 'mine' : null);
  return value === mine.value(meId);
}

/** The URL of a view for this user: its params without deleted fields, `mine` resolved, marked with its id. */
export function viewHref(
  view: {
    id: string;
    list: SavedViewList;
    state: { params: Record<string, string> };
    missingFields: string[];
  },
  meId: string | undefined,
): string {
  const params = new URLSearchParams(withoutCustomFields(view.state.params, view.missingFields));
  const mine = MINE_PARAMS[view.list];
  if (params.get('mine') === '1' && mine && meId) params.set(mine.param, mine.value(meId));
  params.set(VIEW_PARAM, view.id);
  return `${LIST_PATHS[view.list]}?${params}`;
}

/** Whether two param sets are the same (order aside). */
export function sameParams(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
