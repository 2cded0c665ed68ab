import { assertMemberExists, findEngagementHistory } from '../../db/queries/member-records';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

/** Every engagement change of a member, the initial value first (written by the server only). */
export async function listEngagementHistory(ctx: ServiceContext, memberId: string, query: PageQuery) {
  await assertMemberExists(ctx.db, memberId);
  const page = resolvePage(query);
  return toPage(page, await findEngagementHistory(ctx.db, memberId, page));
}
