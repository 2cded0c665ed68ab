import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { SurveyQuestion } from '../../core/surveys/schemas';
import type { DbOrTx } from '../client';
import { surveyDemands, surveys } from '../schema';
import { rowsOf } from './records';
import { memberScopeSql, sqlUuidArray } from './scope';

// Surveys (要求アンケート, issue 15 §3) for the staff routes and the public answer page.
// Results and breakdowns are in survey-results.ts.

/** Invited members who may still be asked to answer: active members who are not organizing targets. */
export const INVITABLE = sql`m.status = 'active' and m.union_role <> 'organizing_target'`;

/** A member condition on `m` (the members alias every query here uses) within the scope. */
function memberIn(scope: Scope): SQL {
  return memberScopeSql(scope, sql`m.workplace_id`) ?? sql`true`;
}

export type SurveyRow = {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  title: string;
  seasonId: string | null;
  seasonName: string | null;
  anonymous: boolean;
  rankTop: number | null;
  freeTextLabel: string | null;
  questions: SurveyQuestion[];
  demands: { id: string; title: string }[];
  closesOn: string;
  closedAt: Date | null;
  invited: number;
  answered: number;
  editable: boolean;
};

/** Surveys with their season, demands (in order), scope-limited invited/answered counts and editability. */
function surveySelect(scope: Scope, where: SQL | undefined) {
  return sql`
    select s.id, s.created_at as "createdAt", s.updated_at as "updatedAt", s.version, s.title,
           s.season_id as "seasonId", bs.name as "seasonName", s.anonymous, s.rank_top as "rankTop",
           s.free_text_label as "freeTextLabel", s.questions, s.closes_on::text as "closesOn",
           s.closed_at as "closedAt",
           coalesce((select json_agg(json_build_object('id', d.id, 'title', d.title) order by sd.position)
                       from survey_demands sd join demands d on d.id = sd.demand_id
                      where sd.survey_id = s.id), '[]'::json) as demands,
           coalesce(counts.invited, 0)::int as invited, coalesce(counts.answered, 0)::int as answered,
           not exists (select 1 from survey_responses r where r.survey_id = s.id) as editable
      from surveys s
      left join bargaining_seasons bs on bs.id = s.season_id
      left join lateral (
        select count(*) as invited, count(i.answered_at) as answered
          from survey_invitations i join members m on m.id = i.member_id
         where i.survey_id = s.id and ${memberIn(scope)}) counts on true
     where ${where ?? sql`true`}`;
}

function normalize(row: SurveyRow & { createdAt: Date | string; updatedAt: Date | string }): SurveyRow {
  const date = (v: Date | string | null) => (v === null || v instanceof Date ? v : new Date(v));
  return {
    ...row,
    createdAt: date(row.createdAt)!,
    updatedAt: date(row.updatedAt)!,
    closedAt: date(row.closedAt),
    invited: Number(row.invited),
    answered: Number(row.answered),
  };
}

export async function findSurveyById(db: DbOrTx, id: string, scope: Scope): Promise<SurveyRow | undefined> {
  const [row] = rowsOf<SurveyRow>(await db.execute(surveySelect(scope, sql`s.id = ${id}`)));
  return row && normalize(row);
}

/** A page of surveys (latest closing day first), optionally of one season (`none`: without one). */
export async function findSurveys(
  db: DbOrTx,
  scope: Scope,
  filter: { season?: string | undefined },
  page: { limit: number; offset: number },
) {
  const where =
    filter.season === undefined || filter.season === 'all'
      ? undefined
      : filter.season === 'none'
        ? sql`s.season_id is null`
        : sql`s.season_id = ${filter.season}::uuid`;
  const items = rowsOf<SurveyRow>(
    await db.execute(
      sql`${surveySelect(scope, where)} order by s.closes_on desc, s.created_at desc, s.id
          limit ${page.limit} offset ${page.offset}`,
    ),
  ).map(normalize);
  const [count] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from surveys s where ${where ?? sql`true`}`),
  );
  return { items, total: Number(count?.n ?? 0) };
}

/** Whether anyone has answered (then demands, questions and anonymity are fixed). */
export async function surveyHasResponses(db: DbOrTx, surveyId: string): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`select 1 from survey_responses where survey_id = ${surveyId} limit 1`),
  );
  return rows.length > 0;
}

/** The ids among `ids` that are not demands. */
export async function unknownDemandIds(db: DbOrTx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select t.id from unnest(${sqlUuidArray(ids)}) as t(id)
      where not exists (select 1 from demands d where d.id = t.id)`),
  );
  return rows.map((r) => r.id);
}

