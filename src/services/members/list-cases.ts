import { assertMemberExists, findCases } from '../../db/queries/member-records';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

export async function listCases(ctx: ServiceContext, memberId: string, query: PageQuery) {
  await assertMemberExists(ctx.db, memberId);
  const page = resolvePage(query);
  return toPage(page, await findCases(ctx.db, memberId, page));
}
