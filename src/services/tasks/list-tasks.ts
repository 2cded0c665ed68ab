import type { ListTasksQuery } from '../../core/tasks/schemas';
import { findTasks } from '../../db/queries/tasks';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';

/**
 * `assignee=me&status=open` is the signed-in officer's inbox; `assignee=none` the unassigned pile.
 * Only the tasks the actor may see are listed and counted (admin: all; officer: own and
 * unassigned; executive and rep: own — assigned to or created by them).
 */
export async function listTasks(ctx: ServiceContext, query: ListTasksQuery) {
  const page = resolvePage(query);
  const { assignee, ...rest } = query;
  const assigneeId = assignee === 'me' ? ctx.actor.id : assignee === 'none' ? null : assignee;
  return toPage(page, await findTasks(ctx.db, { ...rest, assigneeId }, page, scopeOf(ctx)));
}
