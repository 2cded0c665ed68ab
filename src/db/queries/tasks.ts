import { and, asc, desc, eq, getTableColumns, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { TaskSubjectType } from '../../core/enums';
import type { ListTasksQuery, TaskSort } from '../../core/tasks/schemas';
import type { DbOrTx } from '../client';
import { demands, members, tasks, users, workplaces } from '../schema';
import { likeContains } from './records';

const { onceKey: _onceKey, ...taskColumns } = getTableColumns(tasks);

/** subject_id has no foreign key (it names one of three tables), so its name is looked up by type. */
const subjectName = sql<string | null>`case ${tasks.subjectType}
  when 'member' then (select m.name from members m where m.id = ${tasks.subjectId})
  when 'workplace' then (select w.name from workplaces w where w.id = ${tasks.subjectId})
  when 'demand' then (select d.title from demands d where d.id = ${tasks.subjectId})
end`;

function selectTasks(db: DbOrTx) {
  return db
    .select({ ...taskColumns, assigneeName: users.displayName, subjectName })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId));
}

export type TaskRow = Awaited<ReturnType<typeof findTaskById>> & {};

export async function findTaskById(db: DbOrTx, id: string) {
  const rows = await selectTasks(db).where(eq(tasks.id, id));
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

export function taskFilter(query: TaskFilter): SQL | undefined {
  return and(
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

function taskOrder(sort: TaskSort): SQL[] {
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

export async function findTasks(
  db: DbOrTx,
  query: TaskFilter & { sort: TaskSort },
  page: { limit: number; offset: number },
) {
  const where = taskFilter(query);
  const [items, totals] = await Promise.all([
    selectTasks(db)
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
 * transaction, so no task is left pointing at nothing.
 */
export async function lockTaskSubject(db: DbOrTx, type: TaskSubjectType, id: string): Promise<boolean> {
  const table = subjectTables[type];
  const rows = await db.select({ id: table.id }).from(table).where(eq(table.id, id)).for('key share');
  return rows.length > 0;
}

/** A staff user a task may be assigned to; undefined when there is none. */
export async function findAssignee(db: DbOrTx, id: string) {
  const rows = await db
    .select({ id: users.id, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, id))
    .for('key share');
  return rows[0];
}
