import { eq, type SQL, sql } from 'drizzle-orm';
import { can } from '../../core/access/policy';
import { STAFF_ROLES } from '../../core/enums';
import { type RuleConfig, resolveRuleConfigs, type WorkflowRuleId } from '../../core/workflows/rules';
import { type Placeholder, parseTemplate, SENSITIVE_CASE_LABEL } from '../../core/workflows/templates';
import type { DbOrTx } from '../client';
import { workflowRules } from '../schema';
import { blindToWorkplaceSql } from './scope';

// The rules' set-based SQL: one INSERT … SELECT … ON CONFLICT DO NOTHING
// RETURNING per rule, whatever the number of members. Each must agree with the
// pure evaluation in core/workflows/evaluate.ts (tested on the same rows).
// NOT EXISTS on the once-key skips the rows already done cheaply; the unique
// index with ON CONFLICT DO NOTHING is what holds under a race.
// A task about a member or workplace goes to its owner only when the owner can
// see it (a rep: one of their workplaces); otherwise it is left unassigned, in the
// officers' pile, as a sensitive case's follow-up is.

export async function findRuleOverrides(db: DbOrTx) {
  return db.select().from(workflowRules);
}

/** Every rule with the organization's overrides applied. */
export async function findRuleConfigs(db: DbOrTx): Promise<Record<WorkflowRuleId, RuleConfig>> {
  return resolveRuleConfigs(await findRuleOverrides(db));
}

/**
 * Locks a rule's override row for an update, creating it (with the defaults,
 * version 1) when the organization never changed the rule.
 */
export async function lockRuleOverride(tx: DbOrTx, id: WorkflowRuleId) {
  await tx.insert(workflowRules).values({ id }).onConflictDoNothing();
  const rows = await tx.select().from(workflowRules).where(eq(workflowRules.id, id)).for('update');
  return rows[0]!;
}

/** A template as a SQL concat() of its literal parts and the given column values. */
export function templateSql(template: string | null, values: Partial<Record<Placeholder, SQL>>): SQL {
  if (template === null) return sql`null::text`;
  const parts = parseTemplate(template).map((part) =>
    typeof part === 'string' ? sql`${part}::text` : (values[part.placeholder] ?? sql`''::text`),
  );
  return parts.length ? sql`concat(${sql.join(parts, sql`, `)})` : sql`''::text`;
}

export type SweepParams = {
  /** The day evaluated, in the organization's time zone. */
  today: string;
  /** When the tasks are created (createdAt / updatedAt). */
  now: Date;
};

type Inserted = { id: string };

function insertedRows(result: unknown): Inserted[] {
  return (result as { rows: Inserted[] }).rows;
}

const ts = (now: Date) => sql`${now.toISOString()}::timestamptz`;

const TASK_COLUMNS = sql.raw(
  'title, body, due_on, status, assignee_id, subject_type, subject_id, rule_id, once_key, created_at, updated_at',
);

/** The owner (users row `o`) if they can see a member of `workplace`, else null. */
const ownerWhoSees = (owner: SQL, workplace: SQL) =>
  sql`case when ${blindToWorkplaceSql(sql`o.id`, sql`o.role`, workplace)} then null else ${owner} end`;

/** The roles that may not see sensitive cases (executive, rep), from the access matrix. */
const rolesBlindToSensitive = sql.join(
  STAFF_ROLES.filter((r) => !can(r, 'cases.sensitive')).map((r) => sql`${r}`),
  sql`, `,
);

/**
 * case_due_follow_up: an open case whose dueOn ≤ today; once per (case, dueOn).
 * Assigned to the member's owner, except a sensitive case's follow-up when the
 * owner's role may not see sensitive cases: that one is left unassigned, in the
 * officers' pile (`{case}` names a sensitive case only as 要配慮の案件),
 * as is one whose owner cannot see the member.
 */
