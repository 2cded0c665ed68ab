import type { TaskBulkInput, TaskBulkResult } from '../../core/bulk/schemas';
import { invalid } from '../../core/errors';
import { insertAuditEvents } from '../../db/queries/audit';
import { changeTasksWhere, selectedTasksSql, type TaskChange } from '../../db/queries/bulk';
import { findAssignee } from '../../db/queries/tasks';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { assertMayAssign } from '../tasks/task-access';
import { replayOf } from './idempotency';

const AUDIT_ACTION = 'bulk_tasks';

/**
 * One bulk action on the tasks a request names (ids, or the task list's filters) among those
 * the actor may see (taskScopeSql; others are skipped without saying which), in one
 * transaction and one statement; the rules of PATCH /tasks/{id}:
 *
 * - complete: open tasks become done (completedAt now); `reopen` undoes it for the ids answered.
 * - reassign: open tasks go to `assigneeId` (an enabled user, 400 otherwise; an executive or rep
 *   only to themselves, 403); a rep assignee gets only tasks whose member or workplace they
 *   can see, the others are skipped. Done tasks keep who did them.
 * - set_due: open tasks get `dueOn` (null clears it).
 *
 * Tasks already so are skipped; every action is idempotent by nature, and an `Idempotency-Key`
 * replays the first answer's counts. Each changed row is audited by the triggers, the request
 * by one `bulk_tasks` event with its counts.
 */
export async function bulkChangeTasks(
  ctx: ServiceContext,
  input: TaskBulkInput,
  idempotencyKey?: string,
): Promise<TaskBulkResult> {
  if (input.action === 'reassign') assertMayAssign(ctx.actor, input.assigneeId ?? null);
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { requestHash, earlier } = await replayOf(tx, {
      actorId: ctx.actor.id,
      action: AUDIT_ACTION,
      key: idempotencyKey,
      now: ctx.now,
      input,
    });
    if (earlier) {
      return {
        changed: Number(earlier.changed ?? 0),
        skipped: Number(earlier.skipped ?? 0),
        replayed: true,
        taskIds: [],
      };
    }
    let change: TaskChange;
    switch (input.action) {
      case 'reassign': {
        let assignee = null;
        if (input.assigneeId) {
          const user = await findAssignee(tx, input.assigneeId);
          if (!user) throw invalid({ assigneeId: 'does not exist' });
          if (user.disabled) throw invalid({ assigneeId: 'is a disabled account' });
          assignee = { id: user.id, role: user.role };
        }
        change = { kind: 'reassign', assignee };
        break;
      }
      case 'set_due':
        change = { kind: 'set_due', dueOn: input.dueOn ?? null };
        break;
      default:
        change = { kind: input.action };
    }
    const { selected, ids } = await changeTasksWhere(
      tx,
      selectedTasksSql(input, scope, ctx.actor.id),
      change,
      ctx.now,
    );
    const changed = ids.length;
    const skipped = selected - changed;
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: AUDIT_ACTION,
        tableName: 'tasks',
        details: {
          action: input.action,
          changed,
          skipped,
          ...(input.taskIds
            ? { selection: 'ids', requested: new Set(input.taskIds).size }
            : { selection: 'filter' }),
          ...(input.action === 'reassign' ? { assigneeId: input.assigneeId ?? null } : {}),
          ...(input.action === 'set_due' ? { dueOn: input.dueOn ?? null } : {}),
          ...(idempotencyKey ? { idempotencyKey, requestHash } : {}),
        },
      },
    ]);
    return { changed, skipped, replayed: false, taskIds: ids };
  });
}
