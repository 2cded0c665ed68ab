import { sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { BreakdownDimension } from '../../core/surveys/schemas';
import type { DbOrTx } from '../client';
import { rowsOf } from './records';
import { memberScopeSql } from './scope';

// A survey's results (issue 15 §3) as a fixed number of set-based statements, whatever the
// number of answers: the survey with its totals, the demands' figures, the breakdown cells,
// the questions' figures. Organization-wide aggregates: no statement returns a member.

/**
 * Turns off PostgreSQL's JIT for the rest of the transaction. The questions' statement expands
 * each answer's options with a set-returning function the planner guesses at 100 rows, so at
 * 100,000 answers its estimate passes jit_above_cost and compiling took longer (150 ms) than
 * the statement's real work; these are short aggregates that never gain from JIT.
 */
export async function withoutJit(tx: DbOrTx) {
  await tx.execute(sql`select set_config('jit', 'off', true)`);
}

export type SurveyResultsHead = {
  id: string;
  anonymous: boolean;
  rankTop: number | null;
  freeTextLabel: string | null;
  questions: unknown;
  closesOn: string;
  closedAt: Date | string | null;
  minCell: number;
  invited: number;
  respondents: number;
  freeTextCount: number;
};

/** The survey, k (settings.survey_min_cell), invitations (not revoked), respondents and free-text answers; null when there is no such survey. */
export async function findSurveyResultsHead(db: DbOrTx, surveyId: string): Promise<SurveyResultsHead | null> {
  const rows = rowsOf<SurveyResultsHead>(
    await db.execute(sql`
      select s.id, s.anonymous, s.rank_top as "rankTop", s.free_text_label as "freeTextLabel", s.questions,
             s.closes_on as "closesOn", s.closed_at as "closedAt",
             (select st.survey_min_cell from settings st where st.id = 1) as "minCell",
             (select count(*)::int from survey_invitations i
               where i.survey_id = s.id and (i.revoked_at is null or i.answered_at is not null)) as invited,
             r.respondents, r."freeTextCount"
        from surveys s
        cross join lateral (
          select count(*)::int as respondents,
                 (count(*) filter (where btrim(x.free_text) <> ''))::int as "freeTextCount"
            from survey_responses x where x.survey_id = s.id) r
       where s.id = ${surveyId}`),
  );
  return rows[0] ?? null;
}

export type SurveyDemandFigure = {
  demandId: string;
  title: string;
  position: number;
  count: number;
  firstChoice: number;
  points: number;
};

/**
 * Each demand the survey offers (in its order) with how many answers chose it, chose it
 * first, and its points (rank r of a top-n survey scores n + 1 − r).
 */
export async function surveyDemandFigures(db: DbOrTx, surveyId: string): Promise<SurveyDemandFigure[]> {
  return rowsOf<SurveyDemandFigure>(
    await db.execute(sql`
      select sd.demand_id as "demandId", d.title, sd.position,
             coalesce(f.count, 0)::int as count,
             coalesce(f.first_choice, 0)::int as "firstChoice",
             coalesce(f.points, 0)::int as points
        from survey_demands sd
        join surveys s on s.id = sd.survey_id
        join demands d on d.id = sd.demand_id
        left join (
          select rd.demand_id, count(*) as count,
                 count(*) filter (where rd.rank = 1) as first_choice,
                 sum(case when rd.rank is null then 0 else (select rank_top from surveys where id = ${surveyId}) + 1 - rd.rank end) as points
            from survey_response_demands rd
           where rd.survey_id = ${surveyId}
           group by rd.demand_id) f on f.demand_id = sd.demand_id
       where sd.survey_id = ${surveyId}
       order by sd.position, sd.demand_id`),
  );
}

export type SurveyBreakdownCell = {
  dimension: BreakdownDimension;
  key: string | null;
  label: string | null;
  /** null: the group's respondents; else how many of them chose this demand. */
  demandId: string | null;
  count: number;
};

/**
 * The breakdown cells of every dimension in one statement, from the attributes copied onto
 * each answer (workplace, 職種, 等級, union role at answer time): the respondents per group
 * and the chosen demands per group × demand, each one pass with GROUPING SETS (hash
 * aggregates for the four dimensions at once). Workplaces come with their current name (a
 * deleted workplace's answers are 未設定: the foreign key sets null). Ordered as shown:
 * workplaces by reading then name, the others by value; 未設定 last.
 */
export async function surveyBreakdownCells(db: DbOrTx, surveyId: string): Promise<SurveyBreakdownCell[]> {
  // grouping(workplace_id, job_type, grade, union_role): the bit of each column not grouped is
  // set, so 7 = by workplace, 11 = 職種, 13 = 等級, 14 = union role.
  return rowsOf<SurveyBreakdownCell>(
    await db.execute(sql`
      with people as (
        select grouping(r.workplace_id, r.job_type, r.grade, r.union_role) as g, r.workplace_id,
               coalesce(r.job_type, r.grade, r.union_role::text) as k, null::uuid as demand_id,
               count(*)::int as count
          from survey_responses r
         where r.survey_id = ${surveyId}
         group by grouping sets ((r.workplace_id), (r.job_type), (r.grade), (r.union_role))),
      choices as (
        select grouping(r.workplace_id, r.job_type, r.grade, r.union_role) as g, r.workplace_id,
               coalesce(r.job_type, r.grade, r.union_role::text) as k, rd.demand_id,
               count(*)::int as count
          from survey_response_demands rd
          join survey_responses r on r.id = rd.response_id
         where rd.survey_id = ${surveyId}
         group by grouping sets ((r.workplace_id, rd.demand_id), (r.job_type, rd.demand_id),
                                 (r.grade, rd.demand_id), (r.union_role, rd.demand_id))),
      rolled as (
        select case c.g when 7 then 'workplace' when 11 then 'jobType' when 13 then 'grade' else 'unionRole' end
                 as dimension,
               c.workplace_id, case when c.g = 7 then c.workplace_id::text else c.k end as key, c.demand_id, c.count
          from (select * from people union all select * from choices) c)
      select r.dimension, r.key,
             case when r.dimension = 'workplace' then w.name else r.key end as label,
             r.demand_id as "demandId", r.count
        from rolled r
        left join workplaces w on r.dimension = 'workplace' and w.id = r.workplace_id
       order by r.dimension, r.key is null, w.name_kana collate "C" nulls last, w.name collate "C",
                r.key collate "C", r.demand_id nulls first`),
  );
}

export type SurveyQuestionFigure = {
  question: string;
  /** null: how many answers answered the question; else how many chose this option or scale value. */
  value: string | null;
  count: number;
};

/**
 * The optional questions' figures in one statement: for every question in `questionIds`, the
 * answers that answered it (not empty), and for those in `countedIds` (choice and scale, never
 * text: a text's value is never read out) each option's or value's count. Each question's
 * value is taken out of the answers by key (faster than expanding every answer); a multiple
 * choice's options are its array's elements, the first of which counts the answer once.
 */
export async function surveyQuestionFigures(
  db: DbOrTx,
  surveyId: string,
  questionIds: readonly string[],
  countedIds: readonly string[],
): Promise<SurveyQuestionFigure[]> {
  const counted = questionIds.map((id) => countedIds.includes(id));
  const rows = rowsOf<{ question: string; value: string | null; count: number; answered: number }>(
    await db.execute(sql`
      select q.id as question, case when q.counted then v.value end as value,
             count(*)::int as count, (count(*) filter (where v.n = 1))::int as answered
        from survey_responses r
        cross join unnest(${sql.param([...questionIds])}::text[], ${sql.param(counted)}::boolean[]) q(id, counted)
        cross join lateral (select r.answers -> q.id as a) x
        cross join lateral jsonb_array_elements_text(
                     case when jsonb_typeof(x.a) = 'array' then x.a else jsonb_build_array(x.a) end)
                   with ordinality v(value, n)
       where r.survey_id = ${surveyId}
         and x.a is not null and x.a not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb)
       group by 1, 2`),
  );
  const answered = new Map<string, number>();
  const figures: SurveyQuestionFigure[] = [];
  for (const row of rows) {
    answered.set(row.question, (answered.get(row.question) ?? 0) + row.answered);
    if (row.value !== null) figures.push({ question: row.question, value: row.value, count: row.count });
  }
  for (const [question, count] of answered) figures.push({ question, value: null, count });
  return figures;
}

export type FreeTextRow = { text: string; memberId: string | null; memberName: string | null };

/**
 * A page of a survey's free-text answers and their total. Identified surveys: with the
 * member (within `scope`), by reading; anonymous: the text alone, in an order that says
 * nothing of when or by whom (md5 of the random response id). Issue 16's concern matching
 * reads the same rows.
 */
export async function findSurveyFreeText(
  db: DbOrTx,
  surveyId: string,
  options: { anonymous: boolean; scope: Scope; limit: number; offset: number },
): Promise<{ items: FreeTextRow[]; total: number }> {
  const where = sql`r.survey_id = ${surveyId} and btrim(r.free_text) <> ''`;
  const rows = options.anonymous
    ? rowsOf<FreeTextRow & { total: number }>(
        await db.execute(sql`
          select r.free_text as text, null as "memberId", null as "memberName", count(*) over ()::int as total
            from survey_responses r
           where ${where} and r.member_id is null
           order by md5(r.id::text)
           limit ${options.limit} offset ${options.offset}`),
      )
    : rowsOf<FreeTextRow & { total: number }>(
        await db.execute(sql`
          select r.free_text as text, m.id as "memberId", m.name as "memberName", count(*) over ()::int as total
            from survey_responses r
            join members m on m.id = r.member_id
           where ${where} and ${memberScopeSql(options.scope, sql`m.workplace_id`) ?? sql`true`}
           order by m.name_kana collate "C" nulls last, m.name collate "C", m.id
           limit ${options.limit} offset ${options.offset}`),
      );
  if (rows.length === 0 && options.offset > 0) {
    // Past the end: the window gave no row to carry the total.
    const count = await findSurveyFreeText(db, surveyId, { ...options, limit: 1, offset: 0 });
    return { items: [], total: count.total };
  }
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map(({ text, memberId, memberName }) => ({ text, memberId, memberName })),
  };
}
