import { invalid } from '../../core/errors';
import { type CreateTaskInput, completedAtFor, taskSubjectErrors } from '../../core/tasks/schemas';
import { findTaskById } from '../../db/queries/tasks';
import { tasks } from '../../db/schema';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { checkTaskReferences } from './check-task-references';
import { assertMayAssign, assertSubjectReachable, assignsOnlySelf } from './task-access';

/**
 * A manual task (ruleId null); workflow rules make theirs elsewhere. An
 * executive or rep creates tasks for themselves only (no assignee given: they
 * are the assignee; someone else: 403), about subjects they can reach (404).
 */
export async function createTask(ctx: ServiceContext, input: CreateTaskInput) {
  const scope = scopeOf(ctx);
  const assigneeId =
    input.assigneeId == null && assignsOnlySelf(ctx.actor.role) ? ctx.actor.id : (input.assigneeId ?? null);
  assertMayAssign(ctx.actor, assigneeId);

  const subjectType = input.subjectType ?? null;
  const subjectId = input.subjectId ?? null;
  const errors = taskSubjectErrors({ subjectType, subjectId });
  if (Object.keys(errors).length) throw invalid(errors);
  const subject = subjectType && subjectId ? { type: subjectType, id: subjectId } : null;

  return ctx.db.transaction(async (tx) => {
    await assertSubjectReachable(tx, scope, subject);
    await checkTaskReferences(tx, { assigneeId, subject, assigneeChanged: true, subjectChanged: true });
    const [row] = await tx
      .insert(tasks)
      .values({
        title: input.title,
        body: input.body ?? null,
        dueOn: input.dueOn ?? null,
        status: input.status,
        assigneeId,
        subjectType,
        subjectId,
        completedAt: completedAtFor(null, input.status, ctx.now) ?? null,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: tasks.id });
    if (!row) throw new Error('insert returned no row');
    return (await findTaskById(tx, row.id, scope))!;
  });
}
