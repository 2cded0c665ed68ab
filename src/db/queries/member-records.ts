import { and, asc, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { DbOrTx } from '../client';
import { engagementHistory, memberCases, memberNotes, users } from '../schema';
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
      .select()
      .from(memberCases)
      .where(where)
      // Open cases first, the most urgent on top; then closed ones, latest first.
      .orderBy(
        sql`case when ${memberCases.status} = 'open' then 0 else 1 end`,
        sql`${memberCases.dueOn} asc nulls last`,
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
  const rows = await db.select().from(memberCases).where(eq(memberCases.id, id));
  return rows[0];
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
