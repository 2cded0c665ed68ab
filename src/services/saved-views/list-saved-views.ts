import type { SavedViewList } from '../../core/saved-views/schemas';
import { findVisibleViews } from '../../db/queries/saved-views';
import type { ServiceContext } from '../context';
import { presentViews } from './present-view';

/**
 * The views the signed-in user sees (every role may save views): their own, those shared
 * with their role, and for admins every shared view (they may delete one). Another user's
 * private view is never listed, not even its name.
 */
export async function listSavedViews(ctx: ServiceContext, query: { list?: SavedViewList | undefined }) {
  const rows = await findVisibleViews(ctx.db, ctx.actor, query.list);
  return { items: await presentViews(ctx.db, ctx.actor, rows) };
}
