import { findEngagementHistory } from '../../db/queries/member-records';
import { reachableMember, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

/** Every engagement change of a member, the initial value first (written by the server only). */
export async function listEngagementHistory(ctx: ServiceContext, memberId: string, query: PageQuery) {
  await reachableMember(ctx.db, scopeOf(ctx), memberId);
  const page = resolvePage(query);
  return toPage(page, await findEngagementHistory(ctx.db, memberId, page));
}
