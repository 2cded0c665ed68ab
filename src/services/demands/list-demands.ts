import type { ListDemandsQuery } from '../../core/demands/schemas';
import { invalid } from '../../core/errors';
import { findDemands } from '../../db/queries/demands';
import { decodeCursor, pageInfo } from '../../db/queries/records';
import type { ServiceContext } from '../context';

export async function listDemands(ctx: ServiceContext, query: ListDemandsQuery) {
  const offset = query.cursor !== undefined ? decodeCursor(query.cursor) : (query.offset ?? 0);
  if (offset === undefined) throw invalid({ cursor: 'is not a cursor this server issued' });
  const { items, total } = await findDemands(ctx.db, query, { limit: query.limit, offset });
  return { items, total, ...pageInfo(offset, query.limit, items.length, total) };
}
