import { invalid } from '../../core/errors';
import { type CreateTaskInput, completedAtFor, taskSubjectErrors } from '../../core/tasks/schemas';
import { findTaskById } from '../../db/queries/tasks';
import { tasks } from '../../db/schema';
import type { ServiceContext } from '../context';
import { checkTaskReferences } from './check-task-references';

/** A manual task (ruleId null); workflow rules make theirs elsewhere. */
export async function createTask(ctx: ServiceContext, input: CreateTaskInput) {
  const subjectType = input.subjectType ?? null;
  const subjectId = input.subjectId ?? null;
  const errors = taskSubjectErrors({ subjectType, subjectId });
  if (Object.keys(errors).length) throw invalid(errors);

  return ctx.db.transaction(async (tx) => {
    await checkTaskReferences(tx, {
      assigneeId: input.assigneeId,
      subject: subjectType && subjectId ? { type: subjectType, id: subjectId } : undefined,
    });
    const [row] = await tx
      .insert(tasks)
      .values({
        title: input.title,
        body: input.body ?? null,
        dueOn: input.dueOn ?? null,
        status: input.status,
        assigneeId: input.assigneeId ?? null,
        subjectType,
        subjectId,
        completedAt: completedAtFor(null, input.status, ctx.now) ?? null,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: tasks.id });
    if (!row) throw new Error('insert returned no row');
    return (await findTaskById(tx, row.id))!;
  });
}
