import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Scope } from '../../core/access/policy';
import type { Engagement, NegotiationStatus, NoteChannel, Priority } from '../../core/enums';
import type { DbOrTx } from '../client';
import {
  demandMembers,
  demands,
  engagementHistory,
  handoverMembers,
  handovers,
  memberCases,
  members,
  tasks,
  users,
  workplaces,
} from '../schema';
import { rowsOf } from './records';
import { caseScopeSql, memberScopeSql, sqlUuidArray, taskScopeSql } from './scope';

// ---------------------------------------------------------------- the handover itself

/** The staff users named by a handover, share-locked so neither is disabled or demoted meanwhile. */
export async function lockHandoverUsers(db: DbOrTx, ids: readonly string[], lock = true) {
  const query = db
    .select({ id: users.id, role: users.role, disabled: users.disabled, displayName: users.displayName })
    .from(users)
    .where(sql`${users.id} = any(${sqlUuidArray(ids)})`);
  return lock ? query.for('share') : query;
}

/**
 * Locks the members to move: the named ones (with their current owner, so the
 * caller can name those that are missing or owned by someone else), or all
 * the user owns. Locked until the transaction ends: nothing changes owner meanwhile.
 */
export async function lockPortfolioMembers(
  db: DbOrTx,
  fromUserId: string,
  ids: readonly string[] | null,
  lock = true,
) {
  const query = db
    .select({ id: members.id, ownerId: members.ownerId })
    .from(members)
    .where(ids === null ? eq(members.ownerId, fromUserId) : sql`${members.id} = any(${sqlUuidArray(ids)})`)
    .orderBy(asc(members.id));
  return lock ? query.for('update') : query;
}

/** As lockPortfolioMembers, for workplaces. */
export async function lockPortfolioWorkplaces(
  db: DbOrTx,
  fromUserId: string,
  ids: readonly string[] | null,
  lock = true,
) {
  const query = db
    .select({ id: workplaces.id, ownerId: workplaces.ownerId })
    .from(workplaces)
    .where(
      ids === null ? eq(workplaces.ownerId, fromUserId) : sql`${workplaces.id} = any(${sqlUuidArray(ids)})`,
    )
    .orderBy(asc(workplaces.id));
  return lock ? query.for('update') : query;
}

/**
 * The open tasks assigned to the user that move with a handover: all of them
 * (`subjects` null), or those about the given members and workplaces. Locked.
 */
export async function lockHandoverTasks(
  db: DbOrTx,
  fromUserId: string,
  subjects: { memberIds: readonly string[]; workplaceIds: readonly string[] } | null,
  lock = true,
) {
  const about =
    subjects === null
      ? undefined
      : or(
          sql`(${tasks.subjectType} = 'member' and ${tasks.subjectId} = any(${sqlUuidArray(subjects.memberIds)}))`,
          sql`(${tasks.subjectType} = 'workplace' and ${tasks.subjectId} = any(${sqlUuidArray(subjects.workplaceIds)}))`,
        );
  const query = db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.assigneeId, fromUserId), eq(tasks.status, 'open'), about))
    .orderBy(asc(tasks.id));
  return lock ? query.for('update') : query;
}

