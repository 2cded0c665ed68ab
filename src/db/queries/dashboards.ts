import { type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import { ENGAGEMENTS, type Engagement } from '../../core/enums';
import type { Db, DbOrTx } from '../client';
import { countedMember } from './demands';
import { countedKeySql, countsInScope, memberCountsSql } from './figure-counts';
import { caseScopeSql, memberScopeSql, workplaceScopeSql } from './scope';

// The dashboards' set-based SQL (SPEC §5). Every statement reads `members`
// without an alias so that `countedMember` (the memberCount rule, shared with
// demands and workplaces) applies as is. Results are plain JSON values on both
// drivers: counts ::int, rates ::float8, days and instants formatted in SQL.

import { rowsOf } from './records';

/**
 * A dashboard statement in a short transaction of its own, planned for latency: no JIT
 * compilation (at 1M members several statements' cost estimates pass jit_above_cost, and
 * compiling took 20–30 ms of a 45 ms statement) and no parallel workers (starting them costs
 * more than the counters' small reads save, and on a busy server they take the cores that the
 * other statements of the same view and the writers need). Settings local to the transaction,
 * so they hold through a transaction pooler.
 */
export function latencyRead<T>(db: Db, read: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    );
    return read(tx);
  });
}

/** An instant as the API writes it (what Date#toISOString gives). */
export const isoSql = (instant: SQL) =>
  sql`to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const daySql = (date: SQL) => sql`to_char(${date}, 'YYYY-MM-DD')`;

/** The first instant after the day `day` (a date) in the time zone: that day's end, exclusive. */
export const dayEndSql = (day: SQL, timeZone: string) =>
  sql`((${day})::date + 1)::timestamp at time zone ${timeZone}::text`;

/** The 6-step scale in SQL, from the one list in core (active_core 0 … at_risk 5). */
export function engagementStepSql(value: SQL): SQL {
  const arms = ENGAGEMENTS.map((e, i) => sql`when ${sql.raw(`'${e}'`)} then ${sql.raw(String(i))}`);
  return sql`(case ${value}::text ${sql.join(arms, sql` `)} end)`;
}

/**
 * The members whose engagement at an instant was at_risk: their last history
 * row before it set at_risk. A set (anti-join on the next row), so callers
 * test membership by hash instead of looking up each member's history.
 */
export const atRiskMemberIdsSql = (cutoff: SQL) =>
  sql`(select h.member_id from engagement_history h
        where h."to" = 'at_risk' and h.changed_at < ${cutoff}
          and not exists (
            select 1 from engagement_history n
             where n.member_id = h.member_id and (n.changed_at, n.seq) > (h.changed_at, h.seq)
               and n.changed_at < ${cutoff}))`;

/**
 * A member at the end of `endOn` (the trend's "active at that month's end"):
 * not an organizing target (the role has no history: today's role applies),
 * not left on or before that day, and joined by then — or, without a join
 * date, recorded in the system by then. `t` names the relation holding the
 * member's columns (members, or a CTE that carries them).
 */
export function memberAtDayEndSql(endOn: SQL, cutoff: SQL, t = 'members'): SQL {
  const c = (column: string) => sql.raw(`${t}.${column}`);
  return sql`(${c('union_role')} <> 'organizing_target'
    and (${c('left_on')} is null or ${c('left_on')} > ${endOn})
    and (${c('joined_on')} <= ${endOn} or (${c('joined_on')} is null and ${c('created_at')} < ${cutoff})))`;
}

const byName = sql`members.name collate "C", members.id`;

/**
 * A scope condition (scope.ts) inside raw SQL: `true` when it restricts nothing.
 * Every figure takes the actor's scope, so a rep's figures are those of their
 * workplaces only, computed by the same statement with one more condition.
 */
export const scopeCondition = (condition: SQL | undefined): SQL => condition ?? sql`true`;

/**
 * A scope narrowed to the members one staff user owns (自分の担当だけ, issue 17): every
 * member figure and list counts only their members; the workplace map counts them and
 * leaves out workplaces with none.
 */
export type FigureScope = Scope & { ownerId?: string | undefined };

/** Members the actor may see (and, narrowed, owns), on the unaliased `members` relation. */
export const memberInScope = (scope: FigureScope) =>
  scope.ownerId
    ? sql`(${scopeCondition(memberScopeSql(scope, sql`members.workplace_id`))} and members.owner_id = ${scope.ownerId}::uuid)`
    : scopeCondition(memberScopeSql(scope, sql`members.workplace_id`));

// ---------------------------------------------------------------- weekly

/** Open cases due by the week's Sunday that the actor may see (sensitive ones only with the permission). */
const followUpWhere = (weekEnd: string, scope: Scope) =>
  sql`c.status = 'open' and c.due_on <= ${weekEnd}::date and ${scopeCondition(caseScopeSql(scope, sql`c.sensitive`))}`;

/**
 * Open cases due by the week's Sunday, of any member in scope, earliest due first: the first
 * `limit`, read in due order from the open cases' index, and the totals counted apart (on
 * that index alone when the scope does not restrict members), so no page sorts them all.
 */
export async function findFollowUps(
  db: DbOrTx,
  p: { asOf: string; weekEnd: string },
  limit: number,
  scope: FigureScope,
) {
  const overdue = sql`c.due_on < ${p.asOf}::date`;
  const restricted = scope.workplaceIds !== null || !!scope.ownerId;
  const [items, totals] = await Promise.all([
    db.execute(sql`
      select members.id as "memberId", members.name as "memberName", c.id as "caseId", c.title as "caseTitle",
             ${daySql(sql`c.due_on`)} as "dueOn", (${overdue}) as overdue, c.sensitive,
             members.owner_id as "ownerId", u.display_name as "ownerName"
        from member_cases c
        join members on members.id = c.member_id
        left join users u on u.id = members.owner_id
       where ${followUpWhere(p.weekEnd, scope)} and ${memberInScope(scope)}
       order by c.due_on, ${byName}, c.id
       limit ${limit}::int`),
    db.execute(sql`
      select count(*)::int as total, (count(*) filter (where ${overdue}))::int as "overdueTotal"
        from member_cases c
        ${restricted ? sql`join members on members.id = c.member_id and ${memberInScope(scope)}` : sql``}
       where ${followUpWhere(p.weekEnd, scope)}`),
  ]);
  const counted = rowsOf<{ total: number; overdueTotal: number }>(totals)[0];
  return {
    items: rowsOf<FollowUpRow>(items),
    total: counted?.total ?? 0,
    overdue: counted?.overdueTotal ?? 0,
  };
}
export type FollowUpRow = {
  memberId: string;
  memberName: string;
  caseId: string;
  caseTitle: string;
  dueOn: string;
  overdue: boolean;
  sensitive: boolean;
  ownerId: string | null;
  ownerName: string | null;
};

/** Members of a follow-up (for the drill-down): those with a follow-up the actor may see. */
export const followUpMemberSql = (weekEnd: string, scope: Scope) =>
  sql`exists (select 1 from member_cases c where c.member_id = members.id and ${followUpWhere(weekEnd, scope)})`;

/**
 * Members whose next action is due by the week's Sunday (overdue ones too).
 * Left members are not due work and are left out; organizing targets are
 * people the union works with, and their next actions count.
 */
export const nextActionMemberSql = (weekEnd: string) =>
  sql`(members.status = 'active' and members.next_action_due_on <= ${weekEnd}::date)`;

/**
 * 今週期日の次のアクション: members in scope with a next action due by the
 * week's Sunday, overdue first (earliest due first, then by name); the first
 * `limit`, and the full count.
 */
export async function findNextActions(
  db: DbOrTx,
  p: { asOf: string; weekEnd: string },
  limit: number,
  scope: FigureScope,
) {
  const [items, total] = await Promise.all([
    db.execute(sql`
      select members.id as "memberId", members.name, members.next_action as "nextAction",
             ${daySql(sql`members.next_action_due_on`)} as "nextActionDueOn",
             (members.next_action_due_on < ${p.asOf}::date) as overdue,
             members.workplace_id as "workplaceId", w.name as "workplaceName",
             members.owner_id as "ownerId", u.display_name as "ownerName"
        from members
        left join workplaces w on w.id = members.workplace_id
        left join users u on u.id = members.owner_id
       where ${nextActionMemberSql(p.weekEnd)} and ${memberInScope(scope)}
       order by members.next_action_due_on, ${byName}
       limit ${limit}::int`),
    // Counted apart from the page (next_action_due_idx), so the page is read in due order.
    db.execute(sql`
      select count(*)::int as total from members
       where ${nextActionMemberSql(p.weekEnd)} and ${memberInScope(scope)}`),
  ]);
  return { items: rowsOf<NextActionRow>(items), total: rowsOf<{ total: number }>(total)[0]?.total ?? 0 };
}
export type NextActionRow = {
  memberId: string;
  name: string;
  nextAction: string | null;
  nextActionDueOn: string;
  overdue: boolean;
  workplaceId: string | null;
  workplaceName: string | null;
  ownerId: string | null;
  ownerName: string | null;
};

export const attritionRiskSql = sql`(${countedMember} and members.engagement = 'at_risk')`;

/**
 * Counted members at risk, longest at risk first. `since` is the start of the current spell:
 * the latest history row that moved them to at_risk from another value (a member without such
 * a row comes last). The page is read from the at-risk spells kept with each change
 * (migration 0031) in `since` order; members without a spell are looked for only when the
 * spells do not fill it. The total is a sum of the figure counters.
 */
export async function findAttritionRisk(db: DbOrTx, timeZone: string, limit: number, scope: FigureScope) {
  const [items, total] = await Promise.all([
    db.execute(sql`
      with spelled as materialized (
        select members.id, s.since from kumiai_at_risk_spells s
          join members on members.id = s.member_id
         where ${attritionRiskSql} and ${memberInScope(scope)}
         order by s.since, ${byName}
         limit ${limit}::int),
      unspelled as (
        select members.id, null::timestamptz as since from members
         where (select count(*) from spelled) < ${limit}::int
           and ${attritionRiskSql} and ${memberInScope(scope)}
           and not exists (select 1 from kumiai_at_risk_spells s where s.member_id = members.id)
         order by ${byName}
         limit ${limit}::int),
      page as (select * from spelled union all select * from unspelled)
      select members.id as "memberId", members.name, members.workplace_id as "workplaceId", w.name as "workplaceName",
             ${isoSql(sql`page.since`)} as since,
             to_char(page.since at time zone ${timeZone}::text, 'YYYY-MM-DD') as "sinceOn",
             members.owner_id as "ownerId", u.display_name as "ownerName"
        from page
        join members on members.id = page.id
        left join workplaces w on w.id = members.workplace_id
        left join users u on u.id = members.owner_id
       order by page.since asc nulls last, ${byName}
       limit ${limit}::int`),
    db.execute(sql`
      select coalesce(sum(mc.n), 0)::int as total from ${memberCountsSql} mc
       where ${countedKeySql('mc')} and mc.engagement = 'at_risk' and ${countsInScope(scope, 'mc')}`),
  ]);
  return { items: rowsOf<AttritionRiskRow>(items), total: rowsOf<{ total: number }>(total)[0]?.total ?? 0 };
}

/** Splits the window total off a capped list's rows (no rows: none in all). */
function withTotal<T extends { total: number }>(rows: T[]) {
  return { items: rows.map(({ total: _t, ...row }) => row), total: rows[0]?.total ?? 0 };
}

export type AttritionRiskRow = {
  memberId: string;
  name: string;
  workplaceId: string | null;
  workplaceName: string | null;
  since: string | null;
  sinceOn: string | null;
  ownerId: string | null;
  ownerName: string | null;
};

/**
 * Early warnings (member_id, before_value, steps): counted members whose
 * current engagement is `minSteps`+ colder than at `baseline` — the last
 * history row before it, or the first one when they were recorded later.
 * Every change writes its history row, with the value it replaced, in the
 * same transaction (ARCHITECTURE §7). So only a member with a row since the
 * baseline can differ from then, and the value at the baseline is that first
 * row's `from` (its `to` when it is the initial row): one DISTINCT ON pass
 * over the window's rows (changed_at index), no lookup per member.
 */
export function earlyWarningSource(
  baseline: Date,
  minSteps: number,
  colderValues: readonly Engagement[],
): SQL {
  const at = sql`${baseline.toISOString()}::timestamptz`;
  const values = sql.join(
    colderValues.map((e) => sql`${e}`),
    sql`, `,
  );
  const steps = sql`${engagementStepSql(sql`members.engagement`)} - ${engagementStepSql(sql`e.before_value`)}`;
  return sql`(
    select members.id as member_id, e.before_value, ${steps} as steps
      from (
        select distinct on (h.member_id) h.member_id, coalesce(h."from", h."to") as before_value
          from engagement_history h
         where h.changed_at >= ${at}
         order by h.member_id, h.changed_at, h.seq) e
      join members on members.id = e.member_id
     where ${countedMember} and members.engagement::text in (${values}) and ${steps} >= ${minSteps}::int)`;
}

/**
 * Whether the early warnings kept with each change (migration 0032) are for `baseline`; with
 * `build`, they are made so first (the day's first reader rebuilds them for the new baseline).
 */
export async function keptEarlyWarningsFor(db: DbOrTx, baseline: Date, build: boolean): Promise<boolean> {
  const at = sql`${baseline.toISOString()}::timestamptz`;
  const [state] = rowsOf<{ same: boolean }>(
    await db.execute(sql`select baseline is not distinct from ${at} as same from kumiai_early_warning_state`),
  );
  if (state?.same) return true;
  if (!build) return false;
  await db.execute(sql`select kumiai_rebuild_early_warnings(${at})`);
  return true;
}

/**
 * 早期警告: counted members in scope now `minSteps`+ colder than at the baseline, most steps
 * first, then the latest cooling, then by name; the first `limit` and the total. For the kept
 * baseline (the day's: `build` makes it so), read from the rows kept with each change
 * (migration 0032); for another one (a past asOf), worked out from the history's window.
 */
export async function findEarlyWarnings(
  db: DbOrTx,
  p: { baseline: Date; minSteps: number; colderValues: readonly Engagement[] },
  limit: number,
  scope: FigureScope,
  options: { build?: boolean } = {},
) {
  if (await keptEarlyWarningsFor(db, p.baseline, options.build ?? false)) {
    const values = sql.join(
      p.colderValues.map((e) => sql`${e}`),
      sql`, `,
    );
    // Whether a member counts and their engagement now are kept with them: for a scope that
    // restricts nothing, the count reads the kept rows alone.
    const kept = sql`k.steps >= ${p.minSteps}::int and k.counted and k.engagement::text in (${values})`;
    const restricted = scope.workplaceIds !== null || !!scope.ownerId;
    const [items, total] = await Promise.all([
      db.execute(sql`
        select members.id as "memberId", members.name, members.workplace_id as "workplaceId", w.name as "workplaceName",
               k.before_value as "from", members.engagement as "to", k.steps::int as steps,
               ${isoSql(sql`k.cooled_at`)} as "changedAt",
               members.owner_id as "ownerId", u.display_name as "ownerName"
          from kumiai_early_warning_baselines k
          join members on members.id = k.member_id
          left join workplaces w on w.id = members.workplace_id
          left join users u on u.id = members.owner_id
         where ${kept} and ${memberInScope(scope)}
         order by k.steps desc, k.cooled_at desc nulls last, ${byName}
         limit ${limit}::int`),
      db.execute(sql`
        select count(*)::int as total from kumiai_early_warning_baselines k
        ${restricted ? sql`join members on members.id = k.member_id and ${memberInScope(scope)}` : sql``}
         where ${kept}`),
    ]);
    return {
      items: rowsOf<EarlyWarningRow>(items),
      total: rowsOf<{ total: number }>(total)[0]?.total ?? 0,
    };
  }
  const source = earlyWarningSource(p.baseline, p.minSteps, p.colderValues);
  const at = sql`${p.baseline.toISOString()}::timestamptz`;
  const result = await db.execute(sql`
    select members.id as "memberId", members.name, members.workplace_id as "workplaceId", w.name as "workplaceName",
           ew.before_value as "from", members.engagement as "to", ew.steps::int as steps,
           ${isoSql(sql`d.changed_at`)} as "changedAt",
           members.owner_id as "ownerId", u.display_name as "ownerName", (count(*) over ())::int as total
      from ${source} ew
      join members on members.id = ew.member_id
      left join workplaces w on w.id = members.workplace_id
      left join users u on u.id = members.owner_id
      left join lateral (
        select h.changed_at from engagement_history h
         where h.member_id = members.id and h.changed_at >= ${at}
           and ${engagementStepSql(sql`h."to"`)} > ${engagementStepSql(sql`h."from"`)}
         order by h.changed_at desc, h.seq desc limit 1) d on true
     where ${memberInScope(scope)}
     order by ew.steps desc, d.changed_at desc nulls last, ${byName}
     limit ${limit}::int`);
  return withTotal(rowsOf<EarlyWarningRow & { total: number }>(result));
}
export type EarlyWarningRow = {
  memberId: string;
  name: string;
  workplaceId: string | null;
  workplaceName: string | null;
  from: Engagement;
  to: Engagement;
  steps: number;
  changedAt: string | null;
  ownerId: string | null;
  ownerName: string | null;
};

/**
 * Every workplace in scope with its counted members by engagement; split_risk, then indifferent,
 * then 職場名順 (reading, then name). The counts are sums of the figure counters (migration
 * 0031), not a count of the members.
 */
export async function findWorkplaceMap(db: DbOrTx, scope: FigureScope) {
  const counts = ENGAGEMENTS.map((e) => sql`${sql.raw(`'${e}'`)}, coalesce(c.${sql.raw(e)}, 0)`);
  const sums = ENGAGEMENTS.map(
    (e) => sql`(sum(mc.n) filter (where mc.engagement = ${e}))::int as ${sql.raw(e)}`,
  );
  const result = await db.execute(sql`
    select w.id as "workplaceId", w.name, w.atmosphere, json_build_object(${sql.join(counts, sql`, `)}) as counts,
           coalesce(c.total, 0)::int as "memberCount"
      from workplaces w
      left join (
        select mc.workplace_id, ${sql.join(sums, sql`, `)}, sum(mc.n)::int as total
          from ${memberCountsSql} mc
         where ${countedKeySql('mc')} and ${countsInScope(scope, 'mc')}
         group by mc.workplace_id) c on c.workplace_id = w.id
     where ${scopeCondition(workplaceScopeSql(scope, sql`w.id`))}${scope.ownerId ? sql` and c.total > 0` : sql``}
     order by case w.atmosphere when 'split_risk' then 0 when 'indifferent' then 1 else 2 end,
              w.name_kana collate "C", w.name collate "C", w.id`);
  return rowsOf<WorkplaceMapRow>(result);
}
export type WorkplaceMapRow = {
  workplaceId: string;
  name: string;
  atmosphere: 'active' | 'normal' | 'indifferent' | 'split_risk';
  counts: Record<Engagement, number>;
  memberCount: number;
};
