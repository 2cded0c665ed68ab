import type { TaskSubjectType } from '../../core/enums';
import { invalid } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { findAssignee, lockTaskSubject } from '../../db/queries/tasks';

/**
 * Checks, inside the caller's transaction, the records a task points at: the
 * assignee must be an enabled staff user, the subject must exist. Only what
 * the request changes is checked: a task already assigned to someone whose
 * account was later disabled can still be edited.
 */
export async function checkTaskReferences(
  tx: DbOrTx,
  refs: {
    assigneeId?: string | null | undefined;
    subject?: { type: TaskSubjectType; id: string } | undefined;
  },
) {
  const errors: Record<string, string> = {};
  if (refs.assigneeId) {
    const user = await findAssignee(tx, refs.assigneeId);
    if (!user) errors.assigneeId = 'does not exist';
    else if (user.disabled) errors.assigneeId = 'is a disabled account';
  }
  if (refs.subject && !(await lockTaskSubject(tx, refs.subject.type, refs.subject.id))) {
    errors.subjectId = `is not an existing ${refs.subject.type}`;
  }
  if (Object.keys(errors).length) throw invalid(errors);
}
