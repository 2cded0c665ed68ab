import { and, asc, eq, gt, inArray, lte, ne, or, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { DbOrTx } from '../client';
import { demands, digestSends, tasks, users, workplaceMeetings, workplaces } from '../schema';
import { taskScopeSql, workplaceScopeSql } from './scope';
import { userSelection } from './users';

/** Enabled users with a digest chosen, with what their scope needs. */
export async function findDigestUsers(db: DbOrTx) {
  return db
    .select({
      ...userSelection,
      language: users.language,
      digest: users.digest,
      digestTime: users.digestTime,
    })
    .from(users)
    .where(and(eq(users.disabled, false), ne(users.digest, 'none')))
    .orderBy(asc(users.id));
}

export async function findNotificationSettings(db: DbOrTx, userId: string) {
  const rows = await db
    .select({ digest: users.digest, digestTime: users.digestTime, version: users.version })
    .from(users)
    .where(eq(users.id, userId));
  return rows[0];
}

/** The user's open tasks due by `weekEnd`, overdue first. */
export async function findDigestTasks(
  db: DbOrTx,
  userId: string,
  scope: Scope,
  p: { asOf: string; weekEnd: string },
  limit: number,
) {
  const where = and(
    eq(tasks.assigneeId, userId),
    eq(tasks.status, 'open'),
    lte(tasks.dueOn, p.weekEnd),
    taskScopeSql(scope),
  );
  const rows = await db
    .select({
      id: tasks.id,
      title: tasks.title,
      dueOn: sql<string>`to_char(${tasks.dueOn}, 'YYYY-MM-DD')`,
      overdue: sql<boolean>`${tasks.dueOn} < ${p.asOf}::date`,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(tasks)
    .where(where)
    .orderBy(asc(tasks.dueOn), asc(tasks.id))
    .limit(limit);
  return {
    items: rows.map(({ total: _t, ...r }) => ({ ...r, overdue: Boolean(r.overdue) })),
    total: rows[0]?.total ?? 0,
  };
}

/** Open tasks a workflow rule created for the user after `since`. */
export async function findNewRuleTasks(db: DbOrTx, userId: string, scope: Scope, since: Date, limit: number) {
  return db
    .select({
      id: tasks.id,
      title: tasks.title,
      dueOn: sql<string | null>`to_char(${tasks.dueOn}, 'YYYY-MM-DD')`,
    })
    .from(tasks)
    .where(
      and(
        eq(tasks.assigneeId, userId),
        eq(tasks.status, 'open'),
        sql`${tasks.ruleId} is not null`,
        gt(tasks.createdAt, since),
        taskScopeSql(scope),
      ),
    )
    .orderBy(asc(tasks.createdAt), asc(tasks.id))
    .limit(limit);
}

/** Demands still in negotiation whose next negotiation date falls in [from, to]. */
export async function findNegotiationsBetween(db: DbOrTx, from: string, to: string, limit: number) {
  return db
    .select({
      demandId: demands.id,
      title: demands.title,
      on: sql<string>`to_char(${demands.nextNegotiationOn}, 'YYYY-MM-DD')`,
    })
    .from(demands)
    .where(
      and(
        sql`${demands.nextNegotiationOn} between ${from}::date and ${to}::date`,
        or(eq(demands.status, 'not_submitted'), eq(demands.status, 'negotiating')),
      ),
    )
    .orderBy(asc(demands.nextNegotiationOn), asc(demands.id))
    .limit(limit);
}

/** Workplace meetings in [from, to] within the scope's workplaces. */
export async function findMeetingsBetween(db: DbOrTx, scope: Scope, from: string, to: string, limit: number) {
  return db
    .select({
      workplaceId: workplaces.id,
      workplaceName: workplaces.name,
      title: workplaceMeetings.title,
      heldOn: sql<string>`to_char(${workplaceMeetings.heldOn}, 'YYYY-MM-DD')`,
    })
    .from(workplaceMeetings)
    .innerJoin(workplaces, eq(workplaces.id, workplaceMeetings.workplaceId))
    .where(
      and(sql`${workplaceMeetings.heldOn} between ${from}::date and ${to}::date`, workplaceScopeSql(scope)),
    )
    .orderBy(asc(workplaceMeetings.heldOn), asc(workplaceMeetings.id))
    .limit(limit);
}

/** When the user's last digest went out (the start of "new since the last digest"). */
export async function findLastDigestSentAt(db: DbOrTx, userId: string): Promise<Date | undefined> {
  const rows = await db
    .select({ at: sql<Date | null>`max(${digestSends.sentAt})` })
    .from(digestSends)
    .where(eq(digestSends.userId, userId));
  const at = rows[0]?.at;
  return at ? new Date(at) : undefined;
}

/**
 * Claims the user's period: the insert that wins sends; any other server or a rerun finds
 * the row and sends nothing. The claim holds until `leaseUntil`: a sender that died before
 * recording the outcome leaves it 'pending', and once the lease has passed the period is
 * taken again (takeDigestRetry). Returns the row's id when this call claimed it.
 */
export async function claimDigestPeriod(
  db: DbOrTx,
  userId: string,
  periodKey: string,
  now: Date,
  leaseUntil: Date,
) {
  const rows = await db
    .insert(digestSends)
    .values({ userId, periodKey, status: 'pending', attempts: 0, nextAttemptAt: leaseUntil, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: digestSends.id });
  return rows[0]?.id;
}

/**
 * Takes a send whose retry is due (a failed one), or whose sender died (pending past its
 * lease, counted as an attempt): moving next_attempt_at forward in the same statement means
 * a second server finds nothing to take. Answers the attempts made so far, or undefined.
 */
export async function takeDigestRetry(db: DbOrTx, id: string, now: Date, leaseUntil: Date) {
  const rows = await db
    .update(digestSends)
    .set({
      status: 'pending',
      nextAttemptAt: leaseUntil,
      attempts: sql`${digestSends.attempts} + case when ${digestSends.status} = 'pending' then 1 else 0 end`,
    })
    .where(
      and(
        eq(digestSends.id, id),
        inArray(digestSends.status, ['failed', 'pending']),
        lte(digestSends.nextAttemptAt, now),
      ),
    )
    .returning({ attempts: digestSends.attempts });
  return rows[0]?.attempts;
}

/** Failed sends due for a retry at `now`, and pending ones whose sender died, with their user and period. */
export async function findDueDigestRetries(db: DbOrTx, now: Date) {
  return db
    .select({
      id: digestSends.id,
      userId: digestSends.userId,
      periodKey: digestSends.periodKey,
      attempts: digestSends.attempts,
    })
    .from(digestSends)
    .innerJoin(users, eq(users.id, digestSends.userId))
    .where(
      and(
        inArray(digestSends.status, ['failed', 'pending']),
        sql`${digestSends.nextAttemptAt} is not null`,
        lte(digestSends.nextAttemptAt, now),
        eq(users.disabled, false),
      ),
    )
    .orderBy(asc(digestSends.nextAttemptAt));
}

export async function markDigestSend(
  db: DbOrTx,
  id: string,
  outcome:
    | { status: 'sent'; at: Date; attempts: number }
    | { status: 'empty'; attempts: number }
    | { status: 'failed'; attempts: number; nextAttemptAt: Date | null; error: string },
) {
  await db
    .update(digestSends)
    .set(
      outcome.status === 'sent'
        ? {
            status: 'sent',
            sentAt: outcome.at,
            attempts: outcome.attempts,
            nextAttemptAt: null,
            lastError: null,
          }
        : outcome.status === 'empty'
          ? { status: 'empty', attempts: outcome.attempts, nextAttemptAt: null }
          : {
              status: 'failed',
              attempts: outcome.attempts,
              nextAttemptAt: outcome.nextAttemptAt,
              lastError: outcome.error,
            },
    )
    .where(eq(digestSends.id, id));
}

export async function updateNotificationSettings(
  db: DbOrTx,
  userId: string,
  values: { digest: string; digestTime: string },
  now: Date,
) {
  await db
    .update(users)
    .set({ ...values, updatedAt: now, version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
}
