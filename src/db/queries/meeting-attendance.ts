import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import { REVIEW_ATTENDED_UP, REVIEW_WINDOW } from '../../core/members/engagement-review';
import type { DbOrTx } from '../client';
import { meetingAttendees, members, type workplaceMeetings } from '../schema';
import { rowsOf } from './records';
import { memberScopeSql, sqlUuidArray, workplaceScopeSql } from './scope';

// Who attended a 職場集会 (meeting_attendees, issue 19).

/**
 * Of `ids`, those that are members of the workplace and within the scope (any status: a
 * past meeting may name a member who has left since). The caller compares with what it
 * asked for, so an id of another workplace is refused without telling whose it is.
 */
export async function workplaceMemberIds(
  db: DbOrTx,
  workplaceId: string,
  ids: readonly string[],
  scope: Scope,
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        sql`${members.id} = ANY(${sqlUuidArray(ids)})`,
        eq(members.workplaceId, workplaceId),
        memberScopeSql(scope),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** Replaces who attended a meeting (a delete and an insert: both audited by trigger). */
export async function replaceAttendees(tx: DbOrTx, meetingId: string, memberIds: readonly string[]) {
  await tx.delete(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId));
  if (memberIds.length) {
    await tx.insert(meetingAttendees).values(memberIds.map((memberId) => ({ meetingId, memberId })));
  }
}

/**
 * The attendees of some meetings: every id (in id order), and the names of those the
 * scope reaches (a member who moved to a workplace out of reach stays an id).
 */
export async function findAttendees(db: DbOrTx, meetingIds: readonly string[], scope: Scope) {
  const byMeeting = new Map<string, { ids: string[]; names: { id: string; name: string }[] }>();
  if (!meetingIds.length) return byMeeting;
  const rows = await db
    .select({
      meetingId: meetingAttendees.meetingId,
      memberId: meetingAttendees.memberId,
      name: members.name,
      visible: memberScopeSql(scope) ?? sql<boolean>`true`,
    })
    .from(meetingAttendees)
    .innerJoin(members, eq(members.id, meetingAttendees.memberId))
    .where(inArray(meetingAttendees.meetingId, [...meetingIds]))
    .orderBy(meetingAttendees.meetingId, members.name, meetingAttendees.memberId);
  for (const r of rows) {
    let entry = byMeeting.get(r.meetingId);
    if (!entry) {
      entry = { ids: [], names: [] };
      byMeeting.set(r.meetingId, entry);
    }
    entry.ids.push(r.memberId);
    if (r.visible) entry.names.push({ id: r.memberId, name: r.name });
  }
  return byMeeting;
}

/**
 * The attendance count used for the participation rate (SQL): the recorded attendees when
 * attendance was recorded, the entered count otherwise. Must agree with
 * core/workplaces/rates.ts `meetingParticipationRate`.
 */
export function attendedCountSql(meeting: {
  id: SQL | typeof workplaceMeetings.id;
  attendeeCount: SQL | typeof workplaceMeetings.attendeeCount;
  attendanceRecorded: SQL | typeof workplaceMeetings.attendanceRecorded;
}): SQL<number> {
  return sql<number>`(case when ${meeting.attendanceRecorded}
    then (select count(*) from meeting_attendees ma where ma.meeting_id = ${meeting.id})
    else ${meeting.attendeeCount} end)`;
}

export type AttendedMeeting = {
  meetingId: string;
  workplaceId: string;
  workplaceName: string;
  heldOn: string;
  title: string;
};

/** The meetings a member attended, newest first, of workplaces within the scope. */
export async function findMeetingsAttended(
  db: DbOrTx,
  memberId: string,
  scope: Scope,
  limit: number,
): Promise<AttendedMeeting[]> {
  const inScope = workplaceScopeSql(scope, sql`mt.workplace_id`) ?? sql`true`;
  return rowsOf<AttendedMeeting>(
    await db.execute(sql`
    select mt.id as "meetingId", mt.workplace_id as "workplaceId", w.name as "workplaceName",
           to_char(mt.held_on, 'YYYY-MM-DD') as "heldOn", mt.title
      from meeting_attendees ma
      join workplace_meetings mt on mt.id = ma.meeting_id
      join workplaces w on w.id = mt.workplace_id
     where ma.member_id = ${memberId} and ${inScope}
     order by mt.held_on desc, mt.created_at desc, mt.id desc
     limit ${limit}`),
  );
}

