import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { monthlySnapshots } from '../schema';
import { atRiskMemberIdsSql, dayEndSql, memberAtDayEndSql } from './dashboards';
import { rowsOf } from './records';
import { sqlUuidArray } from './scope';

/**
 * Writes a month's snapshot in one statement, replacing any earlier one: a
 * row per workplace and the overall row (workplace_id null). Members are those
 * at the end of `endOn` (joinedOn/leftOn, as the trend counts them) under their
 * current workplace; employee counts are today's; the at-risk count comes from
 * the engagement history and is null when no history reaches back that far.
 * The caller holds the transaction and the snapshot lock.
 */
export async function replaceMonthlySnapshot(
  tx: DbOrTx,
  p: { month: string; endOn: string; timeZone: string; now: Date },
) {
  const endOn = sql`${p.endOn}::date`;
  const cutoff = dayEndSql(endOn, p.timeZone);
  const now = sql`${p.now.toISOString()}::timestamptz`;
  await tx.delete(monthlySnapshots).where(eq(monthlySnapshots.month, p.month));
  await tx.execute(sql`
    insert into monthly_snapshots
      (month, workplace_id, member_count, rated_member_count, employee_count, at_risk_count, created_at)
    with known as (select exists (select 1 from engagement_history where changed_at < ${cutoff}) as yes),
    counted as (
      select members.workplace_id, members.id in ${atRiskMemberIdsSql(cutoff)} as at_risk
        from members where ${memberAtDayEndSql(endOn, cutoff)}),
    per_workplace as (
      select w.id as workplace_id, w.employee_count, count(counted.workplace_id)::int as member_count,
             (count(*) filter (where counted.at_risk))::int as at_risk_count
        from workplaces w left join counted on counted.workplace_id = w.id
       group by w.id)
    select ${p.month}::text, pw.workplace_id, pw.member_count,
           case when pw.employee_count > 0 then pw.member_count else 0 end,
           pw.employee_count, case when known.yes then pw.at_risk_count end, ${now}
      from per_workplace pw, known
    union all
    select ${p.month}::text, null::uuid, (select count(*) from counted)::int,
           coalesce((select sum(pw.member_count) from per_workplace pw where pw.employee_count > 0), 0)::int,
           (select sum(pw.employee_count) from per_workplace pw where pw.employee_count > 0)::int,
           case when known.yes then (select count(*) from counted where at_risk)::int end, ${now}
      from known`);
}

/** The overall rows of the months in [from, to] ('YYYY-MM'), oldest first. */
export async function findOverallSnapshots(db: DbOrTx, from: string, to: string) {
  return db
    .select()
    .from(monthlySnapshots)
    .where(
      and(
        isNull(monthlySnapshots.workplaceId),
        gte(monthlySnapshots.month, from),
        lte(monthlySnapshots.month, to),
      ),
    )
    .orderBy(asc(monthlySnapshots.month));
}

/**
 * The months in [from, to] as the sum of some workplaces' rows (a rep's
 * organizationRateTrend), oldest first, in the shape of the overall rows. A
 * month counts as recorded when its overall row exists; a workplace with no row
 * that month (created later) adds nothing. The headcount sums the workplaces
 * with one (> 0), as the overall row does; null when none has.
 */
export async function findWorkplaceSnapshotSums(
  db: DbOrTx,
  from: string,
  to: string,
  workplaceIds: readonly string[],
) {
  const result = await db.execute(sql`
    select o.month,
           coalesce(sum(p.member_count), 0)::int as "memberCount",
           coalesce(sum(p.rated_member_count), 0)::int as "ratedMemberCount",
           (sum(p.employee_count) filter (where p.employee_count > 0))::int as "employeeCount"
      from monthly_snapshots o
      left join monthly_snapshots p
        on p.month = o.month and p.workplace_id = any(${sqlUuidArray(workplaceIds)})
     where o.workplace_id is null and o.month >= ${from} and o.month <= ${to}
     group by o.month
     order by o.month`);
  return rowsOf<{
    month: string;
    memberCount: number;
    ratedMemberCount: number;
    employeeCount: number | null;
  }>(result);
}

export async function countWorkplaceSnapshots(db: DbOrTx, month: string) {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(monthlySnapshots)
    .where(and(eq(monthlySnapshots.month, month), sql`${monthlySnapshots.workplaceId} is not null`));
  return rows[0]?.n ?? 0;
}

/**
 * The first day the union has a member on record (a join date, or the day a
 * member without one was entered): months before it have nothing to backfill.
 */
export async function findEarliestMemberDay(db: DbOrTx, timeZone: string): Promise<string | null> {
  const result = await db.execute(sql`
    select to_char(min(coalesce(joined_on, (created_at at time zone ${timeZone}::text)::date)), 'YYYY-MM-DD') as day
      from members where union_role <> 'organizing_target'`);
  return rowsOf<{ day: string | null }>(result)[0]?.day ?? null;
}

// Any fixed number: the sweep and an admin's request must not write a month at once.
const SNAPSHOT_LOCK_KEY = 7_415_004;

export async function lockSnapshots(tx: DbOrTx) {
  await tx.execute(sql`select pg_advisory_xact_lock(${SNAPSHOT_LOCK_KEY})`);
}
