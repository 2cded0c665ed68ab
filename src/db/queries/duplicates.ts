import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import type { RowWarningKind } from '../../core/import/types';
import {
  type DuplicateReason,
  duplicateNameKey,
  duplicateReadingKey,
  normalizeEmployeeNumber,
  ZERO_PADDED_MAX_LENGTH,
  zeroPaddedVariants,
} from '../../core/members/duplicates';
import type { DbOrTx } from '../client';
import { members, users, workplaces } from '../schema';
import { MEMBER_FIELD_BITS, MEMBER_STAGE } from './import-members';
import { ERRORS_TABLE, presentSql } from './import-stage';
import { memberSelection } from './members';
import { rowsOf } from './records';
import { memberScopeSql } from './scope';

/** A LIKE pattern for `value` taken literally (its `%`, `_` and `\` escaped). */
function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The stored name as compared (core duplicateNameKey): NFKC, lower case, no whitespace. */
export const nameKeySql = (name: SQL | typeof members.name) =>
  sql`lower(regexp_replace(normalize(${name}, NFKC), '\\s', '', 'g'))`;
/** The stored reading (katakana, NFKC on write) without spaces. */
export const readingKeySql = (kana: SQL | typeof members.nameKana) => sql`translate(${kana}, ' 　', '')`;

export type DuplicateProbe = {
  name?: string | null;
  nameKana?: string | null;
  employeeNumber?: string | null;
};

/**
 * The members within `scope` that the probe likely duplicates (core/members/duplicates.ts),
 * kana order, at most `limit`; each says what matched.
 *
 * Found through the indexes there are, with no new expression index (that would need a
 * migration), fast at a million members:
 * - names and readings through the trigram index on `search_text` (name without spaces,
 *   reading without spaces, employee number, separated by single spaces). The candidates
 *   are `search_text ILIKE '<name> %'` (anchored at the start, so even a two-character
 *   name yields trigrams: the index narrows it to a handful of rows) — the name as typed
 *   and width-folded — and, with a reading, `ILIKE '% <reading> %'`, which also finds a
 *   record whose stored name is in another width than typed. Each candidate is then
 *   compared exactly on the normalized name (`normalize(…, NFKC)`) and reading.
 * - employee numbers through the unique index: `employee_number = ANY(…)` over the
 *   spellings that differ only in leading zeros (zeroPaddedVariants: a few dozen index
 *   probes), rather than `ltrim(employee_number, '0') = …`, which reads every member.
 */
export async function findDuplicateMembers(
  db: DbOrTx,
  probe: DuplicateProbe & { excludeId?: string },
  today: string | SQL,
  scope: Scope,
  limit: number,
) {
  const nameMatch = nameCondition(probe);
  const numberMatch = employeeNumberCondition(probe.employeeNumber);
  if (!nameMatch && !numberMatch) return [];
  const matches = [nameMatch, numberMatch].filter((c): c is SQL => c !== undefined);
  const rows = await db
    .select({
      ...memberSelection(today, scope),
      nameMatched: nameMatch ? sql<boolean>`(${nameMatch})` : sql<boolean>`false`,
      numberMatched: numberMatch ? sql<boolean>`(${numberMatch})` : sql<boolean>`false`,
    })
    .from(members)
    .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
    .leftJoin(users, eq(users.id, members.ownerId))
    .where(
      and(
        memberScopeSql(scope),
        probe.excludeId ? sql`${members.id} <> ${probe.excludeId}` : undefined,
        sql`(${sql.join(matches, sql` or `)})`,
      ),
    )
    .orderBy(
      sql`${members.nameKana} collate "C" asc nulls last`,
      sql`${members.name} collate "C"`,
      asc(members.id),
    )
    .limit(limit);
  return rows.map(({ nameMatched, numberMatched, ...member }) => ({
    ...member,
    matchedOn: [
      ...(nameMatched ? ['name' as const] : []),
      ...(numberMatched ? ['employeeNumber' as const] : []),
    ] satisfies DuplicateReason[],
  }));
}

function nameCondition(probe: DuplicateProbe): SQL | undefined {
  if (!probe.name) return undefined;
  const nameKey = duplicateNameKey(probe.name);
  if (!nameKey) return undefined;
  const reading = probe.nameKana ? duplicateReadingKey(probe.nameKana) : '';
  const typed = probe.name.toLowerCase().replace(/[ \u3000]+/g, '');
  const candidates = [...new Set([nameKey, typed])].map(
    (n) => sql`${members.searchText} ilike ${`${likeLiteral(n)} %`}`,
  );
  if (reading) candidates.push(sql`${members.searchText} ilike ${`% ${likeLiteral(reading)} %`}`);
  const sameReading = reading
    ? sql` and (${members.nameKana} is null or ${readingKeySql(members.nameKana)} = ${reading})`
    : sql``;
  return sql`((${sql.join(candidates, sql` or `)}) and ${nameKeySql(members.name)} = ${nameKey}${sameReading})`;
}

