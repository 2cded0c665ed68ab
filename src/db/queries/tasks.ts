import { and, asc, desc, eq, getTableColumns, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { StaffRole, TaskSubjectType } from '../../core/enums';
import type { ListTasksQuery, TaskSort } from '../../core/tasks/schemas';
import type { DbOrTx } from '../client';
import { demands, members, tasks, users, workplaces } from '../schema';
import { likeContains } from './records';
import { taskScopeSql, workplaceScopeSql } from './scope';

const { onceKey: _onceKey, ...taskColumns } = getTableColumns(tasks);

/**
 * subject_id has no foreign key (it names one of three tables), so its name is
 * looked up by type. A member or workplace outside the actor's workplaces is
 * not named (taskScopeSql already leaves such tasks out of a rep's lists; this
 * holds for any other reader). No scope: every name (the workflow sweep's own results).
 */
function subjectNameSql(scope: Scope | undefined) {
  const memberIn = scope ? workplaceScopeSql(scope, sql`m.workplace_id`) : undefined;
  const workplaceIn = scope ? workplaceScopeSql(scope, sql`w.id`) : undefined;
  return sql<string | null>`case ${tasks.subjectType}
  when 'member' then (select m.name from members m where m.id = ${tasks.subjectId}${memberIn ? sql` and ${memberIn}` : sql``})
  when 'workplace' then (select w.name from workplaces w where w.id = ${tasks.subjectId}${workplaceIn ? sql` and ${workplaceIn}` : sql``})
  when 'demand' then (select d.title from demands d where d.id = ${tasks.subjectId})
end`;
}

export function selectTasks(db: DbOrTx, scope?: Scope) {
  return db
    .select({ ...taskColumns, assigneeName: users.displayName, subjectName: subjectNameSql(scope) })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId));
}

export type TaskRow = Awaited<ReturnType<typeof findTaskById>> & {};

/** One task in the API shape, whether or not the actor may see it (the service checks); undefined when missing. */
export async function findTaskById(db: DbOrTx, id: string, scope?: Scope) {
  const rows = await selectTasks(db, scope).where(eq(tasks.id, id));
  return rows[0];
}

/** Whether the actor may see the task (taskScopeSql, the rule of every task list); the caller found it. */
export async function taskInScope(db: DbOrTx, scope: Scope, id: string) {
  const where = taskScopeSql(scope);
  if (!where) return true;
  const rows = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.id, id), where));
  return rows.length > 0;
}

/** Locks a task for a change (the caller checks visibility, then the version); undefined when missing. */
export async function lockTask(tx: DbOrTx, id: string) {
  const rows = await tx.select().from(tasks).where(eq(tasks.id, id)).for('update');
  return rows[0];
}

/** Several tasks in the list shape (what a workflow run made), earliest due first. */
export async function findTasksByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return (
    selectTasks(db)
      // One array parameter, not one per id: a first sweep may create thousands.
      .where(sql`${tasks.id} = any(${`{${ids.join(',')}}`}::uuid[])`)
      .orderBy(sql`${tasks.dueOn} asc nulls last`, asc(tasks.ruleId), asc(tasks.title), asc(tasks.id))
  );
}

export type TaskFilter = Omit<Partial<ListTasksQuery>, 'assignee'> & {
  /** A user id, or null for unassigned tasks; `me` is resolved by the service. */
  assigneeId?: string | null | undefined;
};

/** The list filters, within the tasks the actor may see when a scope is given. */
export function taskFilter(query: TaskFilter, scope?: Scope): SQL | undefined {
  return and(
    scope ? taskScopeSql(scope) : undefined,
    query.q ? sql`${tasks.title} ilike ${likeContains(query.q)}` : undefined,
    query.status ? eq(tasks.status, query.status) : undefined,
    query.assigneeId === null
      ? isNull(tasks.assigneeId)
      : query.assigneeId
        ? eq(tasks.assigneeId, query.assigneeId)
        : undefined,
    query.subjectType ? eq(tasks.subjectType, query.subjectType) : undefined,
    query.subjectId ? eq(tasks.subjectId, query.subjectId) : undefined,
    query.ruleId ? eq(tasks.ruleId, query.ruleId) : undefined,
    query.dueBefore ? lte(tasks.dueOn, query.dueBefore) : undefined,
  );
}

export function taskOrder(sort: TaskSort): SQL[] {
  switch (sort) {
    case '-dueOn':
      return [sql`${tasks.dueOn} desc nulls last`, desc(tasks.createdAt), asc(tasks.id)];
    case 'createdAt':
      return [asc(tasks.createdAt), asc(tasks.id)];
    case '-createdAt':
      return [desc(tasks.createdAt), asc(tasks.id)];
    case 'updatedAt':
      return [asc(tasks.updatedAt), asc(tasks.id)];
    case '-updatedAt':
      return [desc(tasks.updatedAt), asc(tasks.id)];
    default:
      return [sql`${tasks.dueOn} asc nulls last`, asc(tasks.createdAt), asc(tasks.id)];
  }
}

/** A page of the tasks the actor may see (items and total under the same conditions). */
export async function findTasks(
  db: DbOrTx,
  query: TaskFilter & { sort: TaskSort },
  page: { limit: number; offset: number },
  scope: Scope,
) {
  const where = taskFilter(query, scope);
  const [items, totals] = await Promise.all([
    selectTasks(db, scope)
      .where(where)
      .orderBy(...taskOrder(query.sort))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(tasks).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

const subjectTables = { member: members, workplace: workplaces, demand: demands } as const;

/**
 * Checks that a task's subject exists and key-share locks it: a concurrent
 * deletion of the member (which deletes the tasks about them) waits for this
 * transaction, so no task is left pointing at nothing. Answers where the
 * subject is (a member's workplace, a workplace itself; null for a demand),
 * or undefined when there is no such record.
 */
export async function lockTaskSubject(
  db: DbOrTx,
  type: TaskSubjectType,
  id: string,
): Promise<{ workplaceId: string | null } | undefined> {
  if (type === 'member') {
    const rows = await db
      .select({ workplaceId: members.workplaceId })
      .from(members)
      .where(eq(members.id, id))
      .for('key share');
    return rows[0];
  }
  const table = subjectTables[type];
  const rows = await db.select({ id: table.id }).from(table).where(eq(table.id, id)).for('key share');
  if (!rows[0]) return undefined;
  return { workplaceId: type === 'workplace' ? rows[0].id : null };
}

/** A staff user a task may be assigned to, with their role and (a rep's) workplaces; undefined when there is none. */
export async function findAssignee(
  db: DbOrTx,
  id: string,
): Promise<{ id: string; disabled: boolean; role: StaffRole; workplaceIds: string[] } | undefined> {
  const rows = await db
    .select({
      id: users.id,
      disabled: users.disabled,
      role: users.role,
      workplaceIds: sql<string[]>`coalesce((select array_agg(uw.workplace_id::text) from user_workplaces uw
        where uw.user_id = ${users.id}), '{}'::text[])`,
    })
    .from(users)
    .where(eq(users.id, id))
    .for('key share');
  return rows[0];
}