/** The ids among `ids` that are not workplaces. */
export async function unknownWorkplaceIds(db: DbOrTx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select t.id from unnest(${sqlUuidArray(ids)}) as t(id)
      where not exists (select 1 from workplaces w where w.id = t.id)`),
  );
  return rows.map((r) => r.id);
}

/** Replaces the survey's demands with `demandIds`, in that order (only what changed is written). */
export async function setSurveyDemands(tx: DbOrTx, surveyId: string, demandIds: readonly string[]) {
  await tx.execute(sql`delete from survey_demands sd where sd.survey_id = ${surveyId}
    and not exists (select 1 from unnest(${sqlUuidArray(demandIds)}) with ordinality as t(id, n)
                     where t.id = sd.demand_id and t.n = sd.position)`);
  await tx.execute(sql`insert into survey_demands (survey_id, demand_id, position)
    select ${surveyId}::uuid, t.id, t.n from unnest(${sqlUuidArray(demandIds)}) with ordinality as t(id, n)
    on conflict (survey_id, demand_id) do nothing`);
}

/** Locks a survey row (FOR UPDATE) and answers it, or undefined. */
export async function lockSurvey(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(surveys).where(eq(surveys.id, id)).for('update');
  return row;
}

/** A survey row without locking, or undefined. */
export async function findSurveyRecord(db: DbOrTx, id: string) {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  return row;
}

/** The demand ids a survey offers, in order. */
export async function findSurveyDemandIds(db: DbOrTx, surveyId: string): Promise<string[]> {
  const rows = await db
    .select({ id: surveyDemands.demandId })
    .from(surveyDemands)
    .where(eq(surveyDemands.surveyId, surveyId))
    .orderBy(surveyDemands.position);
  return rows.map((r) => r.id);
}

// ------------------------------------------------------------------ invitations

/**
 * The members to invite: active members who are not organizing targets, within the scope,
 * of the given workplaces (or all), not yet invited. One statement.
 */
export async function findMembersToInvite(
  db: DbOrTx,
  surveyId: string,
  scope: Scope,
  workplaceIds: readonly string[] | undefined,
): Promise<string[]> {
  const inWorkplaces = workplaceIds ? sql`m.workplace_id = any(${sqlUuidArray(workplaceIds)})` : sql`true`;
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select m.id from members m
      where ${INVITABLE} and ${memberIn(scope)} and ${inWorkplaces}
        and not exists (select 1 from survey_invitations i where i.survey_id = ${surveyId} and i.member_id = m.id)`),
  );
  return rows.map((r) => r.id);
}

/** Rows per INSERT … SELECT FROM unnest (three arrays each). */
export const INVITE_BATCH = 5_000;

/**
 * Inserts invitations (member, nonce, token hash) in batches; members invited meanwhile (or
 * deleted meanwhile) are skipped. Answers how many were made.
 */
export async function insertInvitations(
  tx: DbOrTx,
  surveyId: string,
  rows: readonly { memberId: string; nonce: string; hash: string }[],
  createdAt: Date,
): Promise<number> {
  let made = 0;
  for (let start = 0; start < rows.length; start += INVITE_BATCH) {
    const batch = rows.slice(start, start + INVITE_BATCH);
    const [row] = rowsOf<{ n: number }>(
      await tx.execute(sql`with made as (
        insert into survey_invitations (survey_id, member_id, token_nonce, token_hash, created_at)
        select ${surveyId}::uuid, t.member_id, t.nonce, t.hash, ${createdAt.toISOString()}::timestamptz
          from unnest(${sqlUuidArray(batch.map((r) => r.memberId))},
                      ${textArray(batch.map((r) => r.nonce))},
                      ${textArray(batch.map((r) => r.hash))}) as t(member_id, nonce, hash)
         where exists (select 1 from members m where m.id = t.member_id)
        on conflict (survey_id, member_id) do nothing
        returning 1)
      select count(*)::int as n from made`),
    );
    made += Number(row?.n ?? 0);
  }
  return made;
}

