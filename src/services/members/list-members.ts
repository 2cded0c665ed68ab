import type { ListMembersQuery } from '../../core/members/schemas';
import { findMembers } from '../../db/queries/members';
import { organizationTodaySql } from '../../db/queries/settings';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { customFieldFilter } from '../custom-fields/custom-field-values';
import { resolvePage, toPage } from '../paging';

/**
 * Members within the actor's scope (a rep's workplaces): items, total, search and filters alike.
 * `customFieldParams`: the `cf.<key>` parameters (400 on `cf.<key>` for an unknown key or a bad value).
 */
export async function listMembers(
  ctx: ServiceContext,
  query: ListMembersQuery,
  customFieldParams?: Record<string, readonly string[]>,
) {
  const page = resolvePage(query);
  const today = organizationTodaySql(ctx.now);
  const customFields = await customFieldFilter(ctx.db, 'member', customFieldParams);
  return toPage(page, await findMembers(ctx.db, { ...query, customFields }, page, today, scopeOf(ctx)));
}
