import type { ListDemandMembersQuery } from '../../core/demands/schemas';
import { invalid, notFound } from '../../core/errors';
import { findDemandById, findDemandMembers } from '../../db/queries/demands';
import { decodeCursor, pageInfo } from '../../db/queries/records';
import type { ServiceContext } from '../context';

/** The members who hold a demand, by workplace then kana: the list an officer takes to the table. */
export async function listDemandMembers(
  ctx: ServiceContext,
  demandId: string,
  query: ListDemandMembersQuery,
) {
  const offset = query.cursor !== undefined ? decodeCursor(query.cursor) : (query.offset ?? 0);
  if (offset === undefined) throw invalid({ cursor: 'is not a cursor this server issued' });
  if (!(await findDemandById(ctx.db, demandId))) throw notFound('Demand');
  const { items, total } = await findDemandMembers(ctx.db, demandId, query, { limit: query.limit, offset });
  return { items, total, ...pageInfo(offset, query.limit, items.length, total) };
}
