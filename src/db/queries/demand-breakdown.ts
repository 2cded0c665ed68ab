import { type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { DbOrTx } from '../client';
import { countedMember } from './demands';
import { rowsOf } from './records';
import { memberScopeSql } from './scope';

// What a demand's 関連組合員数 is made of (issue 15 §2). Each figure counts what the
// linked-member list lists with the matching filter (demandMemberFilter in demands.ts):
// the breakdown's drill-downs.

export type BreakdownRow = {
  dim: 'total' | 'workplace' | 'jobType' | 'grade' | 'engagement' | 'unionRole';
  key: string | null;
  n: number;
  workplaceName: string | null;
  memberCount: number | null;
};

/**
 * The demand's counted members within the scope (as relatedMemberCount counts them), grouped
 * by workplace, 職種, 等級, engagement and union role in one pass (grouping sets), with each
 * workplace's own counted members (its memberCount) for the share. Within a dimension: most
 * first, then 職場名順 (workplaces) or the value ("C" collation), 未設定 (null) last.
 */
export async function findDemandBreakdown(db: DbOrTx, demandId: string, scope: Scope) {
  const result = await db.execute(sql`
    with linked as (
      select members.workplace_id, members.job_type, members.grade, members.engagement, members.union_role
        from demand_members dm join members on members.id = dm.member_id
       where dm.demand_id = ${demandId}::uuid and ${countedMember} and ${memberScopeSql(scope) ?? sql`true`}
    ),
    groups as (
      select case when grouping(workplace_id) = 0 then 'workplace'
                  when grouping(job_type) = 0 then 'jobType'
                  when grouping(grade) = 0 then 'grade'
                  when grouping(engagement) = 0 then 'engagement'
                  when grouping(union_role) = 0 then 'unionRole'
                  else 'total' end as dim,
             coalesce(workplace_id::text, job_type, grade, engagement::text, union_role::text) as key,
             count(*)::int as n
        from linked
       group by grouping sets ((workplace_id), (job_type), (grade), (engagement), (union_role), ())
    ),
    workplace_members as (
      select members.workplace_id, count(*)::int as n
        from members
       where ${countedMember}
         and members.workplace_id in (select g.key::uuid from groups g where g.dim = 'workplace' and g.key is not null)
       group by members.workplace_id
    )
    select g.dim, g.key, g.n, w.name as "workplaceName", wm.n as "memberCount"
      from groups g
      left join workplaces w on g.dim = 'workplace' and w.id::text = g.key
      left join workplace_members wm on g.dim = 'workplace' and wm.workplace_id::text = g.key
     order by g.dim, g.key is null, g.n desc, w.name_kana collate "C" asc nulls last, w.name collate "C",
              g.key collate "C"`);
  return rowsOf<BreakdownRow>(result);
}

export type HistoryRow = {
  from: string | null;
  to: string | null;
  date: string | null;
  count: number | null;
  events: [action: 'link' | 'unlink', source: string, n: number][] | string | null;
};

/**
 * The demand's links held per day (organization time zone) from its link events, in one
 * statement: from the season's start (without a season: the first event's day) to
 * min(today, the season's end), each day's running total (events before the start form the
 * opening count) and its events per action and source. Unscoped (admin, officer, executive):
 * every event, erased members' included. Scoped (a rep): only the events whose member — a
 * merged record resolved to the member kept — is now in the scope; an erased member's events
 * (member cleared) and a deleted member's are in no scope.
 */
export async function findDemandLinkHistory(db: DbOrTx, demandId: string, scope: Scope, today: SQL) {
  const inScope = memberScopeSql(scope);
  const scoped = inScope
    ? sql`join members on members.id = coalesce(
              (select mm.kept_id from member_merges mm where mm.merged_id = e.member_id), e.member_id)
            and ${inScope}`
    : sql``;
  const result = await db.execute(sql`
    with ev as (
      select (e.at at time zone (select s.timezone from settings s where s.id = 1))::date as day, e.action, e.source
        from demand_link_events e ${scoped}
       where e.demand_id = ${demandId}::uuid
    ),
    bounds as (
      select coalesce(bs.starts_on, (select min(ev.day) from ev)) as start,
             least(${today}, coalesce(bs.ends_on, ${today})) as stop
        from demands d left join bargaining_seasons bs on bs.id = d.season_id
       where d.id = ${demandId}::uuid
    ),
    daily as (
      select ev.day, sum(case when ev.action = 'link' then 1 else -1 end)::int as net from ev group by ev.day
    ),
    opening as (
      select coalesce(sum(daily.net), 0)::int as n from daily, bounds where daily.day < bounds.start
    ),
    per_day as (
      select p.day, json_agg(json_build_array(p.action, p.source, p.n) order by p.action, p.source) as events
        from (select ev.day, ev.action, ev.source, count(*)::int as n from ev group by ev.day, ev.action, ev.source) p
       group by p.day
    ),
    series as (
      select g.day::date as day,
             ((select n from opening) + sum(coalesce(daily.net, 0)) over (order by g.day))::int as count
        from bounds cross join lateral generate_series(bounds.start, bounds.stop, interval '1 day') as g(day)
        left join daily on daily.day = g.day::date
    )
    select b.start::text as "from", b.stop::text as "to", s.day::text as date, s.count, pd.events
      from bounds b
      left join series s on true
      left join per_day pd on pd.day = s.day
     order by s.day`);
  return rowsOf<HistoryRow>(result);
}
