import { findNotes } from '../../db/queries/member-records';
import { reachableMember, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

/** A member's notes; 404 when the member is missing or outside the actor's scope. */
export async function listNotes(ctx: ServiceContext, memberId: string, query: PageQuery) {
  await reachableMember(ctx.db, scopeOf(ctx), memberId);
  const page = resolvePage(query);
  return toPage(page, await findNotes(ctx.db, memberId, page));
}
