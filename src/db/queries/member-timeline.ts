import { sql } from 'drizzle-orm';
import type { Engagement, NoteChannel } from '../../core/enums';
import type { TimelineKind } from '../../core/members/schemas';
import type { DbOrTx } from '../client';
import { rowsOf } from './records';

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
};

/**
 * A member's relationship story in one chronological stream: consultation
 * notes, engagement changes, cases opened and closed, tasks made and done.
 * One UNION ALL ordered in SQL and paged there. Timestamps become days in the
 * organization's time zone, so an 00:30 JST change is not shown on the day before.
 */
export async function findMemberTimeline(
  db: DbOrTx,
  memberId: string,
  timeZone: string,
  page: { limit: number; offset: number },
) {
  const day = (column: string) => sql.raw(`(${column} at time zone `).append(sql`${timeZone})::date`);
  const events = sql`
    select 'note:' || n.id as id, 'note' as kind, n.occurred_on as date, n.created_at as at,
           null::text as title, n.body, u.display_name as actor_name,
           null::engagement as "from", null::engagement as "to", n.channel, false as sensitive, n.id as ref_id
      from member_notes n left join users u on u.id = n.author_id
     where n.member_id = ${memberId}
    union all
    select 'engagement:' || h.id, 'engagement', ${day('h.changed_at')}, h.changed_at,
           null, h.reason, u.display_name, h."from", h."to", null, false, h.id
      from engagement_history h left join users u on u.id = h.changed_by
     where h.member_id = ${memberId}
    union all
    select 'case_opened:' || c.id, 'case_opened', c.opened_on, c.created_at,
           c.title, c.description, null, null, null, null, c.sensitive, c.id
      from member_cases c
     where c.member_id = ${memberId}
    union all
    select 'case_closed:' || c.id, 'case_closed', c.closed_on, c.updated_at,
           c.title, null, null, null, null, null, c.sensitive, c.id
      from member_cases c
     where c.member_id = ${memberId} and c.status = 'closed' and c.closed_on is not null
    union all
    select 'task_created:' || t.id, 'task_created', ${day('t.created_at')}, t.created_at,
           t.title, t.body, a.display_name, null, null, null, false, t.id
      from tasks t left join users a on a.id = t.assignee_id
     where t.subject_type = 'member' and t.subject_id = ${memberId}
    union all
    select 'task_completed:' || t.id, 'task_completed', ${day('t.completed_at')}, t.completed_at,
           t.title, null, a.display_name, null, null, null, false, t.id
      from tasks t left join users a on a.id = t.assignee_id
     where t.subject_type = 'member' and t.subject_id = ${memberId} and t.completed_at is not null`;

  const [rows, totals] = await Promise.all([
    db.execute(sql`select id, kind, date::text as date, at, title, body, actor_name, "from", "to", channel, sensitive, ref_id
      from (${events}) e order by e.date desc, e.at desc, e.id limit ${page.limit} offset ${page.offset}`),
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
    }),
  );
  return { items, total: Number(rowsOf<{ total: number }>(totals)[0]?.total ?? 0) };
}
