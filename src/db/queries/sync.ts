import { and, asc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { AppliedResult, SyncKind } from '../../core/sync/schemas';
import type { DbOrTx } from '../client';
import { memberCases, members, syncReceipts, tasks, workplaceMeetings, workplaces } from '../schema';
import { rowsOf } from './records';
import { memberScopeSql, sqlUuidArray, taskScopeSql } from './scope';
import { workplaceNameOrder } from './workplaces';

// ---------------------------------------------------------------- receipts

/**
 * Claims a client id for this item inside its transaction: true when this call inserted the
 * receipt (go ahead and apply), false when a receipt exists (a replay). A racing replay of
 * the same id waits on the primary key until the first transaction ends: committed, it finds
 * the receipt; rolled back (the item was refused), it claims the id itself.
 */
export async function claimReceipt(
  tx: DbOrTx,
  r: { clientId: string; userId: string; kind: SyncKind; deviceTime: Date; receivedAt: Date },
): Promise<boolean> {
  const rows = await tx
    .insert(syncReceipts)
    .values({ ...r, status: 'applied', result: { status: 'applied' } })
    .onConflictDoNothing({ target: syncReceipts.clientId })
    .returning({ clientId: syncReceipts.clientId });
  return rows.length > 0;
}

/** The receipt of a client id (whose user, what was answered), or undefined. */
export async function findReceipt(db: DbOrTx, clientId: string) {
  const [row] = await db
    .select({ userId: syncReceipts.userId, result: syncReceipts.result })
    .from(syncReceipts)
    .where(eq(syncReceipts.clientId, clientId));
  return row ? { userId: row.userId, result: row.result as AppliedResult } : undefined;
}

/** Stores what an applied item answered (ids and flags only) in its receipt. */
export async function finishReceipt(tx: DbOrTx, clientId: string, result: AppliedResult) {
  await tx
    .update(syncReceipts)
    .set({ result, recordId: result.recordId ?? null })
    .where(eq(syncReceipts.clientId, clientId));
}

/** Deletes receipts received before `before`; answers how many. */
export async function deleteReceiptsBefore(db: DbOrTx, before: Date): Promise<number> {
  const rows = await db
    .delete(syncReceipts)
    .where(lt(syncReceipts.receivedAt, before))
    .returning({ clientId: syncReceipts.clientId });
  return rows.length;
}

// ---------------------------------------------------------------- conflict checks

/** A member's engagement now, with when it last changed (for a `conflict` answer); locks the row. */
export async function lockMemberEngagement(tx: DbOrTx, memberId: string) {
  const rows = rowsOf<{ level: string; version: number; changed_at: Date | string | null }>(
    await tx.execute(sql`select m.engagement::text as level, m.version,
      (select h.changed_at from engagement_history h where h.member_id = m.id
        order by h.changed_at desc, h.seq desc limit 1) as changed_at
      from members m where m.id = ${memberId} for update of m`),
  );
  return rows[0] && { level: rows[0].level, version: rows[0].version, changedAt: toDate(rows[0].changed_at) };
}

/** A workplace's atmosphere now, with when it last changed; locks the row. */
export async function lockWorkplaceAtmosphere(tx: DbOrTx, workplaceId: string) {
  const rows = rowsOf<{ level: string; version: number; changed_at: Date | string | null }>(
    await tx.execute(sql`select w.atmosphere::text as level, w.version,
      (select h.changed_at from atmosphere_history h where h.workplace_id = w.id
        order by h.changed_at desc, h.seq desc limit 1) as changed_at
      from workplaces w where w.id = ${workplaceId} for update of w`),
  );
  return rows[0] && { level: rows[0].level, version: rows[0].version, changedAt: toDate(rows[0].changed_at) };
}

function toDate(v: Date | string | null): Date | null {
  return v == null ? null : v instanceof Date ? v : new Date(v);
}

// ---------------------------------------------------------------- the pack

/**
 * The pack's reach. A rep: the workplaces set on the user and their members. Others: their
 * portfolio, the workplaces they own and the members they own or who belong to those
 * workplaces (always within the scope's SQL as well).
 */
function packWorkplaceSql(scope: Scope): SQL {
  if (scope.workplaceIds !== null) {
    return scope.workplaceIds.length
      ? sql`${workplaces.id} = ANY(${sqlUuidArray(scope.workplaceIds)})`
      : sql`false`;
  }
  return sql`${workplaces.ownerId} = ${scope.userId}`;
}

function packMemberSql(scope: Scope): SQL {
  const reach =
    scope.workplaceIds !== null
      ? memberScopeSql(scope)!
      : sql`(${members.ownerId} = ${scope.userId} OR ${members.workplaceId} IN (
          SELECT pw.id FROM workplaces pw WHERE pw.owner_id = ${scope.userId}))`;
  return and(eq(members.status, 'active'), reach, memberScopeSql(scope)) as SQL;
}

export async function packWorkplaces(db: DbOrTx, scope: Scope, limit: number) {
  const memberCount = sql<number>`(select count(*)::int from members cm where cm.workplace_id = workplaces.id
    and cm.status = 'active' and cm.union_role <> 'organizing_target')`;
  return db
    .select({
      id: workplaces.id,
      name: workplaces.name,
      atmosphere: workplaces.atmosphere,
      version: workplaces.version,
      memberCount,
    })
    .from(workplaces)
    .where(packWorkplaceSql(scope))
    .orderBy(...workplaceNameOrder(), asc(workplaces.id))
    .limit(limit + 1);
}

export async function packMembers(db: DbOrTx, scope: Scope, limit: number) {
  return db
    .select({
      id: members.id,
      workplaceId: members.workplaceId,
      name: members.name,
      nameKana: members.nameKana,
      employeeNumber: members.employeeNumber,
      engagement: members.engagement,
      version: members.version,
      nextAction: members.nextAction,
      nextActionDueOn: members.nextActionDueOn,
    })
    .from(members)
    .where(packMemberSql(scope))
    .orderBy(
      asc(members.workplaceId),
      sql`${members.nameKana} collate "C" asc nulls last`,
      sql`${members.name} collate "C"`,
      asc(members.id),
    )
    .limit(limit + 1);
}

/** Open cases of these members, never a sensitive one (whatever the role: the device is a phone). */
export async function packOpenCases(db: DbOrTx, memberIds: readonly string[]) {
  if (!memberIds.length) return [];
  return db
    .select({
      id: memberCases.id,
      memberId: memberCases.memberId,
      title: memberCases.title,
      status: memberCases.status,
    })
    .from(memberCases)
    .where(
      and(
        sql`${memberCases.memberId} = ANY(${sqlUuidArray(memberIds)})`,
        eq(memberCases.status, 'open'),
        eq(memberCases.sensitive, false),
      ),
    )
    .orderBy(asc(memberCases.openedOn), asc(memberCases.id));
}

/** The newest notes of each member (at most `perMember`, on or after `since`), in one statement. */
export async function packNotes(db: DbOrTx, memberIds: readonly string[], since: string, perMember: number) {
  if (!memberIds.length) return [];
  const rows = rowsOf<{
    id: string;
    member_id: string;
    body: string;
    created_at: Date | string;
    author_name: string | null;
  }>(
    await db.execute(sql`select n.id, n.member_id, n.body, n.created_at, u.display_name as author_name
      from unnest(${sqlUuidArray(memberIds)}) as pm(id)
      cross join lateral (
        select mn.id, mn.member_id, mn.body, mn.created_at, mn.author_id from member_notes mn
        where mn.member_id = pm.id and mn.occurred_on >= ${since}::date
        order by mn.occurred_on desc, mn.created_at desc, mn.id desc limit ${perMember}
      ) n
      left join users u on u.id = n.author_id
      order by n.member_id, n.created_at desc, n.id`),
  );
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    body: r.body,
    createdAt: toDate(r.created_at)!,
    authorName: r.author_name,
  }));
}