/** A text[] parameter (one bind value). Values here are base64url or hex: no quoting needed. */
function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.join(',')}}`}::text[]`;
}

export type InvitationRow = {
  id: string;
  memberId: string;
  memberName: string;
  memberNameKana: string | null;
  employeeNumber: string | null;
  workplaceId: string | null;
  workplaceName: string | null;
  nonce: string;
  revoked: boolean;
  answered: boolean;
  active: boolean;
};

export type InvitationFilter = { workplaceId?: string | undefined; answered?: boolean | undefined };

function invitationWhere(surveyId: string, scope: Scope, filter: InvitationFilter): SQL {
  const conditions = [sql`i.survey_id = ${surveyId}`, memberIn(scope)];
  if (filter.workplaceId) conditions.push(sql`m.workplace_id = ${filter.workplaceId}::uuid`);
  if (filter.answered === true) conditions.push(sql`i.answered_at is not null`);
  if (filter.answered === false) conditions.push(sql`i.answered_at is null`);
  return sql.join(conditions, sql` and `);
}

const INVITATION_COLUMNS = sql`i.id, i.member_id as "memberId", m.name as "memberName",
  m.name_kana as "memberNameKana", m.employee_number as "employeeNumber",
  m.workplace_id as "workplaceId", w.name as "workplaceName", i.token_nonce as nonce,
  i.revoked_at is not null as revoked, i.answered_at is not null as answered,
  (${INVITABLE}) as active`;

/** Slip order: workplace kana (no workplace last), then member kana. */
const INVITATION_ORDER = sql`w.name_kana collate "C" asc nulls last, w.name collate "C" asc nulls last,
  w.id, m.name_kana collate "C" asc nulls last, m.name collate "C", m.id`;

/** A page of a survey's invitations within the scope, in slip order, with the total. */
export async function findInvitations(
  db: DbOrTx,
  surveyId: string,
  scope: Scope,
  filter: InvitationFilter,
  page: { limit: number; offset: number },
) {
  const where = invitationWhere(surveyId, scope, filter);
  const items = rowsOf<InvitationRow>(
    await db.execute(sql`select ${INVITATION_COLUMNS}
      from survey_invitations i join members m on m.id = i.member_id
      left join workplaces w on w.id = m.workplace_id
      where ${where} order by ${INVITATION_ORDER} limit ${page.limit} offset ${page.offset}`),
  );
  const [count] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n
      from survey_invitations i join members m on m.id = i.member_id where ${where}`),
  );
  return { items, total: Number(count?.n ?? 0) };
}

/** The ids of a survey's live invitations (not revoked, member invitable) within the scope, in slip order. */
export async function findLiveInvitationIds(
  db: DbOrTx,
  surveyId: string,
  scope: Scope,
  filter: InvitationFilter,
): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select i.id from survey_invitations i join members m on m.id = i.member_id
      left join workplaces w on w.id = m.workplace_id
      where ${invitationWhere(surveyId, scope, filter)} and i.revoked_at is null and ${INVITABLE}
      order by ${INVITATION_ORDER}`),
  );
  return rows.map((r) => r.id);
}

/** Invitations by id (any order; the caller orders them). */
export async function findInvitationsByIds(db: DbOrTx, ids: readonly string[]): Promise<InvitationRow[]> {
  if (ids.length === 0) return [];
  return rowsOf<InvitationRow>(
    await db.execute(sql`select ${INVITATION_COLUMNS}
      from survey_invitations i join members m on m.id = i.member_id
      left join workplaces w on w.id = m.workplace_id
      where i.id = any(${sqlUuidArray(ids)})`),
  );
}

/** One invitation of a survey within the scope (locked for update), or undefined. */
export async function lockInvitation(tx: DbOrTx, surveyId: string, invitationId: string, scope: Scope) {
  const [row] = rowsOf<{ id: string; memberId: string }>(
    await tx.execute(sql`select i.id, i.member_id as "memberId"
      from survey_invitations i join members m on m.id = i.member_id
      where i.id = ${invitationId} and i.survey_id = ${surveyId} and ${memberIn(scope)}
      for update of i`),
  );
  return row;
}

