import { eq, sql } from 'drizzle-orm';
import type { MergeMoves } from '../../core/members/merge';
import type { DbOrTx } from '../client';
import { memberMerges } from '../schema';
import { nameLinkSource } from './demands';
import { rowsOf } from './records';

// Merging two records of one person: everything that references the removed member
// (every foreign key to members.id in schema.ts, and tasks' subject) moves to the kept
// one. A fixed number of set-based statements, whatever the volume; the services check
// the permission and lock both members first.

const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;

/** What a merge of `mergedId` into `keptId` would move (the confirmation's counts). */
export async function countMergeMoves(db: DbOrTx, mergedId: string, keptId: string): Promise<MergeMoves> {
  const [row] = rowsOf<MergeMoves>(
    await db.execute(sql`
    select
      (select count(*)::int from member_notes where member_id = ${mergedId}) as "notes",
      (select count(*)::int from member_cases where member_id = ${mergedId}) as "cases",
      (select count(*)::int from case_events e join member_cases c on c.id = e.case_id
        where c.member_id = ${mergedId}) as "caseEvents",
      (select count(*)::int from engagement_history where member_id = ${mergedId}) as "engagementHistory",
      (select count(*)::int from demand_members d where d.member_id = ${mergedId}
        and not exists (select 1 from demand_members k where k.demand_id = d.demand_id
                         and k.member_id = ${keptId})) as "demandLinks",
      (select count(*)::int from tasks where subject_type = 'member' and subject_id = ${mergedId}) as "tasks",
      (select count(*)::int from handover_members h where h.member_id = ${mergedId}) as "handoverLinks",
      (select count(*)::int from workplaces where rep_member_id = ${mergedId}) as "workplacesRepresented",
      (select count(*)::int from member_merges where kept_id = ${mergedId}) as "mergedIds",
      (select count(*)::int from meeting_attendees a where a.member_id = ${mergedId}
        and not exists (select 1 from meeting_attendees k where k.meeting_id = a.meeting_id
                         and k.member_id = ${keptId})) as "meetingsAttended"`),
  );
  return row!;
}

/**
 * Moves every record of `mergedId` to `keptId`. Rows keep their ids (the engagement
 * history, append-only, is re-inserted with its ids in its order); notes, cases and
 * tasks keep their version (their content did not change, so nothing shows 「編集済み」);
 * a workplace the removed record represented (職場委員) gets a new version. Links both
 * records had (a demand, a handover) stay once. Tasks' once-per keys that named the
 * removed member name the kept one where that does not repeat a key the kept one has
 * (so the workflow rules do not make the same task again for it); when both have an open
 * at-risk follow-up (one open per member), the removed record's is completed.
 * Returns the counts moved.
 */
export async function moveMemberRecords(
  tx: DbOrTx,
  p: { mergedId: string; keptId: string; now: Date },
): Promise<MergeMoves> {
  const { mergedId, keptId } = p;
  const count = async (query: ReturnType<typeof sql>) =>
    Number(rowsOf<{ n: number }>(await tx.execute(query))[0]?.n ?? 0);

  const notes = await count(sql`
    with moved as (update member_notes set member_id = ${keptId} where member_id = ${mergedId} returning 1)
    select count(*)::int as n from moved`);
  const caseEvents = await count(sql`
    select count(*)::int as n from case_events e join member_cases c on c.id = e.case_id
     where c.member_id = ${mergedId}`);
  const cases = await count(sql`
    with moved as (update member_cases set member_id = ${keptId} where member_id = ${mergedId} returning 1)
    select count(*)::int as n from moved`);
  // engagement_history refuses UPDATE (migration 0002): the rows are taken out and put back
  // under the kept member with the same ids and times, in their order (seq is renumbered).
  const engagementHistory = await count(sql`
    with removed as (delete from engagement_history where member_id = ${mergedId} returning *),
    moved as (
      insert into engagement_history (id, member_id, "from", "to", changed_at, changed_by, reason)
      select id, ${keptId}::uuid, "from", "to", changed_at, changed_by, reason
        from removed order by changed_at, seq
      returning 1)
    select count(*)::int as n from moved`);
  // demand_members and handover_members are audited on insert and delete (not update):
  // moved as a delete and an insert, a link both records had kept once. The link history
  // (demand_link_events) records the move as the removed record's unlink and the kept one's
  // link, both with source `merge` (the row keeps its own source): the demand's count stays,
  // or drops by one where both records held the demand (one person counted twice before).
  await nameLinkSource(tx, 'merge');
  const demandLinks = await count(sql`
    with removed as (delete from demand_members where member_id = ${mergedId} returning *),
    moved as (
      insert into demand_members (demand_id, member_id, created_at, created_by, source)
      select demand_id, ${keptId}::uuid, created_at, created_by, source from removed
      on conflict do nothing
      returning 1)
    select count(*)::int as n from moved`);
  await nameLinkSource(tx, null);
  const handoverLinks = await count(sql`
    with removed as (delete from handover_members where member_id = ${mergedId} returning *),
    moved as (
      insert into handover_members (handover_id, member_id)
      select handover_id, ${keptId}::uuid from removed
      on conflict do nothing
      returning 1)
    select count(*)::int as n from moved`);
  // Meeting attendance (audited on insert and delete): moved as a delete and an insert; a
  // meeting both records attended keeps one row (one person), so its recorded attendance,
  // and the participation rate counted from it, drops by the double count.
  const meetingsAttended = await count(sql`
    with removed as (delete from meeting_attendees where member_id = ${mergedId} returning *),
    moved as (
      insert into meeting_attendees (meeting_id, member_id)
      select meeting_id, ${keptId}::uuid from removed
      on conflict do nothing
      returning 1)
    select count(*)::int as n from moved`);
  await moveSurveyRecords(tx, mergedId, keptId);
  // A match suggestion either record turned down stays turned down. (The matching index is
  // derived: moved notes and answers are queued again by their triggers; the removed record's
  // own concerns leave with it.)
  await tx.execute(sql`
    insert into match_rejections (demand_id, member_id, rejected_at, rejected_by)
    select demand_id, ${keptId}::uuid, rejected_at, rejected_by from match_rejections where member_id = ${mergedId}
    on conflict do nothing`);
  await tx.execute(sql`
    update tasks set status = 'done', completed_at = ${at(p.now)}, version = version + 1, updated_at = ${at(p.now)}
     where rule_id = 'at_risk_follow_up' and status = 'open' and subject_type = 'member' and subject_id = ${mergedId}
       and exists (select 1 from tasks k where k.rule_id = 'at_risk_follow_up' and k.status = 'open'
                    and k.subject_type = 'member' and k.subject_id = ${keptId})`);
  const tasks = await count(sql`
    with moved as (
      update tasks t set subject_id = ${keptId},
             once_key = case
               when t.once_key like ${`%:${mergedId}:%`}
                and not exists (select 1 from tasks k where k.once_key = replace(t.once_key, ${mergedId}, ${keptId}))
               then replace(t.once_key, ${mergedId}, ${keptId})
               else t.once_key end
       where t.subject_type = 'member' and t.subject_id = ${mergedId}
      returning 1)
    select count(*)::int as n from moved`);
  const workplacesRepresented = await count(sql`
    with moved as (
      update workplaces set rep_member_id = ${keptId}, version = version + 1, updated_at = ${at(p.now)}
       where rep_member_id = ${mergedId}
      returning 1)
    select count(*)::int as n from moved`);
  // Before the removed member is deleted (kept_id cascades): earlier merges into it now
  // resolve to the kept member in one step.
  const mergedIds = await count(sql`
    with moved as (update member_merges set kept_id = ${keptId} where kept_id = ${mergedId} returning 1)
    select count(*)::int as n from moved`);
  return {
    notes,
    cases,
    caseEvents,
    engagementHistory,
    demandLinks,
    tasks,
    handoverLinks,
    workplacesRepresented,
    mergedIds,
    meetingsAttended,
  };
}