/** The user's open tasks (assigned to them), within what the task lists show them. */
export async function packTasks(db: DbOrTx, scope: Scope, limit: number) {
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      dueOn: tasks.dueOn,
      memberId: sql<string | null>`case when ${tasks.subjectType} = 'member' then ${tasks.subjectId} end`,
      workplaceId: sql<
        string | null
      >`case when ${tasks.subjectType} = 'workplace' then ${tasks.subjectId} end`,
      version: tasks.version,
    })
    .from(tasks)
    .where(and(eq(tasks.assigneeId, scope.userId), eq(tasks.status, 'open'), taskScopeSql(scope)))
    .orderBy(sql`${tasks.dueOn} asc nulls last`, asc(tasks.id))
    .limit(limit + 1);
}

/** Meetings of these workplaces held on or after `since`, with who attended (members in scope). */
export async function packMeetings(db: DbOrTx, scope: Scope, workplaceIds: readonly string[], since: string) {
  if (!workplaceIds.length) return [];
  const attendeeScope = memberScopeSql(scope, sql`am.workplace_id`);
  return db
    .select({
      id: workplaceMeetings.id,
      workplaceId: workplaceMeetings.workplaceId,
      heldOn: workplaceMeetings.heldOn,
      title: workplaceMeetings.title,
      attendeeIds: sql<string[]>`coalesce((select array_agg(a.member_id::text order by a.member_id)
        from meeting_attendees a join members am on am.id = a.member_id
        where a.meeting_id = workplace_meetings.id${attendeeScope ? sql` and ${attendeeScope}` : sql``}), '{}')`,
      invitedCount: workplaceMeetings.invitedCount,
      attendeeCount: workplaceMeetings.attendeeCount,
    })
    .from(workplaceMeetings)
    .where(
      and(
        sql`${workplaceMeetings.workplaceId} = ANY(${sqlUuidArray(workplaceIds)})`,
        sql`${workplaceMeetings.heldOn} >= ${since}::date`,
      ),
    )
    .orderBy(sql`${workplaceMeetings.heldOn} desc`, asc(workplaceMeetings.id));
}