/** One UPDATE per table: the new owner, a bumped version and updatedAt (as every other write). */
export async function reassignPortfolio(
  db: DbOrTx,
  move: {
    fromUserId: string;
    toUserId: string;
    memberIds: readonly string[];
    workplaceIds: readonly string[];
    taskIds: readonly string[];
    now: Date;
  },
) {
  const { fromUserId, toUserId, now } = move;
  const movedMembers = move.memberIds.length
    ? await db
        .update(members)
        .set({ ownerId: toUserId, version: sql`${members.version} + 1`, updatedAt: now })
        .where(
          and(sql`${members.id} = any(${sqlUuidArray(move.memberIds)})`, eq(members.ownerId, fromUserId)),
        )
        .returning({ id: members.id })
    : [];
  const movedWorkplaces = move.workplaceIds.length
    ? await db
        .update(workplaces)
        .set({ ownerId: toUserId, version: sql`${workplaces.version} + 1`, updatedAt: now })
        .where(
          and(
            sql`${workplaces.id} = any(${sqlUuidArray(move.workplaceIds)})`,
            eq(workplaces.ownerId, fromUserId),
          ),
        )
        .returning({ id: workplaces.id })
    : [];
  const movedTasks = move.taskIds.length
    ? await db
        .update(tasks)
        .set({ assigneeId: toUserId, version: sql`${tasks.version} + 1`, updatedAt: now })
        .where(
          and(
            sql`${tasks.id} = any(${sqlUuidArray(move.taskIds)})`,
            eq(tasks.assigneeId, fromUserId),
            eq(tasks.status, 'open'),
          ),
        )
        .returning({ id: tasks.id })
    : [];
  return {
    memberIds: movedMembers.map((r) => r.id),
    workplaceIds: movedWorkplaces.map((r) => r.id),
    taskIds: movedTasks.map((r) => r.id),
  };
}

/** Open cases of these members (cases have no owner of their own: they go with the member). */
export async function countOpenCases(db: DbOrTx, memberIds: readonly string[]) {
  if (!memberIds.length) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberCases)
    .where(
      and(sql`${memberCases.memberId} = any(${sqlUuidArray(memberIds)})`, eq(memberCases.status, 'open')),
    );
  return row?.n ?? 0;
}

export type HandoverPreviewCounts = {
  atRiskCount: number;
  openCaseCount: number;
  overdueCaseCount: number;
  nextActionCount: number;
  overdueNextActionCount: number;
};

/**
 * What moves with these members, counted in one statement: those at risk
 * (脱退リスクあり), their open cases (as the actor may see them) and the overdue
 * ones, their next actions with a due date (active members, as on the weekly
 * dashboard) and the overdue ones. `today` is the organization's day.
 */
export async function countHandoverPreview(
  db: DbOrTx,
  scope: Scope,
  memberIds: readonly string[],
  today: string,
): Promise<HandoverPreviewCounts> {
  const zero = {
    atRiskCount: 0,
    openCaseCount: 0,
    overdueCaseCount: 0,
    nextActionCount: 0,
    overdueNextActionCount: 0,
  };
  if (!memberIds.length) return zero;
  const ids = sqlUuidArray(memberIds);
  const result = await db.execute(sql`
    select m."atRiskCount", m."nextActionCount", m."overdueNextActionCount", c."openCaseCount", c."overdueCaseCount"
      from (select count(*) filter (where members.engagement = 'at_risk')::int as "atRiskCount",
                   count(*) filter (where members.status = 'active' and members.next_action_due_on is not null)::int
                     as "nextActionCount",
                   count(*) filter (where members.status = 'active'
                                      and members.next_action_due_on < ${today}::date)::int as "overdueNextActionCount"
              from members
             where members.id = any(${ids}) and ${memberScopeSql(scope) ?? sql`true`}) m,
           (select count(*)::int as "openCaseCount",
                   count(*) filter (where member_cases.due_on < ${today}::date)::int as "overdueCaseCount"
              from member_cases
             where member_cases.member_id = any(${ids}) and member_cases.status = 'open'
               and ${caseScopeSql(scope) ?? sql`true`}) c`);
  const row = rowsOf<HandoverPreviewCounts>(result)[0];
  return row
    ? (Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as HandoverPreviewCounts)
    : zero;
}

/** The handover row and its members (one INSERT … SELECT unnest, not one per member). */
export async function insertHandover(
  db: DbOrTx,
  row: typeof handovers.$inferInsert,
  memberIds: readonly string[],
) {
  const [created] = await db.insert(handovers).values(row).returning({ id: handovers.id });
  const id = created!.id;
  if (memberIds.length) {
    await db.execute(sql`insert into handover_members (handover_id, member_id)
      select ${id}::uuid, m from unnest(${sqlUuidArray(memberIds)}) as m`);
  }
  return id;
}

