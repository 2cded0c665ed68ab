import { can, type Scope } from '../../core/access/policy';
import type { StaffRole } from '../../core/enums';
import { forbidden, notFound, outOfScope } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { assertReachableWorkplace, reachableMember } from '../access';
import type { TaskSubjectRef } from './check-task-references';

/**
 * Whether the actor may see a task: every task (admin), own and unassigned
 * ones (officer), own ones (executive, rep). Own = assigned to or created by
 * the user. The same rule as taskScopeSql in db/queries/scope.ts, for one row.
 */
export function taskVisible(scope: Scope, task: { assigneeId: string | null; createdBy: string | null }) {
  if (scope.role === 'admin') return true;
  if (task.assigneeId === scope.userId || task.createdBy === scope.userId) return true;
  return scope.role === 'officer' && task.assigneeId === null;
}

/** The task, or 404 when it is missing or (indistinguishably, but audited) not visible to the actor. */
export function visibleTask<T extends { assigneeId: string | null; createdBy: string | null }>(
  scope: Scope,
  task: T | undefined,
): T {
  if (!task) throw notFound('Task');
  if (!taskVisible(scope, task)) throw outOfScope('Task');
  return task;
}

/**
 * Roles that see only their own tasks (executive, rep) may hand a task only to
 * themselves: one they create without an assignee is assigned to them (an
 * unassigned task would land in the officers' pile), any other assignee is 403.
 */
export function assignsOnlySelf(role: StaffRole) {
  return !can(role, 'tasks.all') && !can(role, 'tasks.unassigned');
}

export function assertMayAssign(actor: { id: string; role: StaffRole }, assigneeId: string | null) {
  if (assignsOnlySelf(actor.role) && assigneeId !== actor.id) {
    throw forbidden('Your role may assign tasks only to yourself');
  }
}

/**
 * A member or workplace subject must be within the actor's reach: for a rep,
 * one outside their workplaces is a 404 exactly like a missing one. Demands
 * are readable by every role; for the other roles a missing subject is left
 * to checkTaskReferences (a 400 naming subjectId).
 */
export async function assertSubjectReachable(tx: DbOrTx, scope: Scope, subject: TaskSubjectRef | null) {
  if (!subject || scope.workplaceIds === null) return;
  if (subject.type === 'member') await reachableMember(tx, scope, subject.id);
  else if (subject.type === 'workplace') await assertReachableWorkplace(tx, scope, subject.id);
}
