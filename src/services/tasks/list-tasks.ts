import { invalid } from '../../core/errors';
import type { ListTasksQuery } from '../../core/tasks/schemas';
import { decodeCursor, pageInfo } from '../../db/queries/records';
import { findTasks } from '../../db/queries/tasks';
import type { ServiceContext } from '../context';

/** `assignee=me&status=open` is the signed-in officer's inbox; `assignee=none` the unassigned pile. */
export async function listTasks(ctx: ServiceContext, query: ListTasksQuery) {
  const offset = query.cursor !== undefined ? decodeCursor(query.cursor) : (query.offset ?? 0);
  if (offset === undefined) throw invalid({ cursor: 'is not a cursor this server issued' });
  const { assignee, ...rest } = query;
  const assigneeId = assignee === 'me' ? ctx.actor.id : assignee === 'none' ? null : assignee;
  const { items, total } = await findTasks(ctx.db, { ...rest, assigneeId }, { limit: query.limit, offset });
  return { items, total, ...pageInfo(offset, query.limit, items.length, total) };
}
