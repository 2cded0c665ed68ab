import type { ListDemandNotesQuery } from '../../core/demands/schemas';
import { invalid, notFound } from '../../core/errors';
import { findDemandById, findDemandNotes } from '../../db/queries/demands';
import { decodeCursor, pageInfo } from '../../db/queries/records';
import type { ServiceContext } from '../context';

export async function listDemandNotes(ctx: ServiceContext, demandId: string, query: ListDemandNotesQuery) {
  const offset = query.cursor !== undefined ? decodeCursor(query.cursor) : (query.offset ?? 0);
  if (offset === undefined) throw invalid({ cursor: 'is not a cursor this server issued' });
  if (!(await findDemandById(ctx.db, demandId))) throw notFound('Demand');
  const { items, total } = await findDemandNotes(ctx.db, demandId, { limit: query.limit, offset });
  return { items, total, ...pageInfo(offset, query.limit, items.length, total) };
}