export type EngagementReviewRow = {
  memberId: string;
  name: string;
  workplaceId: string;
  workplaceName: string;
  engagement: string;
  attended: number;
  of: number;
  suggestedDirection: 'up' | 'down';
  total: number;
};

/**
 * Members whose recorded engagement disagrees with their attendance (issue 19): of the
 * latest REVIEW_WINDOW meetings with recorded attendance of their workplace, attended at
 * least 3 while ほぼ参加なし or lower (`up`), or none while 定期参加 or higher (`down`).
 * Only where the workplace has REVIEW_WINDOW such meetings, all held since the member
 * joined (meetings since joining are the latest ones: with fewer, there is nothing to
 * judge), and for active members. Set-based: one index-backed lookup of the window per
 * workplace (workplace_meetings_attendance_idx), the attendance of those meetings by the
 * meeting_attendees primary key, the members by their workplace. `total` counts every
 * matching row (the page is limited). Must agree with core/members/engagement-review.ts.
 */
function reviewQuery(p: { workplaces: SQL; members: SQL; limit: number; offset: number }) {
  return sql`
    with win as (
      select w.id as workplace_id, w.name as workplace_name, last.ids, last.oldest
        from workplaces w
        cross join lateral (
          select array_agg(x.id) as ids, min(x.held_on) as oldest, count(*)::int as n
            from (select mt.id, mt.held_on from workplace_meetings mt
                   where mt.workplace_id = w.id and mt.attendance_recorded
                   order by mt.held_on desc, mt.created_at desc, mt.id desc
                   limit ${REVIEW_WINDOW}) x
        ) last
       where last.n = ${REVIEW_WINDOW} and ${p.workplaces}
    ),
    att as (
      select win.workplace_id, ma.member_id, count(*)::int as n
        from win join meeting_attendees ma on ma.meeting_id = any(win.ids)
       group by win.workplace_id, ma.member_id
    ),
    found as (
      select m.id as "memberId", m.name, m.name_kana, win.workplace_id as "workplaceId",
             win.workplace_name as "workplaceName", m.engagement::text as "engagement",
             coalesce(att.n, 0) as attended, ${REVIEW_WINDOW}::int as "of"
        from win
        join members m on m.workplace_id = win.workplace_id
        left join att on att.workplace_id = win.workplace_id and att.member_id = m.id
       where m.status = 'active' and (m.joined_on is null or m.joined_on <= win.oldest) and ${p.members}
         and ((coalesce(att.n, 0) >= ${REVIEW_ATTENDED_UP} and m.engagement in ('rare', 'indifferent', 'at_risk'))
           or (coalesce(att.n, 0) = 0 and m.engagement in ('active_core', 'regular')))
    )
    select "memberId", name, "workplaceId", "workplaceName", "engagement", attended, "of",
           case when attended >= ${REVIEW_ATTENDED_UP} then 'up' else 'down' end as "suggestedDirection",
           (count(*) over ())::int as total
      from found
     order by "workplaceName" collate "C", name_kana collate "C" nulls last, name collate "C", "memberId"
     limit ${p.limit} offset ${p.offset}`;
}

/** The review of one member (null when attendance and engagement agree, or too few meetings). */
export async function findEngagementReview(db: DbOrTx, memberId: string) {
  const [row] = rowsOf<EngagementReviewRow>(
    await db.execute(
      reviewQuery({
        workplaces: sql`w.id = (select workplace_id from members where id = ${memberId})`,
        members: sql`m.id = ${memberId}`,
        limit: 1,
        offset: 0,
      }),
    ),
  );
  return row ?? null;
}

/** The members within the scope to review, a page at a time (the weekly dashboard). */
export async function findEngagementReviews(
  db: DbOrTx,
  scope: Scope & { ownerId?: string },
  limit: number,
  offset = 0,
) {
  const rows = rowsOf<EngagementReviewRow>(
    await db.execute(
      reviewQuery({
        workplaces: workplaceScopeSql(scope, sql`w.id`) ?? sql`true`,
        // 自分の担当だけ: the members the user owns.
        members: scope.ownerId ? sql`m.owner_id = ${scope.ownerId}` : sql`true`,
        limit,
        offset,
      }),
    ),
  );
  return { items: rows, total: rows[0]?.total ?? 0 };
}