export async function revokeInvitation(tx: DbOrTx, invitationId: string, at: Date) {
  await tx.execute(sql`update survey_invitations set revoked_at = ${at.toISOString()}::timestamptz
    where id = ${invitationId} and revoked_at is null`);
}

export async function reissueInvitation(
  tx: DbOrTx,
  invitationId: string,
  link: { nonce: string; hash: string },
) {
  await tx.execute(sql`update survey_invitations
    set token_nonce = ${link.nonce}, token_hash = ${link.hash}, revoked_at = null
    where id = ${invitationId}`);
}

/** A member's invitation to a survey (locked), or undefined. */
export async function lockMemberInvitation(tx: DbOrTx, surveyId: string, memberId: string) {
  const [row] = rowsOf<{ id: string }>(
    await tx.execute(sql`select id from survey_invitations
      where survey_id = ${surveyId} and member_id = ${memberId} for update`),
  );
  return row;
}

/** Whether a member may still answer (active, not an organizing target), or undefined for none. */
export async function findMemberStatus(db: DbOrTx, memberId: string) {
  const [row] = rowsOf<{ invitable: boolean }>(
    await db.execute(sql`select (${INVITABLE}) as invitable from members m where m.id = ${memberId}`),
  );
  return row;
}

// ------------------------------------------------------------------ tracking

/** Invited and answered per workplace of the invited members (their workplace now), within the scope. */
export async function findProgress(db: DbOrTx, surveyId: string, scope: Scope) {
  return rowsOf<{
    workplaceId: string | null;
    workplaceName: string | null;
    invited: number;
    answered: number;
  }>(
    await db.execute(sql`select m.workplace_id as "workplaceId", w.name as "workplaceName",
        count(*)::int as invited, count(i.answered_at)::int as answered
      from survey_invitations i join members m on m.id = i.member_id
      left join workplaces w on w.id = m.workplace_id
      where i.survey_id = ${surveyId} and ${memberIn(scope)}
      group by m.workplace_id, w.name, w.name_kana
      order by w.name_kana collate "C" asc nulls last, w.name collate "C" asc nulls last, m.workplace_id`),
  ).map((r) => ({ ...r, invited: Number(r.invited), answered: Number(r.answered) }));
}

