import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { auditLog } from '../schema';
import { rowsOf } from './records';

/** An event the services record themselves (table writes are recorded by triggers). */
export type AuditEvent = {
  at: Date;
  actorId: string | null;
  /** sign_in | sign_in_failed | sign_out | denied | read_sensitive | export | handover … */
  action: string;
  tableName?: string | null;
  recordId?: string | null;
  subjectId?: string | null;
  details?: Record<string, unknown> | null;
};

/** Appends events to the audit log in one statement. */
export async function insertAuditEvents(db: DbOrTx, events: readonly AuditEvent[]) {
  if (!events.length) return;
  await db.insert(auditLog).values(
    events.map((e) => ({
      at: e.at,
      actorId: e.actorId,
      action: e.action,
      tableName: e.tableName ?? null,
      recordId: e.recordId ?? null,
      subjectId: e.subjectId ?? null,
      details: e.details ?? null,
    })),
  );
}

/** What the audit trail can be filtered by (all optional, combined with AND). */
export type AuditFilter = {
  actorId?: string | undefined;
  /** Matches the record itself or what it belongs to (`record_id` or `subject_id`). */
  recordId?: string | undefined;
  action?: string | undefined;
  tableName?: string | undefined;
  from?: Date | undefined;
  to?: { at: Date; inclusive: boolean } | undefined;
};

/** A position in the newest-first order: the `at` (exact, microseconds) and `id` of the last row read. */
export type AuditKey = { at: string; id: number };

function auditConditions(filter: AuditFilter): SQL | undefined {
  return and(
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    filter.recordId
      ? or(eq(auditLog.recordId, filter.recordId), eq(auditLog.subjectId, filter.recordId))
      : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.tableName ? eq(auditLog.tableName, filter.tableName) : undefined,
    filter.from ? sql`${auditLog.at} >= ${filter.from.toISOString()}::timestamptz` : undefined,
    filter.to
      ? filter.to.inclusive
        ? sql`${auditLog.at} <= ${filter.to.at.toISOString()}::timestamptz`
        : sql`${auditLog.at} < ${filter.to.at.toISOString()}::timestamptz`
      : undefined,
  );
}

/** A uuid held as text (record and subject ids are text: settings' is `1`), or null. */
const uuidOf = (column: SQL) =>
  sql`case when ${column} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${column}::uuid end`;

/** The kinds of record that have a name of their own: a missing one was deleted since. */
export const NAMED_AUDIT_TABLES = [
  'members',
  'member_cases',
  'workplaces',
  'demands',
  'tasks',
  'users',
  'bargaining_seasons',
] as const;

export type AuditRow = {
  id: number;
  at: Date;
  atKey: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  tableName: string | null;
  recordId: string | null;
  subjectId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  /** The record's name now (member name, case title, workplace name, demand title, task title, user). */
  recordName: string | null;
  /** The name now of what the record belongs to (a note's member, a meeting's workplace …). */
  subjectName: string | null;
  /** A record of a named kind that no longer exists. */
  recordDeleted: boolean;
  /** What the record belonged to no longer exists. */
  subjectDeleted: boolean;
};

/**
 * One page of the audit trail, newest first, after `after` (keyset paging on
 * (at, id), in the order of `audit_log_at_idx`). `atKey` is `at` to the
 * microsecond, for the next cursor. With the actor's display name and, in the
 * same statement, the current names of the record and of what it belongs to:
 * the page is chosen first, then each of its rows is joined by primary key
 * (a fixed number of index lookups per row, never a query per row).
 */
export async function listAuditRows(
  db: DbOrTx,
  filter: AuditFilter,
  limit: number,
  after?: AuditKey,
): Promise<AuditRow[]> {
  const where = and(
    auditConditions(filter),
    after
      ? sql`(${auditLog.at}, ${auditLog.id}) < (${after.at}::timestamptz, ${after.id}::bigint)`
      : undefined,
  );
  const named = sql.join(
    NAMED_AUDIT_TABLES.map((t) => sql`${t}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    with page as (
      select id, at, actor_id, action, table_name, record_id, subject_id, before, after, details,
             ${uuidOf(sql`record_id`)} as rid, ${uuidOf(sql`subject_id`)} as sid
        from audit_log
       where ${where ?? sql`true`}
       order by at desc nulls last, id desc nulls last
       limit ${limit}::int
    ), named as (
      select p.*,
             coalesce(rm.name, rc.title, rw.name, rd.title, rt.title, ru.display_name, rs.name) as record_name,
             case when p.sid is distinct from p.rid
                  then coalesce(sm.name, sc.title, sw.name, sd.title, su.display_name) end as subject_name,
             (p.rid is not null and (rm.id is null and rc.id is null and rw.id is null and rd.id is null
               and rt.id is null and ru.id is null and rs.id is null)) as record_missing,
             (p.sid is not null and p.sid is distinct from p.rid and (sm.id is null and sc.id is null
               and sw.id is null and sd.id is null and su.id is null)) as subject_missing
        from page p
        left join members rm on rm.id = p.rid
        left join member_cases rc on rc.id = p.rid
        left join workplaces rw on rw.id = p.rid
        left join demands rd on rd.id = p.rid
        left join tasks rt on rt.id = p.rid
        left join users ru on ru.id = p.rid
        left join bargaining_seasons rs on rs.id = p.rid
        left join members sm on sm.id = p.sid
        left join member_cases sc on sc.id = p.sid
        left join workplaces sw on sw.id = p.sid
        left join demands sd on sd.id = p.sid
        left join users su on su.id = p.sid
    )
    select n.id::text as id, n.at,
           to_char(n.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "atKey",
           n.actor_id as "actorId", u.display_name as "actorName", n.action, n.table_name as "tableName",
           n.record_id as "recordId", n.subject_id as "subjectId", n.before, n.after, n.details,
           n.record_name as "recordName", n.subject_name as "subjectName",
           (n.record_missing and n.table_name in (${named})) as "recordDeleted",
           (n.subject_missing and n.action <> 'denied') as "subjectDeleted"
      from named n
      left join users u on u.id = n.actor_id
     order by n.at desc nulls last, n.id desc nulls last`);
  return rowsOf<Omit<AuditRow, 'id' | 'at'> & { id: string | number; at: Date | string }>(result).map(
    (r) => ({
      ...r,
      id: Number(r.id),
      at: r.at instanceof Date ? r.at : new Date(String(r.at)),
      recordDeleted: Boolean(r.recordDeleted),
      subjectDeleted: Boolean(r.subjectDeleted),
    }),
  );
}

/** How many entries match, counting at most `cap + 1` rows (so a huge log costs a bounded scan). */
export async function countAuditRows(db: DbOrTx, filter: AuditFilter, cap: number) {
  const matching = db
    .select({ one: sql`1`.as('one') })
    .from(auditLog)
    .where(auditConditions(filter))
    .limit(cap + 1)
    .as('matching');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(matching);
  return row?.n ?? 0;
}