// ---------------------------------------------------------------- reading handovers

const fromUser = alias(users, 'from_user');
const toUser = alias(users, 'to_user');
const byUser = alias(users, 'by_user');

function selectHandovers(db: DbOrTx) {
  return db
    .select({
      id: handovers.id,
      createdAt: handovers.createdAt,
      fromUserId: handovers.fromUserId,
      fromUserName: fromUser.displayName,
      toUserId: handovers.toUserId,
      toUserName: toUser.displayName,
      createdBy: handovers.createdBy,
      createdByName: byUser.displayName,
      note: handovers.note,
      memberCount: handovers.memberCount,
      workplaceCount: handovers.workplaceCount,
      taskCount: handovers.taskCount,
      openCaseCount: handovers.openCaseCount,
    })
    .from(handovers)
    .innerJoin(fromUser, eq(fromUser.id, handovers.fromUserId))
    .innerJoin(toUser, eq(toUser.id, handovers.toUserId))
    .leftJoin(byUser, eq(byUser.id, handovers.createdBy));
}

export type HandoverRow = Awaited<ReturnType<typeof findHandoverById>> & {};

export async function findHandoverById(db: DbOrTx, id: string) {
  const rows = await selectHandovers(db).where(eq(handovers.id, id));
  return rows[0];
}

