import { sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { BreakdownDimension } from '../../core/surveys/schemas';
import type { DbOrTx } from '../client';
import { rowsOf } from './records';
import { memberScopeSql } from './scope';

// A survey's results (issue 15 §3) as a fixed number of set-based statements, whatever the
// number of answers: the survey with its totals, the demands' figures, the breakdown cells,
// the questions' figures. Organization-wide aggregates: no statement returns a member.

export type SurveyResultsHead = {
  id: string;
  anonymous: boolean;
  rankTop: number | null;
  freeTextLabel: string | null;
  questions: unknown;
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
 * each answer (workplace, 職種, 等級, union role at answer time). Answers are first counted per
 * combination of the four attributes (and demand), then rolled up per dimension: one pass
 * over the answers however many dimensions. Workplaces come with their current name (a
 * deleted workplace's answers are 未設定: the foreign key sets null). Ordered as shown:
 * workplaces by reading then name, the others by value; 未設定 last.
 */
export async function surveyBreakdownCells(db: DbOrTx, surveyId: string): Promise<SurveyBreakdownCell[]> {
  return rowsOf<SurveyBreakdownCell>(
    await db.execute(sql`
      with people as (
        select r.workplace_id, r.job_type, r.grade, r.union_role::text as union_role, null::uuid as demand_id,
               count(*) as n
          from survey_responses r
         where r.survey_id = ${surveyId}
         group by 1, 2, 3, 4),
      choices as (
        select r.workplace_id, r.job_type, r.grade, r.union_role::text as union_role, rd.demand_id,
               count(*) as n
          from survey_response_demands rd
          join survey_responses r on r.id = rd.response_id
         where rd.survey_id = ${surveyId}
         group by 1, 2, 3, 4, 5),
      cells as (select * from people union all select * from choices),
      rolled as (
        select case when grouping(workplace_id) = 0 then 'workplace'
                    when grouping(job_type) = 0 then 'jobType'
                    when grouping(grade) = 0 then 'grade'
                    else 'unionRole' end as dimension,
               workplace_id, coalesce(workplace_id::text, job_type, grade, union_role) as key,
               demand_id, sum(n)::int as count
          from cells
         group by grouping sets ((workplace_id, demand_id), (job_type, demand_id), (grade, demand_id),
                                 (union_role, demand_id)))
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
 * The optional questions' figures in one statement: for every question, the answers that
 * answered it (not empty), and for the questions in `countedIds` (choice and scale, never
 * text: a text's value is never returned) each option's or value's count.
 */
export async function surveyQuestionFigures(
  db: DbOrTx,
  surveyId: string,
  countedIds: readonly string[],
): Promise<SurveyQuestionFigure[]> {
  return rowsOf<SurveyQuestionFigure>(
    await db.execute(sql`
      with a as (
        select e.key, e.value
          from survey_responses r
          cross join lateral jsonb_each(r.answers) e
         where r.survey_id = ${surveyId}
           and e.value not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb))
      select key as question, null::text as value, count(*)::int as count from a group by key
      union all
      select a.key, v.value, count(*)::int
        from a
        cross join lateral (
          select x as value from jsonb_array_elements_text(case when jsonb_typeof(a.value) = 'array' then a.value else '[]'::jsonb end) x
          union all
          select a.value #>> '{}' where jsonb_typeof(a.value) <> 'array') v
       where a.key = any(${sql.param([...countedIds])}::text[])
       group by a.key, v.value`),
  );
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