export async function insertCaseDueTasks(tx: DbOrTx, rule: RuleConfig, p: SweepParams) {
  const values = {
    name: sql`m.name`,
    workplace: sql`w.name`,
    case: sql`case when c.sensitive then ${SENSITIVE_CASE_LABEL}::text else c.title end`,
  };
  const key = sql`'case_due_follow_up:' || c.id::text || ':' || to_char(c.due_on, 'YYYY-MM-DD')`;
  const result = await tx.execute(sql`
    insert into tasks (${TASK_COLUMNS})
    select ${templateSql(rule.titleTemplate, values)}, ${templateSql(rule.bodyTemplate, values)}, c.due_on, 'open'::task_status,
           case when c.sensitive and o.role::text in (${rolesBlindToSensitive}) then null
                else ${ownerWhoSees(sql`m.owner_id`, sql`m.workplace_id`)} end,
           'member'::task_subject_type, m.id, 'case_due_follow_up', ${key}, ${ts(p.now)}, ${ts(p.now)}
      from member_cases c
      join members m on m.id = c.member_id
      left join workplaces w on w.id = m.workplace_id
      left join users o on o.id = m.owner_id
     where c.status = 'open' and c.due_on <= ${p.today}::date
       and not exists (select 1 from tasks t where t.once_key = ${key})
    on conflict do nothing
    returning id`);
  return insertedRows(result);
}

/**
 * tenure_milestone: today is in the month before the month of an anniversary
 * (joinedOn + n years, n from settings.milestone_years). An anniversary falls
 * in the same calendar month as the join date (month-end clamping stays in
 * the month), so "anniversary in next month" is a range on joined_on that the
 * joined_on index answers: [next month's 1st − n years, the 1st after − n years).
 */
export async function insertMilestoneTasks(tx: DbOrTx, rule: RuleConfig, p: SweepParams) {
  const values = { name: sql`m.name`, workplace: sql`w.name`, years: sql`y.n::text` };
  const key = sql`'tenure_milestone:' || m.id::text || ':' || y.n::text`;
  const nextMonth = sql`(date_trunc('month', ${p.today}::date) + interval '1 month')`;
  const result = await tx.execute(sql`
    insert into tasks (${TASK_COLUMNS})
    select ${templateSql(rule.titleTemplate, values)}, ${templateSql(rule.bodyTemplate, values)},
           (m.joined_on + make_interval(years => y.n))::date, 'open'::task_status,
           ${ownerWhoSees(sql`m.owner_id`, sql`m.workplace_id`)}, 'member'::task_subject_type, m.id, 'tenure_milestone', ${key}, ${ts(p.now)}, ${ts(p.now)}
      from settings s
     cross join lateral unnest(s.milestone_years) as y(n)
      join members m
        on m.joined_on >= (${nextMonth} - make_interval(years => y.n))::date
       and m.joined_on < (${nextMonth} + interval '1 month' - make_interval(years => y.n))::date
      left join workplaces w on w.id = m.workplace_id
      left join users o on o.id = m.owner_id
     where s.id = 1 and m.status = 'active' and m.union_role <> 'organizing_target'
       and not exists (select 1 from tasks t where t.once_key = ${key})
    on conflict do nothing
    returning id`);
  return insertedRows(result);
}

/**
 * workplace_gathering: an indifferent workplace with no meeting on or after
 * today − 3 months, and no task of this rule that is open or was created since
 * then (`recentSince`: the start of that day in the organization's time zone).
 */
