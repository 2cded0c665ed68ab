import { and, asc, desc, eq, getTableColumns, like, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { DbOrTx } from '../client';
import { caseEvents, engagementHistory, memberCases, memberNotes, tasks, users } from '../schema';
import { caseScopeSql } from './scope';

// Sub-resources of a member: the services check first that the member is reachable
// (services/access.ts reachableMember), so these take the member as given.

const noteSelection = { ...getTableColumns(memberNotes), authorName: users.displayName };

export async function findNotes(db: DbOrTx, memberId: string, page: { limit: number; offset: number }) {
  const where = eq(memberNotes.memberId, memberId);
  const [items, totals] = await Promise.all([
    db
      .select(noteSelection)
      .from(memberNotes)
      .leftJoin(users, eq(users.id, memberNotes.authorId))
      .where(where)
      .orderBy(desc(memberNotes.occurredOn), desc(memberNotes.createdAt), asc(memberNotes.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(memberNotes).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

export async function findNoteById(db: DbOrTx, id: string) {
  const rows = await db
    .select(noteSelection)
    .from(memberNotes)
    .leftJoin(users, eq(users.id, memberNotes.authorId))
    .where(eq(memberNotes.id, id));
  return rows[0];
}

/** A case with the name of who closed it. */
const caseSelection = { ...getTableColumns(memberCases), closedByName: users.displayName };

/** A member's cases the scope may see (sensitive ones only with `cases.sensitive`), items and total alike. */
export async function findCases(
  db: DbOrTx,
  memberId: string,
  page: { limit: number; offset: number },
  scope: Scope,
) {
  const where = and(eq(memberCases.memberId, memberId), caseScopeSql(scope));
  const [items, totals] = await Promise.all([
    db
      .select(caseSelection)
      .from(memberCases)
      .leftJoin(users, eq(users.id, memberCases.closedBy))
      .where(where)
      // Open cases first, the most urgent on top; then closed ones, the latest closed first.
      .orderBy(
        sql`case when ${memberCases.status} = 'open' then 0 else 1 end`,
        sql`case when ${memberCases.status} = 'open' then ${memberCases.dueOn} end asc nulls last`,
        desc(memberCases.closedAt),
        desc(memberCases.openedOn),
        asc(memberCases.id),
      )
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(memberCases).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}

export async function findCaseById(db: DbOrTx, id: string) {
  const rows = await db
    .select(caseSelection)
    .from(memberCases)
    .leftJoin(users, eq(users.id, memberCases.closedBy))
    .where(eq(memberCases.id, id));
  return rows[0];
}

/** Appends to the cases' stories (case_events: never edited). */
export async function insertCaseEvents(db: DbOrTx, events: (typeof caseEvents.$inferInsert)[]) {
  if (events.length) await db.insert(caseEvents).values(events);
}

/**
 * Completes the open case_due_follow_up tasks of a case being closed: closing the case
 * is that follow-up, and an open task about a closed (maybe sensitive) case would stay in
 * the inbox. Set-based; audited (and attributed to the closer) by the triggers.
 */
export async function completeCaseDueTasks(db: DbOrTx, caseId: string, now: Date) {
  return db
    .update(tasks)
    .set({ status: 'done', completedAt: now, updatedAt: now, version: sql`${tasks.version} + 1` })
    .where(
      and(
        eq(tasks.ruleId, 'case_due_follow_up'),
        eq(tasks.status, 'open'),
        like(tasks.onceKey, `case_due_follow_up:${caseId}:%`),
      ),
    )
    .returning({ id: tasks.id });
}

const { seq: _seq, ...historyColumns } = getTableColumns(engagementHistory);

export async function findEngagementHistory(
  db: DbOrTx,
  memberId: string,
  page: { limit: number; offset: number },
) {
  const where = eq(engagementHistory.memberId, memberId);
  const [items, totals] = await Promise.all([
    db
      .select({ ...historyColumns, changedByName: users.displayName })
      .from(engagementHistory)
      .leftJoin(users, eq(users.id, engagementHistory.changedBy))
      .where(where)
      .orderBy(asc(engagementHistory.changedAt), asc(engagementHistory.seq))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(engagementHistory).where(where),
  ]);
  return { items, total: totals[0]?.total ?? 0 };
}
