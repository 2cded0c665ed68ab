import { eq } from 'drizzle-orm';
import { invalid, staleVersion } from '../../core/errors';
import { completedAtFor, taskSubjectErrors, type UpdateTaskInput } from '../../core/tasks/schemas';
import { bump, definedOnly } from '../../db/queries/records';
import { findTaskById, lockTask } from '../../db/queries/tasks';
import { tasks } from '../../db/schema';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { checkTaskReferences } from './check-task-references';
import { assertMayAssign, assertSubjectReachable, visibleTask } from './task-access';

/**
 * Changes a task the actor may see (404 otherwise). An executive or rep may
 * reassign it only to themselves (403); a new subject must be within their
 * reach (404); the assignee and subject are checked together whenever either
 * changes (a rep assignee's workplaces must include the subject).
 */
export async function updateTask(ctx: ServiceContext, id: string, input: UpdateTaskInput) {
  const scope = scopeOf(ctx);
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    const current = await visibleTask(tx, scope, await lockTask(tx, id));
    const changes = definedOnly(patch);
    const merged = { ...current, ...changes };
    const assigneeChanged = merged.assigneeId !== current.assigneeId;
    if (assigneeChanged) assertMayAssign(ctx.actor, merged.assigneeId);
    if (current.version !== version) throw staleVersion(current.version);

    const errors = taskSubjectErrors(merged);
    if (Object.keys(errors).length) throw invalid(errors);
    const subjectChanged =
      merged.subjectType !== current.subjectType || merged.subjectId !== current.subjectId;
    const subject =
      merged.subjectType && merged.subjectId ? { type: merged.subjectType, id: merged.subjectId } : null;
    if (subjectChanged) await assertSubjectReachable(tx, scope, subject);
    await checkTaskReferences(tx, {
      assigneeId: merged.assigneeId,
      subject,
      assigneeChanged,
      subjectChanged,
    });

    const completedAt = completedAtFor(current.status, merged.status, ctx.now);
    await tx
      .update(tasks)
      .set({ ...changes, ...(completedAt !== undefined ? { completedAt } : {}), ...bump(tasks, ctx.now) })
      .where(eq(tasks.id, id));
    return (await findTaskById(tx, id, scope))!;
  });
}
