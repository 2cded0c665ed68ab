import { eq } from 'drizzle-orm';
import { invalid } from '../../core/errors';
import { completedAtFor, taskSubjectErrors, type UpdateTaskInput } from '../../core/tasks/schemas';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { findTaskById } from '../../db/queries/tasks';
import { tasks } from '../../db/schema';
import type { ServiceContext } from '../context';
import { checkTaskReferences } from './check-task-references';

export async function updateTask(ctx: ServiceContext, id: string, input: UpdateTaskInput) {
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    const current = await lockVersioned(tx, tasks, id, version, 'Task');
    const changes = definedOnly(patch);
    const merged = { ...current, ...changes };
    const errors = taskSubjectErrors(merged);
    if (Object.keys(errors).length) throw invalid(errors);

    const subjectChanged =
      merged.subjectType !== current.subjectType || merged.subjectId !== current.subjectId;
    await checkTaskReferences(tx, {
      assigneeId: merged.assigneeId !== current.assigneeId ? merged.assigneeId : undefined,
      subject:
        subjectChanged && merged.subjectType && merged.subjectId
          ? { type: merged.subjectType, id: merged.subjectId }
          : undefined,
    });
    const completedAt = completedAtFor(current.status, merged.status, ctx.now);
    await tx
      .update(tasks)
      .set({ ...changes, ...(completedAt !== undefined ? { completedAt } : {}), ...bump(tasks, ctx.now) })
      .where(eq(tasks.id, id));
    return (await findTaskById(tx, id))!;
  });
}
