import { can, type Scope } from '../../core/access/policy';
import type { StaffRole } from '../../core/enums';
import { forbidden, notFound, outOfScope } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { taskInScope } from '../../db/queries/tasks';
import { assertReachableWorkplace, reachableMember } from '../access';
import type { TaskSubjectRef } from './check-task-references';

/**
 * The task, or 404 when it is missing or (indistinguishably, but audited) not visible
 * to the actor: every task (admin), own and unassigned ones (officer), own ones
 * (executive, rep; own = assigned to or created by the user), less a sensitive case's
 * follow-up without `cases.sensitive` and, for a rep, tasks about members and
 * workplaces outside their workplaces. Decided by taskScopeSql, as in the lists.
 */
export async function visibleTask<T extends { id: string }>(db: DbOrTx, scope: Scope, task: T | undefined) {
  if (!task) throw notFound('Task');
  if (!(await taskInScope(db, scope, task.id))) throw outOfScope('Task');
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