function employeeNumberCondition(employeeNumber: string | null | undefined): SQL | undefined {
  if (!employeeNumber) return undefined;
  const value = normalizeEmployeeNumber(employeeNumber);
  if (!value) return undefined;
  const variants = zeroPaddedVariants(value);
  return sql`${members.employeeNumber} in (${sql.join(
    variants.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

// ---------------------------------------------------------------- import dry run

/** New rows from which the import matches names by one hash join over the members (see below). */
export const BULK_NAME_MATCH_ROWS = 2_000;

type StagedWarning = {
  row: number;
  kind: RowWarningKind;
  memberId: string | null;
  memberName: string | null;
  memberEmployeeNumber: string | null;
  otherRow: number | null;
};

/**
 * The staged member rows that would likely create a duplicate (core/import/types.ts
 * RowWarning), after classifyMemberStage and before anything is written; rows with errors
 * are left out (they are not imported). Set-based: one statement for the whole file.
 * - Names: the row's name as compared (NFKC, lower case, no whitespace) equals a member's,
 *   and so do the readings where both have one. The join has two ways in, and the planner
 *   takes the cheaper for the file's size: the anchored ILIKE on `search_text` (the trigram
 *   index, a few probes for a small file) or the equality on the normalized name (one hash
 *   join over the members for a large one). Within the file: the first new row of each
 *   name and reading.
 * - Employee numbers: the spellings with other leading zeros (zeroPaddedVariants, as
 *   generate_series) probe the unique index; within the file, numbers equal once their
 *   leading zeros are stripped but written differently (an exact repeat is already an error).
 * - An update (matched by ID) whose employee number differs from the stored one only in
 *   leading zeros: a spreadsheet dropped them, and the import would write that.
 *
 * `newRows` (the rows to create, as classifyMemberStage counted them) picks the name join:
 * from BULK_NAME_MATCH_ROWS on, only the equality on the normalized name (one pass over the
 * members, hashed), because the stage's statistics predate the classification and the
 * planner, guessing a small file, would probe the trigram index once per row — minutes for
 * 100,000 new rows in a union of a million whose names share their surnames.
 */
export async function listStagedDuplicateWarnings(tx: DbOrTx, newRows = 0): Promise<StagedWarning[]> {
  const stage = sql.raw(MEMBER_STAGE);
  const nameMatch =
    newRows >= BULK_NAME_MATCH_ROWS
      ? sql`join (select id, name, name_kana, employee_number, ${nameKeySql(sql`name`)} as name_key from members) m
          on m.name_key = c.name_key`
      : sql`join members m
          on m.search_text ilike (replace(replace(replace(c.name_key, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || ' %')
         and ${nameKeySql(sql`m.name`)} = c.name_key`;
  const errors = sql.raw(ERRORS_TABLE);
  const numberPresent = sql.raw(presentSql(MEMBER_FIELD_BITS.employeeNumber));
  const rows = rowsOf<StagedWarning>(
    await tx.execute(sql`
    with valid as (
      select s.row_no, s.action, s.member_id, s.employee_number,
             ${nameKeySql(sql`s.name`)} as name_key,
             nullif(${readingKeySql(sql`s.name_kana`)}, '') as reading_key
        from ${stage} s
       where not s.parse_failed
         and not exists (select 1 from ${errors} e where e.row_no = s.row_no)),
    created as (select * from valid where action = 'create'),
    by_name as (
      select distinct on (c.row_no) c.row_no, 'same_name' as kind, m.id as member_id, m.name as member_name,
             m.employee_number as member_employee_number, null::int as other_row
        from created c
        ${nameMatch}
         and (c.reading_key is null or m.name_kana is null or ${readingKeySql(sql`m.name_kana`)} = c.reading_key)
       where c.name_key <> ''
       order by c.row_no, m.name_kana collate "C", m.id),
    name_in_file as (
      select row_no, 'same_name_in_file' as kind, null::uuid as member_id, null::text as member_name,
             null::text as member_employee_number, first_row as other_row
        from (select row_no, min(row_no) over (partition by name_key, coalesce(reading_key, '')) as first_row
                from created where name_key <> '') d
       where row_no <> first_row),
    by_number as (
      select distinct on (c.row_no) c.row_no, 'employee_number_zeros' as kind, m.id, m.name, m.employee_number,
             null::int
        from created c
       cross join lateral generate_series(
               greatest(length(ltrim(c.employee_number, '0')), 1),
               greatest(${ZERO_PADDED_MAX_LENGTH}::int, length(c.employee_number))) as n(len)
        join members m on m.employee_number = lpad(ltrim(c.employee_number, '0'), n.len, '0')
       where c.employee_number is not null and m.employee_number <> c.employee_number
       order by c.row_no, m.employee_number),
    number_in_file as (
      select row_no, 'employee_number_zeros_in_file', null::uuid, null::text, null::text, first_row
        from (select row_no, employee_number,
                     min(row_no) over (partition by ltrim(employee_number, '0')) as first_row
                from created where employee_number is not null) d
       where row_no <> first_row),
    number_change as (
      select v.row_no, 'employee_number_zeros_change', m.id, m.name, m.employee_number, null::int
        from valid v join ${stage} s on s.row_no = v.row_no
        join members m on m.id = v.member_id
       where v.action = 'update' and ${numberPresent}
         and v.employee_number <> m.employee_number
         and ltrim(v.employee_number, '0') = ltrim(m.employee_number, '0'))
    select row_no as "row", kind, member_id as "memberId", member_name as "memberName",
           member_employee_number as "memberEmployeeNumber", other_row as "otherRow"
      from (select * from by_name union all select * from name_in_file union all select * from by_number
            union all select * from number_in_file union all select * from number_change) w
     order by 1, 2`),
  );
  return rows.map((r) => ({
    ...r,
    row: Number(r.row),
    otherRow: r.otherRow === null ? null : Number(r.otherRow),
  }));
}
