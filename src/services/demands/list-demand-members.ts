import type { ListDemandMembersQuery } from '../../core/demands/schemas';
import { notFound } from '../../core/errors';
import { demandExists, findDemandMembers } from '../../db/queries/demands';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';

/**
 * The members who hold a demand, by workplace then kana: the list an officer takes to the table.
 * A rep sees only the members of their workplaces (items, total and the workplace filter alike).
 */
export async function listDemandMembers(
  ctx: ServiceContext,
  demandId: string,
  query: ListDemandMembersQuery,
) {
  const page = resolvePage(query);
  if (!(await demandExists(ctx.db, demandId))) throw notFound('Demand');
  return toPage(page, await findDemandMembers(ctx.db, demandId, query, page, scopeOf(ctx)));
}
