import type { ListMembersQuery } from '../../core/members/schemas';
import { findMembers } from '../../db/queries/members';
import { organizationTodaySql } from '../../db/queries/settings';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';

/** Members within the actor's scope (a rep's workplaces): items, total, search and filters alike. */
export async function listMembers(ctx: ServiceContext, query: ListMembersQuery) {
  const page = resolvePage(query);
  const today = organizationTodaySql(ctx.now);
  return toPage(page, await findMembers(ctx.db, query, page, today, scopeOf(ctx)));
}