export async function insertGatheringTasks(
  tx: DbOrTx,
  rule: RuleConfig,
  p: SweepParams & { recentSince: Date },
) {
  const values = { workplace: sql`w.name` };
  const key = sql`'workplace_gathering:' || w.id::text || ':' || ${p.today}::text`;
  const result = await tx.execute(sql`
    insert into tasks (${TASK_COLUMNS})
    select ${templateSql(rule.titleTemplate, values)}, ${templateSql(rule.bodyTemplate, values)},
           ${p.today}::date + 30, 'open'::task_status,
           ${ownerWhoSees(sql`w.owner_id`, sql`w.id`)}, 'workplace'::task_subject_type, w.id, 'workplace_gathering', ${key}, ${ts(p.now)}, ${ts(p.now)}
      from workplaces w
      left join users o on o.id = w.owner_id
     where w.atmosphere = 'indifferent'
       and not exists (
         select 1 from workplace_meetings mt
          where mt.workplace_id = w.id and mt.held_on >= (${p.today}::date - interval '3 months')::date)
       and not exists (
         select 1 from tasks t
          where t.rule_id = 'workplace_gathering' and t.subject_type = 'workplace' and t.subject_id = w.id
            and (t.status = 'open' or t.created_at >= ${ts(p.recentSince)}))
    on conflict do nothing
    returning id`);
  return insertedRows(result);
}

/** shunto_survey: shuntoStartOn − 2 months ≤ today < shuntoStartOn; once per shuntoStartOn. */
export async function insertShuntoTasks(tx: DbOrTx, rule: RuleConfig, p: SweepParams) {
  const key = sql`'shunto_survey:' || to_char(s.shunto_start_on, 'YYYY-MM-DD')`;
  const result = await tx.execute(sql`
    insert into tasks (${TASK_COLUMNS})
    select ${templateSql(rule.titleTemplate, {})}, ${templateSql(rule.bodyTemplate, {})},
           (s.shunto_start_on - interval '1 month')::date, 'open'::task_status,
           s.secretary_general_user_id, null::task_subject_type, null::uuid, 'shunto_survey', ${key}, ${ts(p.now)}, ${ts(p.now)}
      from settings s
     where s.id = 1 and s.shunto_start_on is not null
       and (s.shunto_start_on - interval '2 months')::date <= ${p.today}::date
       and ${p.today}::date < s.shunto_start_on
       and not exists (select 1 from tasks t where t.once_key = ${key})
    on conflict do nothing
    returning id`);
  return insertedRows(result);
}

/**
 * at_risk_follow_up for engagement changes to at_risk (one per history row),
 * inside the transaction that made them. Set-based, so an import of many rows
 * is one statement. The partial unique index keeps it to one open task per member.
 */
export async function insertAtRiskTasks(
  tx: DbOrTx,
  rule: RuleConfig,
  p: SweepParams & { dueOn: string; changes: { memberId: string; historyId: string }[] },
) {
  if (!p.changes.length) return [];
  const memberIds = `{${p.changes.map((c) => c.memberId).join(',')}}`;
  const historyIds = `{${p.changes.map((c) => c.historyId).join(',')}}`;
  const values = { name: sql`m.name`, workplace: sql`w.name` };
  const key = sql`'at_risk_follow_up:' || m.id::text || ':' || ch.history_id::text`;
  const result = await tx.execute(sql`
    insert into tasks (${TASK_COLUMNS})
    select ${templateSql(rule.titleTemplate, values)}, ${templateSql(rule.bodyTemplate, values)},
           ${p.dueOn}::date, 'open'::task_status,
           ${ownerWhoSees(sql`m.owner_id`, sql`m.workplace_id`)}, 'member'::task_subject_type, m.id, 'at_risk_follow_up', ${key}, ${ts(p.now)}, ${ts(p.now)}
      from unnest(${memberIds}::uuid[], ${historyIds}::uuid[]) as ch(member_id, history_id)
      join members m on m.id = ch.member_id
      left join workplaces w on w.id = m.workplace_id
      left join users o on o.id = m.owner_id
     where not exists (
       select 1 from tasks t
        where t.rule_id = 'at_risk_follow_up' and t.subject_id = m.id and t.status = 'open')
    on conflict do nothing
    returning id`);
  return insertedRows(result);
}
