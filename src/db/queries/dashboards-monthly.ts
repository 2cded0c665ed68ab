import { type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { DbOrTx } from '../client';
import {
  atRiskMemberIdsSql,
  dayEndSql,
  daySql,
  type FigureScope,
  memberAtDayEndSql,
  memberInScope,
  scopeCondition,
} from './dashboards';
import { countedMember } from './demands';
import { countedKeySql, countsInScope, demandCountsSql, memberCountsSql } from './figure-counts';
import { rowsOf } from './records';
import { workplaceScopeSql } from './scope';

// The monthly dashboard's SQL (SPEC §5): demands, organization rates and the
// 12-month trends, on the fragments shared with the weekly one.

/**
 * Every demand (of `season`: a condition on demands, e.g. `seasonCondition`; all when
 * undefined) with its relatedMemberCount (countedMember), most first. A rep sees every
 * demand, counted over the members of their workplaces only.
 */
export async function findDemandFigures(db: DbOrTx, scope: Scope, season?: SQL) {
  const result = await db.execute(sql`
    select demands.id as "demandId", demands.title, demands.priority, demands.status,
           coalesce(r.n, 0)::int as "relatedMemberCount"
      from demands
      left join (
        select dc.demand_id, sum(dc.n)::int as n from ${demandCountsSql} dc
         where ${countsInScope(scope, 'dc')}
         group by dc.demand_id) r on r.demand_id = demands.id
     where ${season ?? sql`true`}
     order by "relatedMemberCount" desc, demands.priority, demands.title collate "C", demands.id`);
  return rowsOf<DemandFigureRow>(result);
}
export type DemandFigureRow = {
  demandId: string;
  title: string;
  priority: 'high' | 'medium' | 'low';
  status: 'not_submitted' | 'negotiating' | 'settled' | 'carried_over';
  relatedMemberCount: number;
};

/**
 * Each workplace's organization rate, highest first (no rate last), and in the
 * same pass the overall basis: Σ members and Σ employees over the workplaces
 * with a headcount (> 0). Workplaces in scope only (a rep's: the basis is theirs).
 */
export async function findOrganizationRates(db: DbOrTx, scope: Scope) {
  const rated = sql`w.employee_count > 0`;
  const result = await db.execute(sql`
    select w.id as "workplaceId", w.name, w.employee_count as "employeeCount",
           coalesce(c.n, 0)::int as "memberCount",
           (coalesce(c.n, 0)::float8 / nullif(w.employee_count, 0)::float8)::float8 as "organizationRate",
           (count(*) filter (where ${rated}) over ())::int as "ratedWorkplaces",
           (coalesce(sum(coalesce(c.n, 0)) filter (where ${rated}) over (), 0))::int as "ratedMembers",
           (sum(w.employee_count) filter (where ${rated}) over ())::int as "ratedEmployees"
      from workplaces w
      left join (
        select mc.workplace_id, sum(mc.n)::int as n from ${memberCountsSql} mc
         where ${countedKeySql('mc')}
         group by mc.workplace_id) c on c.workplace_id = w.id
     where ${scopeCondition(workplaceScopeSql(scope, sql`w.id`))}
     order by "organizationRate" desc nulls last, w.name_kana collate "C", w.name collate "C", w.id`);
  const rows = rowsOf<
    OrganizationRateRow & { ratedWorkplaces: number; ratedMembers: number; ratedEmployees: number | null }
  >(result);
  const first = rows[0];
  return {
    items: rows.map(({ ratedWorkplaces: _w, ratedMembers: _m, ratedEmployees: _e, ...row }) => row),
    basis: {
      workplaceCount: first?.ratedWorkplaces ?? 0,
      memberCount: first?.ratedMembers ?? 0,
      employeeCount: first?.ratedEmployees ?? null,
    },
  };
}
export type OrganizationRateRow = {
  workplaceId: string;
  name: string;
  employeeCount: number | null;
  memberCount: number;
  organizationRate: number | null;
};

/** Members behind overallOrganizationRate: those of a workplace with a headcount. */
export const ratedMemberSql = sql`(${countedMember} and exists (
  select 1 from workplaces w where w.id = members.workplace_id and w.employee_count > 0))`;

/**
 * The trend's months as a relation (month, end_on, cutoff): the `count`
 * months ending with asOf's month; each is measured at the end of its last
 * day in the organization's time zone, asOf's month at the end of asOf.
 */
export function trendMonthsSql(asOf: string, count: number, timeZone: string): SQL {
  const current = sql`date_trunc('month', ${asOf}::timestamp)`;
  return sql`(
    select to_char(s.first_day, 'YYYY-MM') as month, e.end_on, ${dayEndSql(sql`e.end_on`, timeZone)} as cutoff
      from generate_series(${current} - make_interval(months => ${count - 1}::int), ${current}, interval '1 month') as s(first_day)
     cross join lateral (
       select least((s.first_day + interval '1 month' - interval '1 day')::date, ${asOf}::date) as end_on) e
     -- The planner cannot tell how many months a series yields; the limit tells it (and caps nothing).
     limit ${count}::int)`;
}

/**
 * atRiskCount of each trend month in one statement. Each history row that set
 * at_risk holds from its changedAt until the member's next row (a spell); a
 * member counts in a month when a spell covers the month's cut-off (the state
 * then is the last row before it) and they were a member at that day's end.
 * The spells are kept with each change, with the member's scope and membership
 * columns (migration 0033), and read once from their index: the months' cut-offs
 * and days rise, so each condition holds over a run of months, found by binary
 * search (width_bucket over the months' bounds), and a spell counts in the
 * months where all four do: the spells are counted by that run of months, and a
 * month sums the runs that hold it. No spell is paired with each month (127,000
 * spells × 12 months at 1M members).
 */
export async function findAttritionTrend(
  db: DbOrTx,
  p: { asOf: string; months: number; timeZone: string },
  scope: FigureScope,
) {
  const result = await db.execute(sql`
    with months as materialized (
      select m.*, (row_number() over (order by m.cutoff) - 1)::int as i
        from ${trendMonthsSql(p.asOf, p.months, p.timeZone)} m),
    bounds as (
      select array_agg(cutoff order by i) as cutoffs, array_agg(end_on order by i) as end_ons,
             count(*)::int as n, min(cutoff) as first_cutoff, max(cutoff) as last_cutoff
        from months),
    -- The run of months (by i) a spell counts in, [lo, hi]:
    --   start_at < cutoff         from the first cut-off after the start,
    --   end_at >= cutoff          up to the last cut-off at or before the end,
    --   left_on > end_on          up to the last day before leaving,
    --   joined_on <= end_on       from the first day on or after joining
    --   (without one: created_at < cutoff, from the first cut-off after the entry).
    -- Spells are counted by run (at most 78 runs of 12 months): the months' sums read these rows.
    ranges as materialized (
      select r.lo, r.hi, count(*)::int as n
        from (
          select greatest(width_bucket(s.start_at, b.cutoffs),
                          case when s.joined_on is null then width_bucket(s.created_at, b.cutoffs)
                               else width_bucket(s.joined_on - 1, b.end_ons) end) as lo,
                 least(width_bucket(s.end_at, b.cutoffs) - 1,
                       case when s.left_on is null then b.n - 1
                            else width_bucket(s.left_on - 1, b.end_ons) - 1 end) as hi
            from kumiai_risk_spells s cross join bounds b
           where s.end_at >= b.first_cutoff and s.start_at < b.last_cutoff
             and s.union_role <> 'organizing_target' and ${countsInScope(scope, 's')}) r
       group by r.lo, r.hi)
    select mo.month, ${daySql(sql`mo.end_on`)} as "endOn",
           (select coalesce(sum(r.n), 0) from ranges r where r.lo <= mo.i and mo.i <= r.hi)::int as "atRiskCount"
      from months mo
     order by mo.month`);
  return rowsOf<{ month: string; endOn: string; atRiskCount: number }>(result);
}

/** Members counted in a month's atRiskCount (for the drill-down): the state at the cut-off was at_risk. */
export function atRiskAtDayEndSql(endOn: string, timeZone: string): SQL {
  const cutoff = dayEndSql(sql`${endOn}::date`, timeZone);
  return sql`(${memberAtDayEndSql(sql`${endOn}::date`, cutoff)} and members.id in ${atRiskMemberIdsSql(cutoff)})`;
}

/** Members at the end of a day (the drill-down of a month's totalMemberCount). */
export function memberAtEndOfSql(endOn: string, timeZone: string): SQL {
  return memberAtDayEndSql(sql`${endOn}::date`, dayEndSql(sql`${endOn}::date`, timeZone));
}

/**
 * A month's organization-rate figures computed now, as a snapshot would record them (members at
 * the end of endOn; today's headcounts), over the members and workplaces in scope (a rep's: as
 * the sum of their workplaces' snapshot rows).
 *
 * From the figure counters: members who are not organizing targets and have no leaving day,
 * less those of them who join after endOn (or, without a join date, were recorded after it),
 * plus those with a leaving day after endOn who had joined by then. For today the corrections
 * are the few members with a future join or leaving day, read from indexes.
 */
export async function findLiveMonthCounts(
  db: DbOrTx,
  p: { endOn: string; timeZone: string },
  scope: FigureScope,
) {
  const endOn = sql`${p.endOn}::date`;
  const cutoff = dayEndSql(endOn, p.timeZone);
  const workplaceInScope = scopeCondition(workplaceScopeSql(scope, sql`w.id`));
  const result = await db.execute(sql`
    with base as (
      select coalesce(sum(mc.n), 0)::int as total,
             coalesce(sum(mc.n) filter (where exists (
               select 1 from workplaces w where w.id = mc.workplace_id and w.employee_count > 0)), 0)::int as rated
        from ${memberCountsSql} mc
       where not mc.organizing_target and not mc.has_left_on and ${countsInScope(scope, 'mc')}),
    later as (
      -- Without a leaving day, not yet a member at the end of endOn.
      select members.workplace_id from members
       where members.left_on is null and members.union_role <> 'organizing_target'
         and members.joined_on > ${endOn} and ${memberInScope(scope)}
      union all
      select members.workplace_id from members
       where members.left_on is null and members.union_role <> 'organizing_target'
         and members.joined_on is null and members.created_at >= ${cutoff} and ${memberInScope(scope)}),
    leaving as (
      -- With a leaving day after endOn: still a member then (if joined by then).
      select members.workplace_id from members
       where members.left_on > ${endOn} and ${memberAtDayEndSql(endOn, cutoff)} and ${memberInScope(scope)}),
    corrections as (
      select -1 as d, workplace_id from later union all select 1, workplace_id from leaving),
    corrected as (
      select coalesce(sum(c.d), 0)::int as total,
             coalesce(sum(c.d) filter (where exists (
               select 1 from workplaces w where w.id = c.workplace_id and w.employee_count > 0)), 0)::int as rated
        from corrections c)
    select (select total from base) + (select total from corrected) as "totalMemberCount",
           (select rated from base) + (select rated from corrected) as "memberCount",
           (select sum(w.employee_count) from workplaces w
             where w.employee_count > 0 and ${workplaceInScope})::int as "employeeCount"`);
  return rowsOf<{ totalMemberCount: number; memberCount: number; employeeCount: number | null }>(result)[0]!;
}
