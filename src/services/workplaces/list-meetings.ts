import { assertWorkplaceExists, findMeetings } from '../../db/queries/workplaces';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

export async function listMeetings(ctx: ServiceContext, workplaceId: string, query: PageQuery) {
  const page = resolvePage(query);
  await assertWorkplaceExists(ctx.db, workplaceId);
  return toPage(page, await findMeetings(ctx.db, workplaceId, page));
}
