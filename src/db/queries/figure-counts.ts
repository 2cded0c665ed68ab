import { type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { DbOrTx } from '../client';
import { rowsOf } from './records';
import { workplaceScopeSql } from './scope';

// The figure counts of migration 0031: member and demand-link counts kept by statement-level
// triggers in each change's transaction (as signed deltas) and folded into counter rows. A
// figure is a sum over a few thousand counter rows, not a count of a million members.

/** "No workplace" / "no owner" in the counters' keys. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Members by (workplace_id, owner_id, engagement, status, organizing_target, has_left_on), n:
 * the folded counts and the deltas not yet folded (sum n per key for the count).
 */
export const memberCountsSql: SQL = sql`(
  select workplace_id, owner_id, engagement, status, organizing_target, has_left_on, n from kumiai_member_counts
  union all
  select workplace_id, owner_id, engagement, status, organizing_target, has_left_on, n from kumiai_member_count_deltas)`;

/** Counted members linked to demands by (demand_id, workplace_id, owner_id), n: counts and deltas. */
export const demandCountsSql: SQL = sql`(
  select demand_id, workplace_id, owner_id, n from kumiai_demand_counts
  union all
  select demand_id, workplace_id, owner_id, n from kumiai_demand_count_deltas)`;

/** What countedMember is on a member counter row. */
export const countedKeySql = (t: string) =>
  sql.raw(`(${t}.status = 'active' and not ${t}.organizing_target)`);

/**
 * A counter row within a scope (a rep's workplaces; none without a workplace) and, narrowed to
 * one owner (自分の担当だけ), theirs. `t` names the counter relation.
 */
export function countsInScope(scope: Scope & { ownerId?: string | undefined }, t: string): SQL {
  const conditions: SQL[] = [];
  const workplaces = workplaceScopeSql(scope, sql.raw(`${t}.workplace_id`));
  if (workplaces) conditions.push(workplaces);
  if (scope.ownerId) conditions.push(sql`${sql.raw(`${t}.owner_id`)} = ${scope.ownerId}::uuid`);
  return conditions.length ? sql`(${sql.join(conditions, sql` and `)})` : sql`true`;
}

/**
 * Moves the deltas into the counter rows (one statement, its own transaction when called
 * outside one). Cheap when few writes happened since the last fold; a fold already running
 * elsewhere is not waited for. Figures are right either way (readers add the deltas): this
 * keeps the delta tables short.
 */
export async function foldFigureCounts(db: DbOrTx): Promise<void> {
  await db.execute(sql`select kumiai_fold_figure_counts()`);
}

/**
 * Counts every counter and works out every at-risk spell from the tables (after a restore,
 * which loads with triggers off).
 */
export async function rebuildFigureCounts(db: DbOrTx): Promise<void> {
  await db.execute(sql`select kumiai_rebuild_figure_counts()`);
  await db.execute(sql`select kumiai_rebuild_risk_spells()`);
}

/** Forgets the kept early warnings (migration 0032): the next dashboard builds them again. */
export async function resetEarlyWarnings(db: DbOrTx): Promise<void> {
  await db.execute(sql`select kumiai_reset_early_warnings()`);
}

/**
 * The kept early-warning rows (migration 0032) that differ from the history worked out for the
 * kept baseline (empty when they agree, or when none is kept).
 */
export async function earlyWarningDisagreement(db: DbOrTx) {
  return rowsOf<{ memberId: string; kept: string | null; actual: string | null }>(
    await db.execute(sql`
      with b as (select baseline from kumiai_early_warning_state where baseline is not null),
      actual as (
        select m.id as member_id, f.before_value::text || '/' ||
               (kumiai_engagement_step(m.engagement) - kumiai_engagement_step(f.before_value))::text || '/' ||
               m.engagement::text || '/' || (m.status = 'active' and m.union_role <> 'organizing_target')::text || '/' ||
               coalesce((select max(c.changed_at) from engagement_history c
                          where c.member_id = m.id and c.changed_at >= (select baseline from b)
                            and kumiai_engagement_step(c."to") > kumiai_engagement_step(c."from"))::text, '-') as v
          from members m
          cross join lateral (
            select coalesce(h."from", h."to") as before_value from engagement_history h
             where h.member_id = m.id and h.changed_at >= (select baseline from b)
             order by h.changed_at, h.seq limit 1) f
         where exists (select 1 from b)),
      kept as (
        select member_id, before_value::text || '/' || steps::text || '/' || engagement::text || '/' ||
               counted::text || '/' || coalesce(cooled_at::text, '-') as v
          from kumiai_early_warning_baselines where exists (select 1 from b))
      select coalesce(k.member_id, a.member_id)::text as "memberId", k.v as kept, a.v as actual
        from kept k full join actual a using (member_id)
       where k.v is distinct from a.v`),
  );
}

/**
 * Keys where the counters (and the at-risk spells) differ from a recount of the tables (empty when they agree): the
 * invariant the tests and the reliability suite check.
 */
export async function figureCountsDisagreement(db: DbOrTx) {
  const members = rowsOf<{ key: string; counted: number; actual: number }>(
    await db.execute(sql`
      with counted as (
        select workplace_id, owner_id, engagement, status, organizing_target, has_left_on, sum(n)::int as n
          from ${memberCountsSql} c group by 1, 2, 3, 4, 5, 6),
      actual as (
        select coalesce(workplace_id, ${NIL_UUID}::uuid) as workplace_id, coalesce(owner_id, ${NIL_UUID}::uuid) as owner_id,
               engagement::text as engagement, status::text as status, union_role = 'organizing_target' as organizing_target,
               left_on is not null as has_left_on, count(*)::int as n
          from members group by 1, 2, 3, 4, 5, 6)
      select concat_ws('|', coalesce(c.workplace_id, a.workplace_id), coalesce(c.owner_id, a.owner_id),
                       coalesce(c.engagement, a.engagement), coalesce(c.status, a.status),
                       coalesce(c.organizing_target, a.organizing_target), coalesce(c.has_left_on, a.has_left_on)) as key,
             coalesce(c.n, 0) as counted, coalesce(a.n, 0) as actual
        from counted c full join actual a using (workplace_id, owner_id, engagement, status, organizing_target, has_left_on)
       where coalesce(c.n, 0) <> coalesce(a.n, 0)`),
  );
  const demands = rowsOf<{ key: string; counted: number; actual: number }>(
    await db.execute(sql`
      with counted as (
        select demand_id, workplace_id, owner_id, sum(n)::int as n from ${demandCountsSql} c group by 1, 2, 3),
      actual as (
        select l.demand_id, coalesce(m.workplace_id, ${NIL_UUID}::uuid) as workplace_id,
               coalesce(m.owner_id, ${NIL_UUID}::uuid) as owner_id, count(*)::int as n
          from demand_members l join members m on m.id = l.member_id
         where m.status = 'active' and m.union_role <> 'organizing_target'
         group by 1, 2, 3)
      select concat_ws('|', coalesce(c.demand_id, a.demand_id), coalesce(c.workplace_id, a.workplace_id),
                       coalesce(c.owner_id, a.owner_id)) as key,
             coalesce(c.n, 0) as counted, coalesce(a.n, 0) as actual
        from counted c full join actual a using (demand_id, workplace_id, owner_id)
       where coalesce(c.n, 0) <> coalesce(a.n, 0)`),
  );
  const spells = rowsOf<{ key: string; counted: string | null; actual: string | null }>(
    await db.execute(sql`
      with actual as (
        select m.id as member_id, max(h.changed_at) as since from members m
          join engagement_history h on h.member_id = m.id and h."to" = 'at_risk' and h."from" is distinct from 'at_risk'
         where m.engagement = 'at_risk' group by m.id)
      select coalesce(s.member_id, a.member_id)::text as key, s.since::text as counted, a.since::text as actual
        from kumiai_at_risk_spells s full join actual a using (member_id)
       where s.since is distinct from a.since`),
  );
  // The at-risk spells of the trend (migration 0033) against the history worked out again.
  const riskSpells = rowsOf<{ key: string; counted: number; actual: number }>(
    await db.execute(sql`
      with actual as (select * from kumiai_risk_spells_from_history),
      kept as (
        select member_id, start_at, end_at, workplace_id, owner_id, union_role, joined_on, left_on, created_at
          from kumiai_risk_spells),
      k as (select concat_ws('|', k.*) as key, count(*)::int as n from kept k group by 1),
      a as (select concat_ws('|', a.*) as key, count(*)::int as n from actual a group by 1)
      select coalesce(k.key, a.key) as key, coalesce(k.n, 0) as counted, coalesce(a.n, 0) as actual
        from k full join a using (key)
       where coalesce(k.n, 0) <> coalesce(a.n, 0)`),
  );
  return { members, demands, spells, riskSpells };
}
