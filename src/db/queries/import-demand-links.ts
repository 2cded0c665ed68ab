import { type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import { ZERO_PADDED_MAX_LENGTH } from '../../core/members/duplicates';
import type { DbOrTx } from '../client';
import {
  createStage,
  ERRORS_TABLE,
  insertStageErrors,
  insertStageRows,
  type StageColumn,
  ts,
} from './import-stage';
import { rowsOf } from './records';
import { memberScopeSql } from './scope';
import { currentSeasonIdSql } from './seasons';

/**
 * The demand-link import's set-based statements (要求への組合員の紐付け, issue 15 §1): the
 * rows are staged, then a fixed number of statements resolve each row's season, member and
 * demand, flag repeats and links that exist, and one INSERT … SELECT makes the links.
 * Members are looked up within the importer's scope only: a member outside it is "unknown",
 * with the same message, so the answer tells nothing about members elsewhere.
 */

export const DEMAND_LINK_STAGE = 'kumiai_import_demand_links';
const STAGE = sql.raw(DEMAND_LINK_STAGE);
const ERRORS = sql.raw(ERRORS_TABLE);

/** The columns a row is staged with (the parse-failed rows too, with the cells that did parse). */
const STAGE_INPUT: readonly StageColumn[] = [
  { name: 'row_no', type: 'int' },
  { name: 'parse_failed', type: 'boolean' },
  { name: 'member_key', type: 'uuid' },
  { name: 'employee_number', type: 'text' },
  { name: 'demand_key', type: 'uuid' },
  { name: 'demand_title', type: 'text' },
  { name: 'season_name', type: 'text' },
];

export async function createDemandLinkStage(tx: DbOrTx) {
  await createStage(tx, DEMAND_LINK_STAGE, [
    { name: 'row_no', type: 'int primary key' },
    { name: 'parse_failed', type: 'boolean not null default false' },
    { name: 'member_key', type: 'uuid' },
    { name: 'employee_number', type: 'text' },
    { name: 'demand_key', type: 'uuid' },
    { name: 'demand_title', type: 'text' },
    { name: 'season_name', type: 'text' },
    { name: 'season_id', type: 'uuid' },
    { name: 'member_id', type: 'uuid' },
    { name: 'demand_id', type: 'uuid' },
    { name: 'demand_matches', type: 'int' },
    { name: 'first_row', type: 'int' },
    /** link | linked (already) | repeat (of an earlier row) */
    { name: 'action', type: 'text' },
  ]);
}

export async function stageDemandLinkRows(tx: DbOrTx, rows: readonly Record<string, unknown>[]) {
  await insertStageRows(tx, DEMAND_LINK_STAGE, STAGE_INPUT, rows);
}

/**
 * Resolves every row and records its errors (field names as the parser's):
 * - the season (交渉シーズン) by its exact name;
 * - the member by id (an id merged into another member follows the merge) or else by
 *   employee number, as stored (the unique index), within the scope. A number that matches
 *   no member but equals one in the scope but for leading zeros names that member's number
 *   in the error (a spreadsheet drops them: 123 for 00123); it is not linked;
 * - the demand by id, or else by title (exact) among the demands of the named season, or
 *   of the current season when none is named (every demand while there is no current
 *   season, as the demand list shows them): none or more than one is an error.
 */
export async function resolveDemandLinkStage(tx: DbOrTx, p: { scope: Scope; today: SQL }) {
  const inScope = memberScopeSql(p.scope, sql`m.workplace_id`) ?? sql`true`;
  await tx.execute(sql`
    update ${STAGE} s set season_id = bs.id
      from bargaining_seasons bs where bs.name = s.season_name`);
  await tx.execute(sql`
    update ${STAGE} s set member_id = m.id
      from members m
     where s.member_key is not null
       and m.id = coalesce((select mm.kept_id from member_merges mm where mm.merged_id = s.member_key), s.member_key)
       and ${inScope}`);
  await tx.execute(sql`
    update ${STAGE} s set member_id = m.id
      from members m
     where s.member_key is null and s.employee_number is not null
       and m.employee_number = s.employee_number and ${inScope}`);
  await tx.execute(sql`
    update ${STAGE} s set demand_id = d.id from demands d where d.id = s.demand_key`);
  const current = currentSeasonIdSql(p.today);
  await tx.execute(sql`
    with cur as (select ${current} as id),
    matches as (
      select s.row_no, count(*)::int as n, (array_agg(d.id))[1] as id
        from ${STAGE} s
        cross join cur
        join demands d on d.title = s.demand_title
         and case when s.season_name is not null then d.season_id = s.season_id
                  else cur.id is null or d.season_id = cur.id end
       where s.demand_key is null and s.demand_title is not null
       group by s.row_no)
    update ${STAGE} s set demand_matches = m.n, demand_id = case when m.n = 1 then m.id end
      from matches m where m.row_no = s.row_no`);

  await insertStageErrors(
    tx,
    sql`select row_no, 'seasonName', 'no bargaining season has this name'
          from ${STAGE} where season_name is not null and season_id is null`,
  );
  await insertStageErrors(
    tx,
    sql`select row_no, 'memberId', 'no member has this ID'
          from ${STAGE} where member_key is not null and member_id is null`,
  );
  await insertStageErrors(
    tx,
    sql`select s.row_no, 'employeeNumber',
               coalesce('no member has this employee number (' || z.employee_number || ' differs only in leading zeros)',
                        'no member has this employee number')
          from ${STAGE} s
          left join lateral (
            select m.employee_number
              from generate_series(greatest(length(ltrim(s.employee_number, '0')), 1),
                                   greatest(${ZERO_PADDED_MAX_LENGTH}::int, length(s.employee_number))) as n(len)
              join members m on m.employee_number = lpad(ltrim(s.employee_number, '0'), n.len, '0')
             where m.employee_number <> s.employee_number and ${inScope}
             order by m.employee_number limit 1) z on true
         where s.member_key is null and s.employee_number is not null and s.member_id is null`,
  );
  await insertStageErrors(
    tx,
    sql`select row_no, 'demandId', 'no demand has this ID'
          from ${STAGE} where demand_key is not null and demand_id is null`,
  );
  // A title looked up in an unknown season has that season's error only.
  await insertStageErrors(
    tx,
    sql`select row_no, 'demandTitle',
               case when demand_matches > 1
                    then 'matches ' || demand_matches || ' demands of the season; use the demand ID'
                    else 'no demand of the season has this title' end
          from ${STAGE}
         where demand_key is null and demand_title is not null and demand_id is null
           and (season_name is null or season_id is not null)`,
  );
}

/**
 * Classifies the valid rows: `repeat` (the same member and demand as an earlier valid row,
 * `first_row`), `linked` (the link exists) or `link`. Rows with errors or that did not parse
 * get no action. Answers the repeats (for the warnings).
 */
export async function classifyDemandLinkStage(tx: DbOrTx): Promise<{ row: number; otherRow: number }[]> {
  await tx.execute(sql`
    with valid as (
      select s.row_no, min(s.row_no) over (partition by s.member_id, s.demand_id) as first_row
        from ${STAGE} s
       where not s.parse_failed and s.member_id is not null and s.demand_id is not null
         and not exists (select 1 from ${ERRORS} e where e.row_no = s.row_no))
    update ${STAGE} s
       set first_row = v.first_row,
           action = case when v.first_row <> v.row_no then 'repeat'
                         when exists (select 1 from demand_members dm
                                       where dm.demand_id = s.demand_id and dm.member_id = s.member_id)
                         then 'linked' else 'link' end
      from valid v where v.row_no = s.row_no`);
  const rows = rowsOf<{ row_no: number; first_row: number }>(
    await tx.execute(sql`select row_no, first_row from ${STAGE} where action = 'repeat' order by row_no`),
  );
  return rows.map((r) => ({ row: Number(r.row_no), otherRow: Number(r.first_row) }));
}

/** Per demand of the valid rows: members to link and already linked, by season and title. */
export async function countDemandLinkStage(tx: DbOrTx) {
  const rows = rowsOf<{
    demand_id: string;
    title: string;
    season_name: string | null;
    linked: number;
    already_linked: number;
  }>(
    await tx.execute(sql`
      select d.id as demand_id, d.title, bs.name as season_name,
             count(*) filter (where s.action = 'link')::int as linked,
             count(*) filter (where s.action = 'linked')::int as already_linked
        from ${STAGE} s
        join demands d on d.id = s.demand_id
        left join bargaining_seasons bs on bs.id = d.season_id
       where s.action in ('link', 'linked')
       group by d.id, d.title, bs.name, bs.starts_on
       order by bs.starts_on desc nulls last, d.title collate "C", d.id`),
  );
  return rows.map((r) => ({
    demandId: r.demand_id,
    title: r.title,
    seasonName: r.season_name,
    linked: Number(r.linked),
    alreadyLinked: Number(r.already_linked),
  }));
}

/**
 * Makes the links of the `link` rows in one statement, with source `import` (the triggers
 * of migrations 0009 and 0021 audit each and record its link event). The members and
 * demands are key-share locked as they are read: one deleted meanwhile is skipped rather
 * than failing the foreign key; a link made meanwhile is kept as it is. Answers how many.
 */
export async function insertStagedDemandLinks(tx: DbOrTx, p: { now: Date; actorId: string }) {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      with made as (
        insert into demand_members (demand_id, member_id, created_at, created_by, source)
        select d.id, m.id, ${ts(p.now)}, ${p.actorId}::uuid, 'import'
          from ${STAGE} s
          join members m on m.id = s.member_id
          join demands d on d.id = s.demand_id
         where s.action = 'link'
         order by s.row_no
           for key share of m, d
        on conflict do nothing
        returning 1)
      select count(*)::int as n from made`),
  );
  return Number(row?.n ?? 0);
}