/** Newest first; `userId` keeps those from or to that user. */
export async function findHandovers(
  db: DbOrTx,
  query: { userId?: string | undefined },
  page: { limit: number; offset: number },
) {
  const where = query.userId
    ? or(eq(handovers.fromUserId, query.userId), eq(handovers.toUserId, query.userId))
    : undefined;
  const [items, totals] = await Promise.all([
    selectHandovers(db)
      .where(where)
      .orderBy(desc(handovers.createdAt), desc(handovers.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(handovers).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

/**
 * 要引き継ぎ: disabled accounts that still own members or workplaces or have
 * open tasks, with the counts. One statement over the (few) disabled users.
 */
export async function findPendingHandovers(db: DbOrTx) {
  const result = await db.execute(sql`
    select * from (
      select u.id as "userId", u.display_name as "displayName", u.email, u.role,
             (select count(*)::int from members m where m.owner_id = u.id) as "memberCount",
             (select count(*)::int from workplaces w where w.owner_id = u.id) as "workplaceCount",
             (select count(*)::int from tasks t where t.assignee_id = u.id and t.status = 'open') as "taskCount"
        from users u
       where u.disabled
    ) p
    where p."memberCount" > 0 or p."workplaceCount" > 0 or p."taskCount" > 0
    order by p."displayName" collate "C", p."userId"`);
  return rowsOf<{
    userId: string;
    displayName: string;
    email: string;
    role: 'admin' | 'officer' | 'executive' | 'rep';
    memberCount: number;
    workplaceCount: number;
    taskCount: number;
  }>(result).map((r) => ({
    ...r,
    memberCount: Number(r.memberCount),
    workplaceCount: Number(r.workplaceCount),
    taskCount: Number(r.taskCount),
  }));
}

/** A page of the members a handover moved that the actor can reach, in kana order. */
export async function findHandoverMemberPage(
  db: DbOrTx,
  handoverId: string,
  scope: Scope,
  page: { limit: number; offset: number },
) {
  const where = and(eq(handoverMembers.handoverId, handoverId), memberScopeSql(scope));
  const [items, totals] = await Promise.all([
    db
      .select({ id: members.id })
      .from(handoverMembers)
      .innerJoin(members, eq(members.id, handoverMembers.memberId))
      .where(where)
      .orderBy(
        sql`${members.nameKana} collate "C" asc nulls last`,
        sql`${members.name} collate "C"`,
        asc(members.id),
      )
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(handoverMembers)
      .innerJoin(members, eq(members.id, handoverMembers.memberId))
      .where(where),
  ]);
  return { ids: items.map((r) => r.id), total: totals[0]?.total ?? 0 };
}

// ---------------------------------------------------------------- the portfolio's summary

export type SummaryMember = {
  memberId: string;
  name: string;
  workplaceName: string | null;
  nextAction: string | null;
  nextActionDueOn: string | null;
  overdue: boolean;
};
export type SummaryCase = {
  caseId: string;
  memberId: string;
  memberName: string;
  title: string;
  dueOn: string | null;
  overdue: boolean;
  sensitive: boolean;
};

const summaryDay = (column: SQL) => sql`to_char(${column}, 'YYYY-MM-DD')`;

/**
 * The one-page summary of the members a handover moved, as the actor may see
 * them (members in scope, cases by the sensitive-case rule): those at risk
 * (脱退リスクあり) with their next step, the open cases (overdue first), and the
 * next actions with a due date (active members, earliest first, so overdue
 * first). The first `limit` of each, with the full counts in the same pass:
 * three statements whatever the portfolio's size.
 */
export async function findHandoverSummary(
  db: DbOrTx,
  scope: Scope,
  handoverId: string,
  today: string,
  limit: number,
) {
  const moved = sql`members.id in (select hm.member_id from handover_members hm where hm.handover_id = ${handoverId})
    and ${memberScopeSql(scope) ?? sql`true`}`;
  const memberOverdue = sql`coalesce(members.next_action_due_on < ${today}::date, false)`;
  const memberColumns = sql`members.id as "memberId", members.name, w.name as "workplaceName",
    members.next_action as "nextAction", ${summaryDay(sql`members.next_action_due_on`)} as "nextActionDueOn",
    ${memberOverdue} as overdue`;
  const byName = sql`members.name collate "C", members.id`;
  const caseOverdue = sql`coalesce(c.due_on < ${today}::date, false)`;
  const [atRisk, cases, next] = await Promise.all([
    db.execute(sql`
      select ${memberColumns}, (count(*) over ())::int as total
        from members left join workplaces w on w.id = members.workplace_id
       where ${moved} and members.engagement = 'at_risk'
       order by members.next_action_due_on asc nulls last, ${byName}
       limit ${limit}::int`),
    db.execute(sql`
      select c.id as "caseId", members.id as "memberId", members.name as "memberName", c.title,
             ${summaryDay(sql`c.due_on`)} as "dueOn", ${caseOverdue} as overdue, c.sensitive,
             (count(*) over ())::int as total, (count(*) filter (where ${caseOverdue}) over ())::int as "overdueTotal"
        from member_cases c join members on members.id = c.member_id
       where ${moved} and c.status = 'open' and ${caseScopeSql(scope, sql`c.sensitive`) ?? sql`true`}
       order by ${caseOverdue} desc, c.due_on asc nulls last, ${byName}, c.id
       limit ${limit}::int`),
    db.execute(sql`
      select ${memberColumns}, (count(*) over ())::int as total,
             (count(*) filter (where ${memberOverdue}) over ())::int as "overdueTotal"
        from members left join workplaces w on w.id = members.workplace_id
       where ${moved} and members.status = 'active' and members.next_action_due_on is not null
       order by members.next_action_due_on, ${byName}
       limit ${limit}::int`),
  ]);
  type Counted = { total: number; overdueTotal?: number };
  const split = <T>(rows: (T & Counted)[]) => ({
    items: rows.map(({ total: _t, overdueTotal: _o, ...row }) => row as unknown as T),
    total: Number(rows[0]?.total ?? 0),
    overdue: Number(rows[0]?.overdueTotal ?? 0),
  });
  const asMember = (r: SummaryMember) => ({ ...r, overdue: Boolean(r.overdue) });
  const risk = split(rowsOf<SummaryMember & Counted>(atRisk));
  const open = split(rowsOf<SummaryCase & Counted>(cases));
  const due = split(rowsOf<SummaryMember & Counted>(next));
  return {
    atRisk: { items: risk.items.map(asMember), total: risk.total },
    openCases: {
      items: open.items.map((c) => ({ ...c, overdue: Boolean(c.overdue), sensitive: Boolean(c.sensitive) })),
      total: open.total,
      overdue: open.overdue,
    },
    nextActions: { items: due.items.map(asMember), total: due.total, overdue: due.overdue },
  };
}

// ---------------------------------------------------------------- briefings

export type Briefing = {
  member: {
    id: string;
    name: string;
    nameKana: string | null;
    employeeNumber: string | null;
    workplaceId: string | null;
    workplaceName: string | null;
    department: string | null;
    unionRole: (typeof members.$inferSelect)['unionRole'];
    status: (typeof members.$inferSelect)['status'];
    joinedOn: string | null;
    ownerId: string | null;
    ownerName: string | null;
    engagement: Engagement;
    concerns: string | null;
    nextAction: string | null;
    nextActionDueOn: string | null;
  };
  engagementTrend: {
    since: Date;
    atStart: Engagement | null;
    changes: {
      from: Engagement | null;
      to: Engagement;
      changedAt: Date;
      changedByName: string | null;
      reason: string | null;
    }[];
  };
  openCases: { id: string; title: string; openedOn: string; dueOn: string | null; sensitive: boolean }[];
  recentNotes: {
    id: string;
    occurredOn: string;
    channel: NoteChannel;
    body: string;
    authorName: string | null;
  }[];
  demands: { id: string; title: string; status: NegotiationStatus; priority: Priority }[];
  openTasks: { id: string; title: string; dueOn: string | null; assigneeName: string | null }[];
};

/** How many consultations a briefing shows. */
export const BRIEFING_NOTES = 5;

const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

function groupBy<T extends { memberId: string }>(rows: readonly T[]) {
  const map = new Map<string, Omit<T, 'memberId'>[]>();
  for (const { memberId, ...rest } of rows) {
    const list = map.get(memberId);
    if (list) list.push(rest);
    else map.set(memberId, [rest]);
  }
  return map;
}

/**
 * The briefings of these members, in the order given, with a fixed number of
 * statements however many members there are (each `member_id = any(...)`).
 * Members outside the scope are left out; cases, tasks follow the scope's rules.
 * `since` starts the engagement trend's window.
 */
export async function findBriefings(
  db: DbOrTx,
  scope: Scope,
  memberIds: readonly string[],
  since: Date,
): Promise<Briefing[]> {
  if (!memberIds.length) return [];
  const ids = sqlUuidArray(memberIds);
  const inIds = (column: SQL | typeof members.id) => sql`${column} = any(${ids})`;
  const changer = alias(users, 'changer');
  const assignee = alias(users, 'assignee');

  const [basics, history, starts, cases, notes, linked, open] = await Promise.all([
    db
      .select({
        id: members.id,
        name: members.name,
        nameKana: members.nameKana,
        employeeNumber: members.employeeNumber,
        workplaceId: members.workplaceId,
        workplaceName: workplaces.name,
        department: members.department,
        unionRole: members.unionRole,
        status: members.status,
        joinedOn: members.joinedOn,
        ownerId: members.ownerId,
        ownerName: users.displayName,
        engagement: members.engagement,
        concerns: members.concerns,
        nextAction: members.nextAction,
        nextActionDueOn: members.nextActionDueOn,
      })
      .from(members)
      .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
      .leftJoin(users, eq(users.id, members.ownerId))
      .where(and(inIds(sql`${members.id}`), memberScopeSql(scope))),
    db
      .select({
        memberId: engagementHistory.memberId,
        from: engagementHistory.from,
        to: engagementHistory.to,
        changedAt: engagementHistory.changedAt,
        changedByName: changer.displayName,
        reason: engagementHistory.reason,
      })
      .from(engagementHistory)
      .leftJoin(changer, eq(changer.id, engagementHistory.changedBy))
      .where(and(inIds(sql`${engagementHistory.memberId}`), sql`${engagementHistory.changedAt} >= ${since}`))
      .orderBy(asc(engagementHistory.changedAt), asc(engagementHistory.seq)),
    // The value each member had when the window began: the last change before it.
    db.execute(sql`select distinct on (h.member_id) h.member_id as "memberId", h."to"
      from engagement_history h
     where h.member_id = any(${ids}) and h.changed_at < ${since}
     order by h.member_id, h.changed_at desc, h.seq desc`),
    db
      .select({
        memberId: memberCases.memberId,
        id: memberCases.id,
        title: memberCases.title,
        openedOn: memberCases.openedOn,
        dueOn: memberCases.dueOn,
        sensitive: memberCases.sensitive,
      })
      .from(memberCases)
      .where(and(inIds(sql`${memberCases.memberId}`), eq(memberCases.status, 'open'), caseScopeSql(scope)))
      .orderBy(sql`${memberCases.dueOn} asc nulls last`, asc(memberCases.openedOn), asc(memberCases.id)),
    // The latest few notes of each member in one statement (a window per member).
    db.execute(sql`select "memberId", id, "occurredOn", channel, body, "authorName" from (
        select n.member_id as "memberId", n.id, n.occurred_on::text as "occurredOn", n.channel, n.body,
               u.display_name as "authorName",
               row_number() over (partition by n.member_id
                                  order by n.occurred_on desc, n.created_at desc, n.id) as rank
          from member_notes n left join users u on u.id = n.author_id
         where n.member_id = any(${ids})
      ) r where r.rank <= ${BRIEFING_NOTES}
      order by "memberId", rank`),
    db
      .select({
        memberId: demandMembers.memberId,
        id: demands.id,
        title: demands.title,
        status: demands.status,
        priority: demands.priority,
      })
      .from(demandMembers)
      .innerJoin(demands, eq(demands.id, demandMembers.demandId))
      .where(inIds(sql`${demandMembers.memberId}`))
      .orderBy(
        sql`case ${demands.priority} when 'high' then 0 when 'medium' then 1 else 2 end`,
        asc(demands.title),
        asc(demands.id),
      ),
    db
      .select({
        memberId: sql<string>`${tasks.subjectId}`,
        id: tasks.id,
        title: tasks.title,
        dueOn: tasks.dueOn,
        assigneeName: assignee.displayName,
      })
      .from(tasks)
      .leftJoin(assignee, eq(assignee.id, tasks.assigneeId))
      .where(
        and(
          eq(tasks.subjectType, 'member'),
          inIds(sql`${tasks.subjectId}`),
          eq(tasks.status, 'open'),
          taskScopeSql(scope),
        ),
      )
      .orderBy(sql`${tasks.dueOn} asc nulls last`, asc(tasks.createdAt), asc(tasks.id)),
  ]);

  const historyBy = groupBy(history);
  const startBy = new Map(
    rowsOf<{ memberId: string; to: Engagement }>(starts).map((r) => [String(r.memberId), r.to]),
  );
  const casesBy = groupBy(cases);
  const notesBy = groupBy(
    rowsOf<{
      memberId: string;
      id: string;
      occurredOn: string;
      channel: NoteChannel;
      body: string;
      authorName: string | null;
    }>(notes).map((n) => ({ ...n, memberId: String(n.memberId), occurredOn: String(n.occurredOn) })),
  );
  const demandsBy = groupBy(linked);
  const tasksBy = groupBy(open);
  const basicsBy = new Map(basics.map((b) => [b.id, b]));

  return memberIds.flatMap((id): Briefing[] => {
    const member = basicsBy.get(id);
    if (!member) return [];
    return [
      {
        member,
        engagementTrend: {
          since,
          atStart: startBy.get(id) ?? null,
          changes: (historyBy.get(id) ?? []).map((h) => ({ ...h, changedAt: asDate(h.changedAt) })),
        },
        openCases: casesBy.get(id) ?? [],
        recentNotes: notesBy.get(id) ?? [],
        demands: demandsBy.get(id) ?? [],
        openTasks: tasksBy.get(id) ?? [],
      },
    ];
  });
}
