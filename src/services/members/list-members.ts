import { invalid } from '../../core/errors';
import type { ListMembersQuery } from '../../core/members/schemas';
import { findMembers } from '../../db/queries/members';
import { decodeCursor, pageInfo } from '../../db/queries/records';
import { organizationToday, type ServiceContext } from '../context';

export async function listMembers(ctx: ServiceContext, query: ListMembersQuery) {
  const offset = query.cursor !== undefined ? decodeCursor(query.cursor) : (query.offset ?? 0);
  if (offset === undefined) throw invalid({ cursor: 'is not a cursor this server issued' });
  const today = await organizationToday(ctx.db, ctx.now);
  const { items, total } = await findMembers(ctx.db, query, { limit: query.limit, offset }, today);
  return { items, total, ...pageInfo(offset, query.limit, items.length, total) };
}
