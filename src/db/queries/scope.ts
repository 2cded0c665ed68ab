import { eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { isWorkplaceScoped, type Scope } from '../../core/access/policy';
import { STAFF_ROLES } from '../../core/enums';
import type { DbOrTx } from '../client';
import { memberCases, members, tasks, workplaces } from '../schema';

/**
 * SQL conditions that keep a query inside what the actor can reach. `undefined`
 * means "no restriction" (drizzle's and() drops it); a rep with no workplaces
 * gets a condition that is always false.
 */
export function workplaceScopeSql(scope: Scope, column: PgColumn | SQL = workplaces.id): SQL | undefined {
  if (scope.workplaceIds === null) return undefined;
  if (scope.workplaceIds.length === 0) return sql`false`;
  return sql`${column} = ANY(${sqlUuidArray(scope.workplaceIds)})`;
}

/** Members the actor may see: a rep's are those in their workplaces (none without a workplace). */
export function memberScopeSql(scope: Scope, workplaceColumn: PgColumn | SQL = members.workplaceId) {
  return workplaceScopeSql(scope, workplaceColumn);
}

/** Cases the actor may see: sensitive ones only with the `cases.sensitive` permission. */
export function caseScopeSql(scope: Scope, sensitiveColumn: PgColumn | SQL = memberCases.sensitive) {
  return scope.sensitiveCases ? undefined : sql`NOT ${sensitiveColumn}`;
}

/**
 * Tasks the actor may see: all (admin), own + unassigned (officer), own (others). Own =
 * assigned to or created by. Without `cases.sensitive`, never the follow-up task of a
 * sensitive case: its title would tell that the case exists (its once-per key,
 * `case_due_follow_up:<caseId>:<dueOn>`, names the case). A workplace-scoped role (rep)
 * never sees a task about a member or workplace outside its workplaces, even its own:
 * the title names the subject (a member who moved away, a task made before a rule
 * checked whom it assigns to).
 */
export function taskScopeSql(scope: Scope, t: typeof tasks = tasks): SQL | undefined {
  if (scope.role === 'admin') return undefined;
  const own = sql`(${t.assigneeId} = ${scope.userId} OR ${t.createdBy} = ${scope.userId})`;
  const reach = scope.role === 'officer' ? sql`(${own} OR ${t.assigneeId} IS NULL)` : own;
  const conditions = [reach];
  if (!scope.sensitiveCases) {
    conditions.push(sql`NOT (${t.ruleId} = 'case_due_follow_up' AND EXISTS (
    SELECT 1 FROM member_cases sc WHERE sc.member_id = ${t.subjectId} AND sc.sensitive
      AND sc.id::text = split_part(${t.onceKey}, ':', 2)))`);
  }
  const workplaceIn = workplaceScopeSql(scope, t.subjectId);
  if (workplaceIn) {
    const memberIn = memberScopeSql(scope, sql`sm.workplace_id`)!;
    conditions.push(sql`(${t.subjectType} IS NULL OR ${t.subjectType} = 'demand'
    OR (${t.subjectType} = 'workplace' AND ${workplaceIn})
    OR (${t.subjectType} = 'member' AND EXISTS (
      SELECT 1 FROM members sm WHERE sm.id = ${t.subjectId} AND ${memberIn})))`);
  }
  return conditions.length === 1 ? reach : sql`(${sql.join(conditions, sql` AND `)})`;
}

/** The roles whose reach is the workplaces set on the user (rep), as SQL literals. */
const workplaceScopedRoles = sql.join(
  STAFF_ROLES.filter(isWorkplaceScoped).map((r) => sql`${r}`),
  sql`, `,
);

/**
 * Whether a staff user (their id and role, e.g. the columns of a joined `users`
 * row) could NOT see a record of this workplace (a member's workplace, or the
 * workplace itself): a rep whose workplaces do not include it (none for a null
 * workplace). The rule behind who may own a member or workplace and to whom a
 * workflow rule may give a task about it. Null (not true) for a null role.
 */
export function blindToWorkplaceSql(
  userId: SQL | PgColumn,
  role: SQL | PgColumn,
  workplaceId: SQL | PgColumn,
) {
  return sql`(${role}::text IN (${workplaceScopedRoles}) AND NOT EXISTS (
    SELECT 1 FROM user_workplaces uw WHERE uw.user_id = ${userId} AND uw.workplace_id = ${workplaceId}))`;
}

/** A uuid[] parameter (one bind value, not one per id). */
export function sqlUuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/** Where a member is (for scope checks): undefined when there is no such member. */
export async function findMemberPlacement(db: DbOrTx, memberId: string) {
  const [row] = await db
    .select({ workplaceId: members.workplaceId, ownerId: members.ownerId })
    .from(members)
    .where(eq(members.id, memberId));
  return row;
}

/** Whether a workplace exists. */
export async function workplaceExists(db: DbOrTx, workplaceId: string) {
  const [row] = await db.select({ id: workplaces.id }).from(workplaces).where(eq(workplaces.id, workplaceId));
  return !!row;
}