/**
 * Survey invitations and identified answers move to the kept member, survey by survey, where
 * the kept one has none; where both have one, the kept member's stays (an invitation counts
 * as answered if either was) and the removed one's goes with the removed member (cascade),
 * except in an anonymous survey only the removed record answered (see below). Anonymous
 * answers name no member and stay as they are.
 */
async function moveSurveyRecords(tx: DbOrTx, mergedId: string, keptId: string) {
  // An anonymous answer is kept under its invitation's owner key: where only the removed
  // record answered, its invitation replaces the kept one's, so the answer stays that
  // person's one answer (its link still shows and changes it) rather than a second one.
  await tx.execute(sql`
    delete from survey_invitations k using survey_invitations r, surveys s
     where r.member_id = ${mergedId} and k.member_id = ${keptId} and k.survey_id = r.survey_id
       and s.id = r.survey_id and s.anonymous and r.answered_at is not null and k.answered_at is null`);
  await tx.execute(sql`
    update survey_invitations k set answered_at = coalesce(k.answered_at, r.answered_at)
      from survey_invitations r
     where r.member_id = ${mergedId} and k.member_id = ${keptId} and k.survey_id = r.survey_id
       and k.answered_at is null and r.answered_at is not null`);
  await tx.execute(sql`
    update survey_invitations r set member_id = ${keptId}
     where r.member_id = ${mergedId}
       and not exists (select 1 from survey_invitations k where k.survey_id = r.survey_id and k.member_id = ${keptId})`);
  await tx.execute(sql`
    update survey_responses r set member_id = ${keptId}
     where r.member_id = ${mergedId}
       and not exists (select 1 from survey_responses k where k.survey_id = r.survey_id and k.member_id = ${keptId})`);
}

/** Records that `mergedId` now resolves to `keptId`. */
export async function insertMemberMerge(
  tx: DbOrTx,
  p: { mergedId: string; keptId: string; now: Date; actorId: string },
) {
  await tx.insert(memberMerges).values({
    mergedId: p.mergedId,
    keptId: p.keptId,
    mergedAt: p.now,
    mergedBy: p.actorId,
  });
}

/** The member a merged (removed) record resolves to; undefined for an id never merged. */
export async function findMergedInto(db: DbOrTx, mergedId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ keptId: memberMerges.keptId })
    .from(memberMerges)
    .where(eq(memberMerges.mergedId, mergedId));
  return row?.keptId;
}

/** The latest engagement history row of a member (after the move: of both records). */
export async function latestEngagementChange(db: DbOrTx, memberId: string) {
  const [row] = rowsOf<{ id: string; to: string }>(
    await db.execute(sql`
    select id, "to" from engagement_history where member_id = ${memberId}
     order by changed_at desc, seq desc limit 1`),
  );
  return row;
}
