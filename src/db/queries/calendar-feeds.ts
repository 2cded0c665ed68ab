import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { DbOrTx } from '../client';
import { calendarFeeds, demands, members, tasks, users, workplaceMeetings, workplaces } from '../schema';
import { memberScopeSql, taskScopeSql, workplaceScopeSql } from './scope';

export type FeedRow = typeof calendarFeeds.$inferSelect;

/** A feed by its token's hash, with its user (one indexed lookup; the hash, not the token, is compared). */
export async function findFeedByTokenHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({
      feed: calendarFeeds,
      user: {
        id: users.id,
        role: users.role,
        disabled: users.disabled,
        workplaceIds: sql<
          string[]
        >`coalesce((select array_agg(uw.workplace_id::text) from user_workplaces uw where uw.user_id = ${users.id}), '{}'::text[])`,
      },
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, tokenHash));
  return row;
}

/** The user's feeds that are not revoked, newest first. */
export async function listOwnFeeds(db: DbOrTx, userId: string) {
  return db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt), asc(calendarFeeds.id));
}

/** Records a fetch, at most once per `minIntervalMs` (a conditional update: no read first). */
export async function touchFeed(
  db: DbOrTx,
  id: string,
  now: Date,
  client: string | null,
  minIntervalMs: number,
) {
  const before = new Date(now.getTime() - minIntervalMs);
  await db
    .update(calendarFeeds)
    .set({ lastFetchedAt: now, lastClient: client })
    .where(
      and(
        eq(calendarFeeds.id, id),
        or(isNull(calendarFeeds.lastFetchedAt), lte(calendarFeeds.lastFetchedAt, before)),
      ),
    );
}

type Window = { from: string; to: string };

/** The user's open tasks with a due date, in scope; with the subject's workplace and, for case tasks, the case's sensitivity. */
export async function feedTasks(db: DbOrTx, scope: Scope, window: Window) {
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      dueOn: tasks.dueOn,
      version: tasks.version,
      updatedAt: tasks.updatedAt,
      ruleId: tasks.ruleId,
      subjectType: tasks.subjectType,
      workplaceName: sql<string | null>`case
        when ${tasks.subjectType} = 'member' then (select w.name from members m join workplaces w on w.id = m.workplace_id where m.id = ${tasks.subjectId})
        when ${tasks.subjectType} = 'workplace' then (select w.name from workplaces w where w.id = ${tasks.subjectId})
        end`,
      department: sql<
        string | null
      >`case when ${tasks.subjectType} = 'member' then (select m.department from members m where m.id = ${tasks.subjectId}) end`,
      sensitiveCase: sql<boolean>`(${tasks.ruleId} = 'case_due_follow_up' and exists (
        select 1 from member_cases sc where sc.member_id = ${tasks.subjectId} and sc.sensitive
          and sc.id::text = split_part(${tasks.onceKey}, ':', 2)))`,
    })
    .from(tasks)
    .where(
      and(
        eq(tasks.assigneeId, scope.userId),
        eq(tasks.status, 'open'),
        isNotNull(tasks.dueOn),
        gte(tasks.dueOn, window.from),
        lte(tasks.dueOn, window.to),
        taskScopeSql(scope),
      ),
    )
    .orderBy(asc(tasks.dueOn), asc(tasks.id));
}

/** Next actions with a due date of the members the user owns, in scope (current members only). */
export async function feedNextActions(db: DbOrTx, scope: Scope, window: Window) {
  return db
    .select({
      id: members.id,
      name: members.name,
      nextAction: members.nextAction,
      dueOn: members.nextActionDueOn,
      version: members.version,
      updatedAt: members.updatedAt,
      department: members.department,
      workplaceName: workplaces.name,
    })
    .from(members)
    .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
    .where(
      and(
        eq(members.ownerId, scope.userId),
        ne(members.status, 'left'),
        isNotNull(members.nextActionDueOn),
        gte(members.nextActionDueOn, window.from),
        lte(members.nextActionDueOn, window.to),
        memberScopeSql(scope),
      ),
    )
    .orderBy(asc(members.nextActionDueOn), asc(members.id));
}

/** Demands still open (not settled or carried over) with a next negotiation date: every role reads demands. */
export async function feedNegotiations(db: DbOrTx, window: Window) {
  return db
    .select({
      id: demands.id,
      title: demands.title,
      day: demands.nextNegotiationOn,
      version: demands.version,
      updatedAt: demands.updatedAt,
    })
    .from(demands)
    .where(
      and(
        inArray(demands.status, ['not_submitted', 'negotiating']),
        isNotNull(demands.nextNegotiationOn),
        gte(demands.nextNegotiationOn, window.from),
        lte(demands.nextNegotiationOn, window.to),
      ),
    )
    .orderBy(asc(demands.nextNegotiationOn), asc(demands.id));
}

/** Workplace meetings in scope. */
export async function feedMeetings(db: DbOrTx, scope: Scope, window: Window) {
  return db
    .select({
      id: workplaceMeetings.id,
      title: workplaceMeetings.title,
      day: workplaceMeetings.heldOn,
      version: workplaceMeetings.version,
      updatedAt: workplaceMeetings.updatedAt,
      workplaceName: workplaces.name,
    })
    .from(workplaceMeetings)
    .innerJoin(workplaces, eq(workplaces.id, workplaceMeetings.workplaceId))
    .where(
      and(
        gte(workplaceMeetings.heldOn, window.from),
        lte(workplaceMeetings.heldOn, window.to),
        workplaceScopeSql(scope, workplaceMeetings.workplaceId),
      ),
    )
    .orderBy(asc(workplaceMeetings.heldOn), asc(workplaceMeetings.id));
}

/** One meeting with its workplace (for a one-off download). */
export async function findMeetingForIcs(db: DbOrTx, workplaceId: string, meetingId: string) {
  const [row] = await db
    .select({
      id: workplaceMeetings.id,
      title: workplaceMeetings.title,
      day: workplaceMeetings.heldOn,
      version: workplaceMeetings.version,
      updatedAt: workplaceMeetings.updatedAt,
      workplaceId: workplaceMeetings.workplaceId,
      workplaceName: workplaces.name,
    })
    .from(workplaceMeetings)
    .innerJoin(workplaces, eq(workplaces.id, workplaceMeetings.workplaceId))
    .where(and(eq(workplaceMeetings.id, meetingId), eq(workplaceMeetings.workplaceId, workplaceId)));
  return row;
}

/** One demand's negotiation date (for a one-off download). */
export async function findDemandForIcs(db: DbOrTx, demandId: string) {
  const [row] = await db
    .select({
      id: demands.id,
      title: demands.title,
      day: demands.nextNegotiationOn,
      status: demands.status,
      version: demands.version,
      updatedAt: demands.updatedAt,
    })
    .from(demands)
    .where(eq(demands.id, demandId));
  return row;
}
