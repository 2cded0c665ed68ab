// The SPEC §5 dashboards through their services against hand-written SQL of
// the same figures for the whole union (an admin's view), in the same run, on
// the same driver. The hand SQL is what a developer would write straight at
// the tables: no scope conditions, no shared fragments, no JSON shaping. Both
// sides issue their statements concurrently, as the service does. The figures
// are compared too: a reference that disagrees would be measuring something else.
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client';
import { bumpDashboardsVersion } from '../src/db/queries/data-versions';
import { rowsOf } from '../src/db/queries/records';
import type { ServiceContext } from '../src/services/context';
import { getMonthlyDashboard } from '../src/services/dashboards/get-monthly-dashboard';
import { getWeeklyDashboard } from '../src/services/dashboards/get-weekly-dashboard';
import { round1, timeRuns } from './engine';

const TZ = 'Asia/Tokyo';
const counted = sql.raw(`m.status = 'active' and m.union_role <> 'organizing_target'`);

function weeklyByHand(db: Db, asOf: string, weekEnd: string, baselineOn: string) {
  const baseline = sql`((${baselineOn}::date + 1)::timestamp at time zone ${TZ})`;
  const steps = (v: string) =>
    sql.raw(
      `array_position(array['active_core','regular','occasional','rare','indifferent','at_risk']::engagement[], ${v})`,
    );
  return Promise.all([
    db.execute(sql`
      select c.id, c.title, c.due_on, c.due_on < ${asOf}::date as overdue, m.id as member_id, m.name,
             u.display_name, count(*) over () as total, count(*) filter (where c.due_on < ${asOf}::date) over () as overdue_total
        from member_cases c join members m on m.id = c.member_id left join users u on u.id = m.owner_id
       where c.status = 'open' and c.due_on <= ${weekEnd}::date
       order by c.due_on, m.name, c.id limit 500`),
    db.execute(sql`
      select m.id, m.name, w.name as workplace, u.display_name, s.since, count(*) over () as total
        from members m
        left join lateral (
          select h.changed_at as since from engagement_history h
           where h.member_id = m.id and h."to" = 'at_risk' and h."from" is distinct from 'at_risk'
           order by h.changed_at desc, h.seq desc limit 1) s on true
        left join workplaces w on w.id = m.workplace_id left join users u on u.id = m.owner_id
       where ${counted} and m.engagement = 'at_risk'
       order by s.since nulls last, m.name, m.id limit 500`),
    db.execute(sql`
      select m.id, m.name, e.before_value, m.engagement, count(*) over () as total
        from (select distinct on (h.member_id) h.member_id, coalesce(h."from", h."to") as before_value
                from engagement_history h where h.changed_at >= ${baseline}
               order by h.member_id, h.changed_at, h.seq) e
        join members m on m.id = e.member_id
       where ${counted} and ${steps('m.engagement')} - ${steps('e.before_value')} >= 2
       order by ${steps('m.engagement')} - ${steps('e.before_value')} desc, m.name limit 500`),
    db.execute(sql`
      select w.id, w.name, w.atmosphere, m.engagement, count(m.id) as n
        from workplaces w left join members m on m.workplace_id = w.id and ${counted}
       group by w.id, m.engagement`),
    db.execute(sql`
      select m.id, m.name, m.next_action, m.next_action_due_on, m.next_action_due_on < ${asOf}::date as overdue,
             w.name as workplace, u.display_name, count(*) over () as total
        from members m left join workplaces w on w.id = m.workplace_id left join users u on u.id = m.owner_id
       where m.status = 'active' and m.next_action_due_on <= ${weekEnd}::date
       order by m.next_action_due_on, m.name, m.id limit 500`),
  ]);
}

