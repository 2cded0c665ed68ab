import { and, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { BulkTaskFilter } from '../../core/bulk/schemas';
import type { Engagement, NoteChannel, StaffRole } from '../../core/enums';
import type { ListWorkplacesQuery } from '../../core/workplaces/schemas';
import type { DbOrTx } from '../client';
import { auditLog, members, tasks, workplaces } from '../schema';
import { rowsOf } from './records';
import { blindToWorkplaceSql, sqlUuidArray, taskScopeSql, workplaceScopeSql } from './scope';
import { taskFilter } from './tasks';
import { workplaceFilter } from './workplaces';

// Bulk actions (issue 17): each is one or two set-based statements over a selection, a
// condition over `members`, `workplaces` or `tasks` that already holds the actor's scope. The selected rows
// are locked as they are read (FOR UPDATE for a change, FOR KEY SHARE for rows hung under a
// member), so a concurrent single edit waits or is waited for, and each statement answers how
// many rows the selection held beside how many it changed (the rest are `skipped`).

const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;

/** A staff user as a possible owner or assignee: whether they could see a record of this workplace. */
export type Holder = { id: string; role: StaffRole };

function seesSql(holder: Holder | null, workplaceId: SQL): SQL {
  if (!holder) return sql`true`;
  return sql`not coalesce(${blindToWorkplaceSql(sql`${holder.id}::uuid`, sql`${holder.role}`, workplaceId)}, false)`;
}

type Counted = { selected: number; changed: number };

function counted(result: unknown): Counted {
  const [row] = rowsOf<{ selected: number; changed: number }>(result);
  return { selected: Number(row?.selected ?? 0), changed: Number(row?.changed ?? 0) };
}

/**
 * What a bulk owner change or task creation acts on: members (their workplace decides who
 * may see them) or workplaces (themselves). Fixed names only, never input.
 */
export type BulkEntity = 'member' | 'workplace';

const ENTITY = {
  member: { table: members, name: sql.raw('members'), workplace: members.workplaceId },
  workplace: { table: workplaces, name: sql.raw('workplaces'), workplace: workplaces.id },
} as const;

/**
 * Sets the owner (担当者) of the selected members or workplaces whose owner differs and whom
 * the new owner can see (a rep owner: their workplaces only); bumps version and updatedAt of
 * each changed row.
 */
export async function setOwnerWhere(
  tx: DbOrTx,
  entity: BulkEntity,
  selection: SQL | undefined,
  owner: Holder | null,
  now: Date,
): Promise<Counted> {
  const { table, name, workplace } = ENTITY[entity];
  return counted(
    await tx.execute(sql`
      with sel as (
        select ${table.id} as id, ${table.ownerId} as owner_id, ${workplace} as workplace_id
          from ${table} where ${selection ?? sql`true`}
         for update of ${table}),
      upd as (
        update ${name} r set owner_id = ${owner?.id ?? null}::uuid, version = r.version + 1, updated_at = ${at(now)}
          from sel
         where r.id = sel.id and sel.owner_id is distinct from ${owner?.id ?? null}::uuid
           and ${seesSql(owner, sql`sel.workplace_id`)}
        returning 1)
      select (select count(*)::int from sel) as selected, (select count(*)::int from upd) as changed`),
  );
}

/** One engagement change a bulk request made: the history row that records it. */
export type EngagementChange = { memberId: string; historyId: string; from: Engagement | null };

/**
 * Sets the engagement of the selected members whose engagement differs, writes one
 * engagement_history row per member changed (the one reason), bumps each member's version.
 * Answers the selection's size and each change (for the at-risk follow-up).
 */
export async function setMembersEngagementWhere(
  tx: DbOrTx,
  selection: SQL | undefined,
  change: { engagement: Engagement; reason: string; actorId: string; now: Date },
): Promise<{ selected: number; changes: EngagementChange[] }> {
  const to = sql`${change.engagement}::engagement`;
  const [row] = rowsOf<{ selected: number; changes: [string, string, Engagement | null][] | null }>(
    await tx.execute(sql`
      with sel as (
        select ${members.id} as id, ${members.engagement} as engagement
          from ${members} where ${selection ?? sql`true`}
         for update of ${members}),
      upd as (
        update members m set engagement = ${to}, version = m.version + 1, updated_at = ${at(change.now)}
          from sel
         where m.id = sel.id and sel.engagement is distinct from ${to}
        returning m.id, sel.engagement as old),
      hist as (
        insert into engagement_history (member_id, "from", "to", changed_at, changed_by, reason)
        select upd.id, upd.old, ${to}, ${at(change.now)}, ${change.actorId}::uuid, ${change.reason}
          from upd
        returning id, member_id, "from")
      select (select count(*)::int from sel) as selected,
             (select json_agg(json_build_array(member_id, id, "from")) from hist) as changes`),
  );
  return {
    selected: Number(row?.selected ?? 0),
    changes: (row?.changes ?? []).map(([memberId, historyId, from]) => ({ memberId, historyId, from })),
  };
}

/** Adds the same note to each selected member (the author is the actor). */
export async function insertNotesWhere(
  tx: DbOrTx,
  selection: SQL | undefined,
  note: { occurredOn: string; channel: NoteChannel; body: string; authorId: string; now: Date },
): Promise<Counted> {
  return counted(
    await tx.execute(sql`
      with sel as (
        select ${members.id} as id from ${members} where ${selection ?? sql`true`}
         for key share of ${members}),
      ins as (
        insert into member_notes (member_id, occurred_on, channel, body, author_id, created_at, updated_at)
        select sel.id, ${note.occurredOn}::date, ${note.channel}::note_channel, ${note.body},
               ${note.authorId}::uuid, ${at(note.now)}, ${at(note.now)}
          from sel
        returning 1)
      select (select count(*)::int from sel) as selected, (select count(*)::int from ins) as changed`),
  );
}

/**
 * Creates one manual task about each selected member or workplace that the assignee can see
 * (a rep assignee: their workplaces and their members; the others are skipped).
 */
export async function insertSubjectTasksWhere(
  tx: DbOrTx,
  entity: BulkEntity,
  selection: SQL | undefined,
  task: {
    title: string;
    body: string | null;
    dueOn: string | null;
    assignee: Holder | null;
    createdBy: string;
    now: Date;
  },
): Promise<Counted> {
  const { table, workplace } = ENTITY[entity];
  return counted(
    await tx.execute(sql`
      with sel as (
        select ${table.id} as id, ${workplace} as workplace_id
          from ${table} where ${selection ?? sql`true`}
         for key share of ${table}),
      ins as (
        insert into tasks (title, body, due_on, status, assignee_id, subject_type, subject_id,
                           created_by, created_at, updated_at)
        select ${task.title}, ${task.body}, ${task.dueOn}::date, 'open'::task_status,
               ${task.assignee?.id ?? null}::uuid, ${entity}::task_subject_type, sel.id,
               ${task.createdBy}::uuid, ${at(task.now)}, ${at(task.now)}
          from sel
         where ${seesSql(task.assignee, sql`sel.workplace_id`)}
        returning 1)
      select (select count(*)::int from sel) as selected, (select count(*)::int from ins) as changed`),
  );
}

// ---------------------------------------------------------------- workplaces

/**
 * The workplaces a bulk request names (ids, or the workplace list's filters with the custom
 * fields' containment already parsed) within the actor's scope (a rep: their workplaces).
 */
export function selectedWorkplacesSql(
  input: { workplaceIds?: string[] | undefined; filter?: Partial<ListWorkplacesQuery> | undefined },
  customFields: Record<string, unknown> | null,
  scope: Scope,
): SQL | undefined {
  const chosen = input.workplaceIds
    ? sql`${workplaces.id} = ANY(${sqlUuidArray([...new Set(input.workplaceIds)])})`
    : workplaceFilter({ ...input.filter, customFields });
  return and(chosen, workplaceScopeSql(scope));
}

// ---------------------------------------------------------------- tasks

/**
 * The tasks a bulk request names (ids, or the task list's filters with `assignee` resolved)
 * among those the actor may see (taskScopeSql, the rule of every task list).
 */
export function selectedTasksSql(
  input: { taskIds?: string[] | undefined; filter?: BulkTaskFilter | undefined },
  scope: Scope,
  actorId: string,
): SQL | undefined {
  if (input.taskIds) {
    return and(sql`${tasks.id} = ANY(${sqlUuidArray([...new Set(input.taskIds)])})`, taskScopeSql(scope));
  }
  const { assignee, ...rest } = input.filter ?? {};
  const assigneeId = assignee === 'me' ? actorId : assignee === 'none' ? null : assignee;
  return taskFilter({ ...rest, ...(assignee !== undefined ? { assigneeId } : {}) }, scope);
}

/** Where a task's subject is: a member's workplace, a workplace itself (null otherwise). */
const subjectWorkplaceSql = sql`case sel.subject_type
  when 'member' then (select sm.workplace_id from members sm where sm.id = sel.subject_id)
  when 'workplace' then sel.subject_id end`;

export type TaskChange =
  | { kind: 'complete' }
  | { kind: 'reopen' }
  | { kind: 'reassign'; assignee: Holder | null }
  | { kind: 'set_due'; dueOn: string | null };

/**
 * Changes the selected tasks in one statement: complete (open → done, completedAt now), reopen
 * (done → open, completedAt cleared), reassign or set_due (open tasks whose value differs; a
 * rep assignee only for tasks whose member or workplace they can see). Each changed row's
 * version is bumped. Answers the selection's size and the ids changed.
 */
export async function changeTasksWhere(
  tx: DbOrTx,
  selection: SQL | undefined,
  change: TaskChange,
  now: Date,
): Promise<{ selected: number; ids: string[] }> {
  let set: SQL;
  let when: SQL;
  switch (change.kind) {
    case 'complete':
      set = sql`status = 'done', completed_at = ${at(now)}`;
      when = sql`sel.status = 'open'`;
      break;
    case 'reopen':
      set = sql`status = 'open', completed_at = null`;
      when = sql`sel.status = 'done'`;
      break;
    case 'reassign': {
      const id = sql`${change.assignee?.id ?? null}::uuid`;
      set = sql`assignee_id = ${id}`;
      when = sql`sel.status = 'open' and sel.assignee_id is distinct from ${id}
        and (sel.subject_type is null or sel.subject_type = 'demand'
             or ${seesSql(change.assignee, subjectWorkplaceSql)})`;
      break;
    }
    case 'set_due': {
      const due = sql`${change.dueOn}::date`;
      set = sql`due_on = ${due}`;
      when = sql`sel.status = 'open' and sel.due_on is distinct from ${due}`;
      break;
    }
  }
  const [row] = rowsOf<{ selected: number; ids: string[] | null }>(
    await tx.execute(sql`
      with sel as (
        select ${tasks.id} as id, ${tasks.status} as status, ${tasks.assigneeId} as assignee_id,
               ${tasks.dueOn} as due_on, ${tasks.subjectType} as subject_type, ${tasks.subjectId} as subject_id
          from ${tasks} where ${selection ?? sql`true`}
         for update of ${tasks}),
      upd as (
        update tasks t set ${set}, version = t.version + 1, updated_at = ${at(now)}
          from sel
         where t.id = sel.id and ${when}
        returning t.id)
      select (select count(*)::int from sel) as selected,
             (select json_agg(id) from upd) as ids`),
  );
  return { selected: Number(row?.selected ?? 0), ids: row?.ids ?? [] };
}

// ---------------------------------------------------------------- idempotency

/**
 * Serializes requests carrying the same Idempotency-Key from the same user (transaction-local
 * advisory lock), then answers the audit event an earlier one left within the last day, if any.
 */
export async function findIdempotentEvent(
  tx: DbOrTx,
  p: { actorId: string; action: string; key: string; now: Date },
): Promise<Record<string, unknown> | undefined> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`bulk:${p.actorId}:${p.key}`}, 0))`);
  const since = new Date(p.now.getTime() - 24 * 60 * 60 * 1000);
  const rows = await tx
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(
      and(
        sql`${auditLog.actorId} = ${p.actorId}::uuid`,
        sql`${auditLog.at} >= ${since.toISOString()}::timestamptz`,
        sql`${auditLog.action} = ${p.action}`,
        sql`${auditLog.details}->>'idempotencyKey' = ${p.key}`,
      ),
    )
    .limit(1);
  return (rows[0]?.details as Record<string, unknown> | null | undefined) ?? undefined;
}
