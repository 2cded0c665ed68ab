import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { auditLog, users } from '../schema';

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

/**
 * One page of the audit trail, newest first, after `after` (keyset paging on
 * (at, id), in the order of `audit_log_at_idx`). `atKey` is `at` to the
 * microsecond, for the next cursor. With the actor's display name.
 */
export async function listAuditRows(db: DbOrTx, filter: AuditFilter, limit: number, after?: AuditKey) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      atKey: sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      action: auditLog.action,
      tableName: auditLog.tableName,
      recordId: auditLog.recordId,
      subjectId: auditLog.subjectId,
      before: auditLog.before,
      after: auditLog.after,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        auditConditions(filter),
        after
          ? sql`(${auditLog.at}, ${auditLog.id}) < (${after.at}::timestamptz, ${after.id}::bigint)`
          : undefined,
      ),
    )
    .orderBy(sql`${auditLog.at} desc nulls last`, sql`${auditLog.id} desc nulls last`)
    .limit(limit);
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
