import { type SQL, sql } from 'drizzle-orm';
import type { Engagement } from '../../core/enums';
import type { DbOrTx } from '../client';
import { countedMember } from './demands';
import { rowsOf } from './records';

/**
 * The members behind a dashboard figure, in kana order, one page at a time:
 * `condition` is the figure's own predicate on `members` (the same SQL the
 * figure counts with), so a drill-down's total is the figure.
 */
export async function findDashboardMembers(
  db: DbOrTx,
  condition: SQL,
  page: { limit: number; offset: number },
) {
  const [items, totals] = await Promise.all([
    db.execute(sql`
      select members.id as "memberId", members.name, members.name_kana as "nameKana",
             members.workplace_id as "workplaceId", w.name as "workplaceName",
             members.engagement, members.union_role as "unionRole", members.status,
             members.owner_id as "ownerId", u.display_name as "ownerName"
        from members
        left join workplaces w on w.id = members.workplace_id
        left join users u on u.id = members.owner_id
       where ${condition}
       order by members.name_kana collate "C" asc nulls last, members.name collate "C", members.id
       limit ${page.limit}::int offset ${page.offset}::int`),
    db.execute(sql`select count(*)::int as total from members where ${condition}`),
  ]);
  return {
    items: rowsOf<DashboardMemberRow>(items),
    total: rowsOf<{ total: number }>(totals)[0]?.total ?? 0,
  };
}
export type DashboardMemberRow = {
  memberId: string;
  name: string;
  nameKana: string | null;
  workplaceId: string | null;
  workplaceName: string | null;
  engagement: Engagement;
  unionRole:
    | 'full_time_officer'
    | 'executive_committee'
    | 'workplace_rep'
    | 'general_member'
    | 'organizing_target';
  status: 'active' | 'left';
  ownerId: string | null;
  ownerName: string | null;
};

/** A workplace's counted members (its memberCount), or one engagement of them (a workplaceMap cell). */
export function workplaceMemberSql(workplaceId: string, engagement?: Engagement): SQL {
  return sql`(${countedMember} and members.workplace_id = ${workplaceId}::uuid${
    engagement ? sql` and members.engagement = ${engagement}` : sql``
  })`;
}

/** A demand's relatedMemberCount: counted members linked to it. */
export function demandMemberSql(demandId: string): SQL {
  return sql`(${countedMember} and exists (
    select 1 from demand_members dm where dm.member_id = members.id and dm.demand_id = ${demandId}::uuid))`;
}

/** Members among the early warnings' source rows. */
export function inSourceSql(source: SQL): SQL {
  return sql`members.id in (select ew.member_id from ${source} ew)`;
}

/** Whether a drill-down's workplace or demand exists (an unknown one is a 404, not an empty list). */
export async function subjectExists(db: DbOrTx, kind: 'workplace' | 'demand', id: string): Promise<boolean> {
  const table = sql.raw(kind === 'workplace' ? 'workplaces' : 'demands');
  const result = await db.execute(
    sql`select exists (select 1 from ${table} where id = ${id}::uuid) as found`,
  );
  return rowsOf<{ found: boolean }>(result)[0]?.found === true;
}
