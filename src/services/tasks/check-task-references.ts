import { scopeOf, workplaceInScope } from '../../core/access/policy';
import type { TaskSubjectType } from '../../core/enums';
import { invalid } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { findAssignee, lockTaskSubject } from '../../db/queries/tasks';

export type TaskSubjectRef = { type: TaskSubjectType; id: string };

/**
 * Checks, inside the caller's transaction, the records a task points at: the
 * assignee must be an enabled staff user, the subject must exist, and a task
 * about a member or workplace may only go to a rep whose workplaces include
 * it (a rep would not see its subject otherwise). Only what the request
 * changes is checked: a task already assigned to someone whose account was
 * later disabled can still be edited; the rep rule is checked whenever the
 * assignee or the subject changes, on the task as it will be.
 */
export async function checkTaskReferences(
  tx: DbOrTx,
  refs: {
    /** The task's assignee and subject after the change. */
    assigneeId: string | null;
    subject: TaskSubjectRef | null;
    assigneeChanged: boolean;
    subjectChanged: boolean;
  },
) {
  if (!refs.assigneeChanged && !refs.subjectChanged) return;
  const errors: Record<string, string> = {};
  const user = refs.assigneeId ? await findAssignee(tx, refs.assigneeId) : undefined;
  if (refs.assigneeChanged && refs.assigneeId) {
    if (!user) errors.assigneeId = 'does not exist';
    else if (user.disabled) errors.assigneeId = 'is a disabled account';
  }
  const placement = refs.subject ? await lockTaskSubject(tx, refs.subject.type, refs.subject.id) : undefined;
  if (refs.subject && !placement && refs.subjectChanged) {
    errors.subjectId = `is not an existing ${refs.subject.type}`;
  }
  if (
    !errors.assigneeId &&
    user &&
    refs.subject &&
    refs.subject.type !== 'demand' &&
    placement &&
    !workplaceInScope(scopeOf(user), placement.workplaceId)
  ) {
    errors.assigneeId = `is a workplace rep whose workplaces do not include this ${refs.subject.type}`;
  }
  if (Object.keys(errors).length) throw invalid(errors);
}
