import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Scope } from '../../core/access/policy';
import type { Engagement, NoteChannel } from '../../core/enums';
import type { TimelineKind } from '../../core/members/schemas';
import type { DbOrTx } from '../client';
import { tasks } from '../schema';
import { rowsOf } from './records';
import { caseScopeSql, taskScopeSql, workplaceScopeSql } from './scope';

export type TimelineRow = {
  id: string;
  kind: TimelineKind;
  date: string;
  at: Date;
  title: string | null;
  body: string | null;
  actorName: string | null;
  from: Engagement | null;
  to: Engagement | null;
  channel: NoteChannel | null;
  sensitive: boolean;
  refId: string;
  /** A handover's previous and new owner. */
  fromUserName: string | null;
  toUserName: string | null;
  /** A note's author and version (null for other events). */
  authorId: string | null;
  version: number | null;
};

/**
 * A member's relationship story in one chronological stream: consultation
 * notes, engagement changes, cases opened, closed and reopened, tasks made and done,
 * handovers to a new owner, links to demands made by applying a survey the member answered
 * (the link history, source survey), meetings attended (in workplaces within the scope). A case's events come from its story (case_events: who,
 * the outcome of a closing, the reason of a reopening); a completed task names who
 * completed it from the audit trail (null when the system did).
 * One UNION ALL ordered in SQL and paged there. Timestamps become days in the
 * organization's time zone, so an 00:30 JST change is not shown on the day before.
 * Only what `scope` may see: sensitive cases with `cases.sensitive`, tasks under the
 * task visibility rule (and, without `cases.sensitive`, no follow-up of a sensitive case).
 * The caller checks that the member is reachable.
 */
export async function findMemberTimeline(
  db: DbOrTx,
  memberId: string,
  timeZone: string,
  page: { limit: number; offset: number },
  scope: Scope,
) {
  const caseVisible = caseScopeSql(scope, sql`c.sensitive`) ?? sql`true`;
  // The task branches alias tasks as t; taskScopeSql renders its columns through the alias.
  const t = alias(tasks, 't') as unknown as typeof tasks;
  const taskVisible = taskScopeSql(scope, t) ?? sql`true`;
  // A meeting attended in a workplace out of the actor's reach (the member moved) is not shown.
  const meetingVisible = workplaceScopeSql(scope, sql`mt.workplace_id`) ?? sql`true`;
  const day = (column: string) => sql.raw(`(${column} at time zone `).append(sql`${timeZone})::date`);
  // Who completed a task, where no column says so: the audit trail's actor (migration 0009)
  // of the latest write that marked it done.
  const actorOf = (table: string, key: string, which: string) =>
    sql.raw(`(select au.display_name from audit_log al join users au on au.id = al.actor_id
       where al.record_id = ${key}::text and al.table_name = '${table}' and ${which}
       order by al.id desc limit 1)`);
  const madeStatus = (status: string) =>
    `al.action in ('insert', 'update') and al.after ->> 'status' = '${status}'
     and (al.before is null or al.before ->> 'status' <> '${status}')`;
  const events = sql`
    select 'note:' || n.id as id, 'note' as kind, n.occurred_on as date, n.created_at as at,
           null::text as title, n.body, u.display_name as actor_name,
           null::engagement as "from", null::engagement as "to", n.channel, false as sensitive, n.id as ref_id,
           n.author_id, n.version
      from member_notes n left join users u on u.id = n.author_id
     where n.member_id = ${memberId}
    union all
    select 'engagement:' || h.id, 'engagement', ${day('h.changed_at')}, h.changed_at,
           null, h.reason, u.display_name, h."from", h."to", null, false, h.id, null, null
      from engagement_history h left join users u on u.id = h.changed_by
     where h.member_id = ${memberId}
    union all
    select 'case_' || e.kind || ':' || e.id, 'case_' || e.kind, e.occurred_on, e.at,
           c.title, case when e.kind = 'opened' then c.description else e.text end, u.display_name,
           null, null, null, c.sensitive, c.id, null, null
      from case_events e join member_cases c on c.id = e.case_id
      left join users u on u.id = e.by
     where c.member_id = ${memberId} and ${caseVisible}
    union all
    select 'task_created:' || t.id, 'task_created', ${day('t.created_at')}, t.created_at,
           t.title, t.body, a.display_name, null, null, null, false, t.id, null, null
      from tasks t left join users a on a.id = t.assignee_id
     where t.subject_type = 'member' and t.subject_id = ${memberId} and ${taskVisible}
    union all
    select 'task_completed:' || t.id, 'task_completed', ${day('t.completed_at')}, t.completed_at,
           t.title, null, ${actorOf('tasks', 't.id', madeStatus('done'))}, null, null, null, false, t.id, null, null
      from tasks t
     where t.subject_type = 'member' and t.subject_id = ${memberId} and t.completed_at is not null and ${taskVisible}
    union all
    select 'handover:' || h.id, 'handover', ${day('h.created_at')}, h.created_at,
           null, h.note, u.display_name, null, null, null, false, h.id, null, null
      from handover_members hm join handovers h on h.id = hm.handover_id
      left join users u on u.id = h.created_by
     where hm.member_id = ${memberId}
    union all
    select 'survey_linked:' || l.id, 'survey_linked', ${day('l.at')}, l.at,
           d.title, null, u.display_name, null, null, null, false, d.id, null, null
      from demand_link_events l join demands d on d.id = l.demand_id
      left join users u on u.id = l.actor_id
     where l.member_id = ${memberId} and l.action = 'link' and l.source = 'survey'
    union all
    select 'meeting_attended:' || mt.id, 'meeting_attended', mt.held_on, mt.created_at,
           mt.title, w.name, null, null, null, null, false, mt.id, null, null
      from meeting_attendees ma join workplace_meetings mt on mt.id = ma.meeting_id
      join workplaces w on w.id = mt.workplace_id
     where ma.member_id = ${memberId} and ${meetingVisible}`;

  const [rows, totals] = await Promise.all([
    db.execute(sql`select e.id, e.kind, e.date::text as date, e.at, e.title, e.body, e.actor_name, e."from", e."to",
             e.channel, e.sensitive, e.ref_id, e.author_id, e.version, hf.display_name as from_user_name, ht.display_name as to_user_name
      from (${events}) e
      left join handovers ho on e.kind = 'handover' and ho.id = e.ref_id
      left join users hf on hf.id = ho.from_user_id
      left join users ht on ht.id = ho.to_user_id
      order by e.date desc, e.at desc, e.id limit ${page.limit} offset ${page.offset}`),
    db.execute(sql`select count(*)::int as total from (${events}) e`),
  ]);
  const items = rowsOf<Record<string, unknown>>(rows).map(
    (r): TimelineRow => ({
      id: String(r.id),
      kind: r.kind as TimelineKind,
      date: String(r.date),
      at: r.at instanceof Date ? r.at : new Date(String(r.at)),
      title: (r.title as string | null) ?? null,
      body: (r.body as string | null) ?? null,
      actorName: (r.actor_name as string | null) ?? null,
      from: (r.from as Engagement | null) ?? null,
      to: (r.to as Engagement | null) ?? null,
      channel: (r.channel as NoteChannel | null) ?? null,
      sensitive: Boolean(r.sensitive),
      refId: String(r.ref_id),
      fromUserName: (r.from_user_name as string | null) ?? null,
      toUserName: (r.to_user_name as string | null) ?? null,
      authorId: (r.author_id as string | null) ?? null,
      version: r.version == null ? null : Number(r.version),
    }),
  );
  return { items, total: Number(rowsOf<{ total: number }>(totals)[0]?.total ?? 0) };
}
