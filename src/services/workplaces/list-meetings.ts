import { findMeetings } from '../../db/queries/workplaces';
import { assertReachableWorkplace, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';
import { withAttendees } from './meeting-attendance';

/** A page of a workplace's meetings, newest first, each with who attended. */
export async function listMeetings(ctx: ServiceContext, workplaceId: string, query: PageQuery) {
  const page = resolvePage(query);
  const scope = scopeOf(ctx);
  await assertReachableWorkplace(ctx.db, scope, workplaceId);
  const { items, total } = await findMeetings(ctx.db, workplaceId, page);
  return toPage(page, { items: await withAttendees(ctx.db, items, scope), total });
}