function monthlyByHand(db: Db, asOf: string) {
  return Promise.all([
    db.execute(sql`
      with season as (
        -- The season current on asOf: its dates contain asOf (latest start first), else the latest started.
        select s.id from bargaining_seasons s where s.starts_on <= ${asOf}::date
         order by s.ends_on >= ${asOf}::date desc, s.starts_on desc, s.id limit 1)
      select d.id, d.title, count(m.id) as n
        from demands d left join demand_members dm on dm.demand_id = d.id
        left join members m on m.id = dm.member_id and ${counted}
       where not exists (select 1 from season) or d.season_id = (select id from season)
       group by d.id order by n desc`),
    db.execute(sql`
      select w.id, w.name, w.employee_count, count(m.id) as n, count(m.id)::float8 / nullif(w.employee_count, 0) as rate
        from workplaces w left join members m on m.workplace_id = w.id and ${counted}
       group by w.id order by rate desc nulls last`),
    db.execute(sql`
      with months as (
        select to_char(d, 'YYYY-MM') as month, least((d + interval '1 month' - interval '1 day')::date, ${asOf}::date) as end_on
          from generate_series(date_trunc('month', ${asOf}::date) - interval '11 months', date_trunc('month', ${asOf}::date), interval '1 month') d),
      spells as materialized (
        select h.changed_at as s, (select n.changed_at from engagement_history n
                                    where n.member_id = h.member_id and (n.changed_at, n.seq) > (h.changed_at, h.seq)
                                    order by n.changed_at, n.seq limit 1) as e,
               m.union_role, m.left_on, m.joined_on, m.created_at
          from engagement_history h join members m on m.id = h.member_id
         where h."to" = 'at_risk')
      select mo.month, count(sp.s) as at_risk
        from months mo left join spells sp
          on sp.s < ((mo.end_on + 1)::timestamp at time zone ${TZ})
         and (sp.e is null or sp.e >= ((mo.end_on + 1)::timestamp at time zone ${TZ}))
         and sp.union_role <> 'organizing_target' and (sp.left_on is null or sp.left_on > mo.end_on)
         and (sp.joined_on <= mo.end_on or (sp.joined_on is null and sp.created_at < ((mo.end_on + 1)::timestamp at time zone ${TZ})))
       group by mo.month order by mo.month`),
    db.execute(sql`
      select month, member_count, rated_member_count, employee_count from monthly_snapshots
       where workplace_id is null and month >= to_char(${asOf}::date - interval '11 months', 'YYYY-MM') order by month`),
    db.execute(sql`
      select count(*) from members m
       where m.union_role <> 'organizing_target' and (m.left_on is null or m.left_on > ${asOf}::date)
         and m.joined_on <= ${asOf}::date`),
  ]);
}

export async function measureDashboards(ctx: ServiceContext, runs: number) {
  const db = ctx.db as Db;
  const weekly = await getWeeklyDashboard(ctx, { limit: 500 });
  const monthly = await getMonthlyDashboard(ctx, {});
  const [, risk, warnings, , nextActions] = await weeklyByHand(
    db,
    weekly.asOf,
    weekly.weekEnd,
    weekly.earlyWarningBaselineOn,
  );
  const [demandRows, , trend] = await monthlyByHand(db, monthly.asOf);
  const totalOf = (r: unknown) => Number(rowsOf<{ total: number }>(r)[0]?.total ?? 0);
  const agree = {
    attritionRisk: totalOf(risk) === weekly.totals.attritionRisk,
    earlyWarnings: totalOf(warnings) === weekly.totals.earlyWarnings,
    nextActions: totalOf(nextActions) === weekly.totals.nextActions,
    demands:
      rowsOf<{ n: number }>(demandRows).reduce((s, r) => s + Number(r.n), 0) ===
      monthly.demands.reduce((s, d) => s + d.relatedMemberCount, 0),
    attritionTrend:
      rowsOf<{ at_risk: number }>(trend)
        .map((r) => Number(r.at_risk))
        .join() === monthly.attritionTrend.map((p) => p.atRiskCount).join(),
  };

  // Cold: the data version moved before each run (as after any change), so the figures are
  // computed. Warm: unchanged data, answered from the cache (services/dashboards/cache.ts).
  const changed = () => bumpDashboardsVersion(db);
  const measure = async (service: () => Promise<unknown>, hand: () => Promise<unknown>) => {
    const cold = await timeRuns(runs, service, changed);
    const warm = await timeRuns(runs, service);
    const reference = await timeRuns(runs, hand);
    return {
      cold,
      warm,
      handSql: reference,
      coldRatioP50: round1(cold.p50Ms / Math.max(reference.p50Ms, 0.1)),
    };
  };
  return {
    figuresAgree: agree,
    weekly: await measure(
      () => getWeeklyDashboard(ctx, { limit: 500 }),
      () => weeklyByHand(db, weekly.asOf, weekly.weekEnd, weekly.earlyWarningBaselineOn),
    ),
    monthly: await measure(
      () => getMonthlyDashboard(ctx, {}),
      () => monthlyByHand(db, monthly.asOf),
    ),
    totals: { ...weekly.totals, workplaces: weekly.workplaceMap.length },
  };
}