/** Invited members (still invitable) who have not answered, within the scope, by workplace then kana. */
export async function findNonrespondents(
  db: DbOrTx,
  surveyId: string,
  scope: Scope,
  filter: { workplaceId?: string | undefined },
  page: { limit: number; offset: number },
) {
  const where = and(
    sql`i.survey_id = ${surveyId} and i.answered_at is null and ${INVITABLE} and ${memberIn(scope)}`,
    filter.workplaceId ? sql`m.workplace_id = ${filter.workplaceId}::uuid` : undefined,
  )!;
  const items = rowsOf<{
    id: string;
    name: string;
    nameKana: string | null;
    workplaceId: string | null;
    workplaceName: string | null;
    invitationId: string;
  }>(
    await db.execute(sql`select m.id, m.name, m.name_kana as "nameKana", m.workplace_id as "workplaceId",
        w.name as "workplaceName", i.id as "invitationId"
      from survey_invitations i join members m on m.id = i.member_id
      left join workplaces w on w.id = m.workplace_id
      where ${where} order by ${INVITATION_ORDER} limit ${page.limit} offset ${page.offset}`),
  );
  const [count] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from survey_invitations i
      join members m on m.id = i.member_id where ${where}`),
  );
  return { items, total: Number(count?.n ?? 0) };
}

// ------------------------------------------------------------------ answers

export type StoredAnswer = {
  demandIds: string[];
  freeText: string | null;
  answers: Record<string, unknown>;
  channel: 'web' | 'paper';
};

/** The answer kept for a member (identified) or an owner key (anonymous), or null. */
export async function findAnswer(
  db: DbOrTx,
  surveyId: string,
  owner: { memberId: string } | { ownerKey: string },
): Promise<StoredAnswer | null> {
  const who =
    'memberId' in owner ? sql`r.member_id = ${owner.memberId}` : sql`r.owner_key = ${owner.ownerKey}`;
  const [row] = rowsOf<StoredAnswer>(
    await db.execute(sql`select r.free_text as "freeText", r.answers, r.channel,
        coalesce((select array_agg(rd.demand_id::text order by rd.rank nulls last, sd.position)
                    from survey_response_demands rd
                    left join survey_demands sd on sd.survey_id = rd.survey_id and sd.demand_id = rd.demand_id
                   where rd.response_id = r.id), '{}') as "demandIds"
      from survey_responses r where r.survey_id = ${surveyId} and ${who}`),
  );
  return row ?? null;
}

export type AnswerWrite = {
  surveyId: string;
  invitationId: string;
  memberId: string;
  /** Set for an anonymous survey: the answer is kept under it instead of the member. */
  ownerKey: string | null;
  ranked: boolean;
  demandIds: readonly string[];
  freeText: string | null;
  answers: Record<string, unknown>;
  channel: 'web' | 'paper';
  at: Date;
};

/**
 * Stores an answer, replacing the one kept for the same member (identified) or owner key
 * (anonymous): the response row is upserted with the member's workplace, 職種, 等級 and union
 * role as they are now, its demands replaced; the invitation's answered_at is set (first
 * answer). Anonymous rows get no member, no timestamp and a random id. Call inside a transaction.
 */
export async function writeAnswer(tx: DbOrTx, w: AnswerWrite): Promise<void> {
  // One statement (a member answering waits on a round trip per statement): the response is
  // upserted; its demands not chosen any more are deleted and the chosen ones upserted (disjoint
  // rows, so one statement may do both); answered_at is set. The caller holds the invitation's
  // lock, so two answers through one link never interleave.
  const conflict = w.ownerKey === null ? sql`(survey_id, member_id)` : sql`(survey_id, owner_key)`;
  const chosen = sqlUuidArray(w.demandIds);
  const [row] = rowsOf<{ id: string }>(
    await tx.execute(sql`with response as (
        insert into survey_responses
          (survey_id, member_id, owner_key, workplace_id, job_type, grade, union_role, free_text, answers, channel)
        select ${w.surveyId}::uuid, ${w.ownerKey === null ? w.memberId : null}::uuid, ${w.ownerKey}::text,
               m.workplace_id, m.job_type, m.grade, m.union_role, ${w.freeText}::text,
               ${JSON.stringify(w.answers)}::jsonb, ${w.channel}
          from members m where m.id = ${w.memberId}
        on conflict ${conflict} do update set workplace_id = excluded.workplace_id,
          job_type = excluded.job_type, grade = excluded.grade, union_role = excluded.union_role,
          free_text = excluded.free_text, answers = excluded.answers, channel = excluded.channel
        returning id),
      dropped as (
        delete from survey_response_demands rd using response
         where rd.response_id = response.id and rd.demand_id <> all(${chosen})),
      kept as (
        insert into survey_response_demands (response_id, survey_id, demand_id, rank)
        select response.id, ${w.surveyId}::uuid, t.id, ${w.ranked ? sql`t.n::int` : sql`null::int`}
          from response, unnest(${chosen}) with ordinality as t(id, n)
        on conflict (response_id, demand_id) do update set rank = excluded.rank),
      invitation as (
        update survey_invitations set answered_at = coalesce(answered_at, ${w.at.toISOString()}::timestamptz)
         where id = ${w.invitationId})
      select id from response`),
  );
  if (!row) throw new Error('the answer was not stored');
}

// ------------------------------------------------------------------ public link

export type LinkRow = {
  invitationId: string;
  memberId: string;
  surveyId: string;
  title: string;
  anonymous: boolean;
  rankTop: number | null;
  freeTextLabel: string | null;
  questions: SurveyQuestion[];
  closesOn: string;
  closedAt: Date | null;
  /** The demands it offers, in order. */
  demandIds: string[];
  organizationName: string;
  timezone: string;
};

/**
 * The live invitation a token hash finds, with its survey and the organization's name and
 * time zone and the survey's demand ids: none when revoked, or when the member has left (or is
 * an organizing target).
 * A removed member or survey takes its invitations with it. `lock`: FOR UPDATE of the invitation.
 */
export async function findLink(db: DbOrTx, tokenHash: string, lock = false): Promise<LinkRow | undefined> {
  const [row] = rowsOf<LinkRow>(
    await db.execute(sql`select i.id as "invitationId", i.member_id as "memberId", s.id as "surveyId",
        s.title, s.anonymous, s.rank_top as "rankTop", s.free_text_label as "freeTextLabel", s.questions,
        s.closes_on::text as "closesOn", s.closed_at as "closedAt",
        array(select sd.demand_id::text from survey_demands sd where sd.survey_id = s.id
              order by sd.position) as "demandIds",
        coalesce(st.organization_name, '労働組合') as "organizationName",
        coalesce(st.timezone, 'Asia/Tokyo') as timezone
      from survey_invitations i
      join surveys s on s.id = i.survey_id
      join members m on m.id = i.member_id
      left join settings st on st.id = 1
      where i.token_hash = ${tokenHash} and i.revoked_at is null and ${INVITABLE}
      ${lock ? sql`for update of i` : sql``}`),
  );
  return row;
}

/** The demands a survey offers, in order, with their descriptions (the public page). */
export async function findOfferedDemands(db: DbOrTx, surveyId: string) {
  return rowsOf<{ id: string; title: string; description: string | null }>(
    await db.execute(sql`select d.id, d.title, d.description from survey_demands sd
      join demands d on d.id = sd.demand_id where sd.survey_id = ${surveyId} order by sd.position`),
  );
}

// ------------------------------------------------------------------ apply and support

/**
 * Links each respondent of an identified survey (within the scope) to the demands they chose
 * that the survey still offers, source `survey`; existing links are kept. One statement.
 */
export async function applySurveyLinks(
  tx: DbOrTx,
  surveyId: string,
  scope: Scope,
  by: { actorId: string; at: Date },
): Promise<{ linked: number; members: number }> {
  const [row] = rowsOf<{ linked: number; members: number }>(
    await tx.execute(sql`with chosen as (
        select distinct r.member_id, rd.demand_id
          from survey_responses r
          join survey_response_demands rd on rd.response_id = r.id
          join survey_demands sd on sd.survey_id = r.survey_id and sd.demand_id = rd.demand_id
          join members m on m.id = r.member_id
         where r.survey_id = ${surveyId} and r.member_id is not null and ${memberIn(scope)}),
      made as (
        insert into demand_members (demand_id, member_id, created_at, created_by, source)
        select c.demand_id, c.member_id, ${by.at.toISOString()}::timestamptz, ${by.actorId}::uuid, 'survey'
          from chosen c
        on conflict do nothing
        returning 1)
      select (select count(*)::int from made) as linked,
             (select count(distinct r.member_id)::int from survey_responses r join members m on m.id = r.member_id
               where r.survey_id = ${surveyId} and ${memberIn(scope)}) as members`),
  );
  return { linked: Number(row?.linked ?? 0), members: Number(row?.members ?? 0) };
}

/** Every survey that offers a demand, with its respondents and how many chose the demand. */
export async function findDemandSurveySupport(db: DbOrTx, demandId: string) {
  return rowsOf<{
    surveyId: string;
    title: string;
    anonymous: boolean;
    closesOn: string;
    closedAt: Date | null;
    respondents: number;
    count: number;
  }>(
    await db.execute(sql`select s.id as "surveyId", s.title, s.anonymous, s.closes_on::text as "closesOn",
        s.closed_at as "closedAt",
        (select count(*)::int from survey_responses r where r.survey_id = s.id) as respondents,
        (select count(*)::int from survey_response_demands rd
          where rd.survey_id = s.id and rd.demand_id = ${demandId}) as count
      from survey_demands sd join surveys s on s.id = sd.survey_id
      where sd.demand_id = ${demandId}
      order by s.closes_on desc, s.created_at desc, s.id`),
  ).map((r) => ({
    ...r,
    respondents: Number(r.respondents),
    count: Number(r.count),
    closedAt: r.closedAt === null || r.closedAt instanceof Date ? r.closedAt : new Date(r.closedAt),
  }));
}
