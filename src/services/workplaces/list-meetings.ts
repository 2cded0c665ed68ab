import { findMeetings } from '../../db/queries/workplaces';
import { assertReachableWorkplace, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

export async function listMeetings(ctx: ServiceContext, workplaceId: string, query: PageQuery) {
  const page = resolvePage(query);
  await assertReachableWorkplace(ctx.db, scopeOf(ctx), workplaceId);
  return toPage(page, await findMeetings(ctx.db, workplaceId, page));
}
