import { assertMemberExists, findNotes } from '../../db/queries/member-records';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

export async function listNotes(ctx: ServiceContext, memberId: string, query: PageQuery) {
  await assertMemberExists(ctx.db, memberId);
  const page = resolvePage(query);
  return toPage(page, await findNotes(ctx.db, memberId, page));
}
