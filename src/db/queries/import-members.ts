import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  countStageActions,
  createStage,
  ERRORS_TABLE,
  insertStageErrors,
  insertStageRows,
  presentSql,
  resolveStageOwners,
  type StageColumn,
  ts,
} from './import-stage';
import { releaseUnseenOwnership } from './ownership';
import { rowsOf } from './records';
import { blindToWorkplaceSql } from './scope';

/**
 * The member import's set-based merge (upsert by the member's id when the file has it,
 * as an export writes it; else by employee number, the key of
 * `members_employee_number_unique`). The service stages the file's rows, then
 * calls these in order; each is one statement (or a few) whatever the row count.
 */

export const MEMBER_STAGE = 'kumiai_import_members';
const STAGE = MEMBER_STAGE;

/**
 * The fields a member row can carry: staged column, its type, and the members
 * column it fills (`target`; none for the key and the engagement reason). The
 * position is the field's bit in the row's `present` mask.
 */
export const MEMBER_IMPORT_COLUMNS = [
  { field: 'id', column: 'member_key', type: 'uuid' },
  // A target only for a member matched by id (matched by number, it is the same value).
  { field: 'employeeNumber', column: 'employee_number', type: 'text', target: 'employee_number' },
  { field: 'name', column: 'name', type: 'text', target: 'name' },
  { field: 'nameKana', column: 'name_kana', type: 'text', target: 'name_kana' },
  { field: 'workplaceName', column: 'workplace_name', type: 'text', target: 'workplace_id' },
  { field: 'department', column: 'department', type: 'text', target: 'department' },
  { field: 'jobType', column: 'job_type', type: 'text', target: 'job_type' },
  { field: 'grade', column: 'grade', type: 'text', target: 'grade' },
  { field: 'joinedOn', column: 'joined_on', type: 'date', target: 'joined_on' },
  { field: 'engagement', column: 'engagement', type: 'engagement', target: 'engagement' },
  { field: 'engagementReason', column: 'engagement_reason', type: 'text' },
  { field: 'unionRole', column: 'union_role', type: 'union_role', target: 'union_role' },
  { field: 'status', column: 'status', type: 'member_status', target: 'status' },
  { field: 'leftOn', column: 'left_on', type: 'date', target: 'left_on' },
  { field: 'concerns', column: 'concerns', type: 'text', target: 'concerns' },
  { field: 'nextAction', column: 'next_action', type: 'text', target: 'next_action' },
  { field: 'nextActionDueOn', column: 'next_action_due_on', type: 'date', target: 'next_action_due_on' },
  {
    field: 'parentOrganization',
    column: 'parent_organization',
    type: 'text',
    target: 'parent_organization',
  },
  { field: 'owner', column: 'owner', type: 'text', target: 'owner_id' },
  // Contact details (issue 17): the lists as the parser normalized them.
  { field: 'phones', column: 'phones', type: 'jsonb', target: 'phones' },
  { field: 'emails', column: 'emails', type: 'jsonb', target: 'emails' },
  { field: 'postalAddress', column: 'postal_address', type: 'text', target: 'postal_address' },
  { field: 'preferredChannel', column: 'preferred_channel', type: 'text', target: 'preferred_channel' },
  // Custom fields by key (null clears one), merged into the member's values.
  { field: 'customFields', column: 'custom_fields', type: 'jsonb', target: 'custom_fields' },
] as const satisfies readonly { field: string; column: string; type: string; target?: string }[];

export type MemberImportField = (typeof MEMBER_IMPORT_COLUMNS)[number]['field'];

/** field → its bit in `present`. */
export const MEMBER_FIELD_BITS = Object.fromEntries(
  MEMBER_IMPORT_COLUMNS.map((c, i) => [c.field, 1 << i]),
) as Record<MemberImportField, number>;

const bit = (field: MemberImportField) => MEMBER_FIELD_BITS[field];

/** The staged columns filled from the file. */
export const MEMBER_STAGE_INPUT: readonly StageColumn[] = [
  { name: 'row_no', type: 'int' },
  { name: 'present', type: 'int' },
  { name: 'parse_failed', type: 'boolean' },
  ...MEMBER_IMPORT_COLUMNS.map((c) => ({ name: c.column, type: c.type })),
];

export async function createMemberStage(tx: DbOrTx) {
  await createStage(tx, STAGE, [
    { name: 'row_no', type: 'int primary key' },
    { name: 'present', type: 'int not null' },
    /** The row has parse errors: staged only so that the database's checks report on it too. */
    { name: 'parse_failed', type: 'boolean not null default false' },
    ...MEMBER_IMPORT_COLUMNS.map((c) => ({ name: c.column, type: c.type })),
    // Filled by the resolution steps:
    { name: 'member_id', type: 'uuid' },
    { name: 'old_engagement', type: 'engagement' },
    { name: 'workplace_id', type: 'uuid' },
    { name: 'owner_id', type: 'uuid' },
    { name: 'owner_matches', type: 'int' },
    { name: 'new_id', type: 'uuid not null default gen_random_uuid()' },
    /** create | update | unchanged */
    { name: 'action', type: 'text' },
  ]);
}

/** One chunk of rows, keyed by staged column name (`row_no`, `present`, `employee_number` …). */
export async function stageMemberRows(tx: DbOrTx, rows: readonly Record<string, unknown>[]) {
  await insertStageRows(tx, STAGE, MEMBER_STAGE_INPUT, rows);
}

/**
 * Finds each row's member (by employee number), workplace (by name) and owner,
 * and records the problems that need the database: a key repeated in the file,
 * an unknown workplace (unless missing ones are created), an unknown owner, a
 * new owner who could not see the member (a rep outside the member's workplace,
 * as it will be), a new member without a name, and the cross-field rules of the
 * merged record (`leftOn` with `status`, not before `joinedOn`).
 */
export async function resolveMemberStage(
  tx: DbOrTx,
  options: { createWorkplaces: boolean; requiredCustomFields?: readonly string[] },
) {
  await tx.execute(
    sql.raw(`update ${STAGE} s set member_id = m.id, old_engagement = m.engagement
               from members m where s.member_key is not null and m.id = s.member_key`),
  );
  await tx.execute(
    sql.raw(`update ${STAGE} s set member_id = m.id, old_engagement = m.engagement
               from members m where s.member_key is null and s.employee_number is not null
                and m.employee_number = s.employee_number`),
  );
  // An id is a member's: never a new member with a made-up id.
  await insertStageErrors(
    tx,
    sql.raw(`select row_no, 'id', 'no member has this ID'
               from ${STAGE} where member_key is not null and member_id is null`),
  );
  await insertStageErrors(
    tx,
    sql.raw(`select s.row_no, 'employeeNumber', 'belongs to another member (' || m.name || ')'
               from ${STAGE} s join members m on m.employee_number = s.employee_number
              where s.member_id is not null and s.member_key is not null and m.id <> s.member_id`),
  );
  await insertStageErrors(
    tx,
    sql.raw(`select row_no, 'id', 'appears more than once in the file (first at row ' || first_row || ')'
               from (select row_no, min(row_no) over (partition by member_key) as first_row
                       from ${STAGE} where member_key is not null) d
              where row_no <> first_row`),
  );
  await resolveStageWorkplaces(tx);
  await resolveStageOwners(tx, STAGE);

  await insertStageErrors(
    tx,
    sql.raw(`select row_no, 'employeeNumber', 'appears more than once in the file (first at row ' || first_row || ')'
               from (select row_no, min(row_no) over (partition by employee_number) as first_row
                       from ${STAGE} where employee_number is not null) d
              where row_no <> first_row`),
  );
  // A new member's workplace, or one the file moves them to: not covered by any rep yet
  // when it is still to be created (workplace_id null).
  await insertStageErrors(
    tx,
    sql`select s.row_no, 'owner', 'is a workplace rep whose workplaces do not include this member'
          from ${sql.raw(STAGE)} s
          join users u on u.id = s.owner_id
          left join members m on m.id = s.member_id
         where ${sql.raw(presentSql(bit('owner')))} and s.owner_id is distinct from m.owner_id
           and ${blindToWorkplaceSql(
             sql`u.id`,
             sql`u.role`,
             sql.raw(
               `case when ${presentSql(bit('workplaceName'))} then s.workplace_id else m.workplace_id end`,
             ),
           )}`,
  );
  await insertStageErrors(
    tx,
    sql.raw(`select row_no, 'name', 'is required for a new member'
               from ${STAGE} where member_id is null and member_key is null and name is null`),
  );
  // A new member needs every required custom field (an update may leave them as they are).
  for (const key of options.requiredCustomFields ?? []) {
    await insertStageErrors(
      tx,
      sql`select row_no, ${`cf.${key}`}, 'is required for a new member' from ${sql.raw(STAGE)}
           where member_id is null and member_key is null and not parse_failed and (custom_fields -> ${key}::text) is null`,
    );
  }
  if (!options.createWorkplaces) {
    await insertStageErrors(
      tx,
      sql.raw(`select row_no, 'workplaceName', 'no workplace is named ' || workplace_name
                 from ${STAGE} where workplace_name is not null and workplace_id is null`),
    );
  }
  // The record as it will be: the file's value where the column is present, else the stored (or default) one.
  const merged = (field: MemberImportField, column: string, fallback: string) =>
    `case when ${presentSql(bit(field))} then s.${column} else ${fallback} end`;
  await insertStageErrors(
    tx,
    sql.raw(`
    with merged as (
      select s.row_no,
             ${merged('status', 'status', "coalesce(m.status, 'active')")} as status,
             ${merged('leftOn', 'left_on', 'm.left_on')} as left_on,
             ${merged('joinedOn', 'joined_on', 'm.joined_on')} as joined_on
        from ${STAGE} s left join members m on m.id = s.member_id
       -- A row whose cells did not parse lacks fields: its merged record says nothing.
       where not s.parse_failed)
    select row_no, 'leftOn',
           case when status = 'left' and left_on is null then 'is required when status is left'
                when status = 'active' and left_on is not null then 'must be empty while status is active'
                else 'must not be before joinedOn' end
      from merged
     where (status = 'left' and left_on is null)
        or (status = 'active' and left_on is not null)
        or (left_on < joined_on)`),
  );
}

/** Rows that did not parse count as rows with errors for the steps after the checks (never written). */
export async function markParseFailedRows(tx: DbOrTx) {
  await insertStageErrors(tx, sql.raw(`select row_no, null, 'parse error' from ${STAGE} where parse_failed`));
}

async function resolveStageWorkplaces(tx: DbOrTx) {
  await tx.execute(
    sql.raw(`update ${STAGE} s set workplace_id = w.id from workplaces w
              where s.workplace_name is not null and s.workplace_id is null and w.name = s.workplace_name`),
  );
}

/** The member's custom field values with the file's merged in (a null clears one). */
const MERGED_CUSTOM_FIELDS = `jsonb_strip_nulls(coalesce(m.custom_fields, '{}'::jsonb) || coalesce(s.custom_fields, '{}'::jsonb))`;

/** What a staged field writes: the resolved ids, and an empty list for a blank contact list. */
function sourceSql(c: (typeof MEMBER_IMPORT_COLUMNS)[number]): string {
  if (c.field === 'workplaceName') return 's.workplace_id';
  if (c.field === 'owner') return 's.owner_id';
  if (c.field === 'phones' || c.field === 'emails') return `coalesce(s.${c.column}, '[]'::jsonb)`;
  if (c.field === 'customFields') return MERGED_CUSTOM_FIELDS;
  return `s.${c.column}`;
}

/** The changed-value test of one field for an existing member. */
function changedSql(c: (typeof MEMBER_IMPORT_COLUMNS)[number]): string | null {
  if (!('target' in c)) return null;
  const source = sourceSql(c);
  return `(${presentSql(bit(c.field))} and ${source} is distinct from m.${c.target})`;
}

/**
 * Marks each row create (no member has its employee number, or it has none),
 * update (a column present in the file differs) or unchanged, and counts them
 * (rows with errors are not counted).
 */
export async function classifyMemberStage(tx: DbOrTx) {
  await tx.execute(sql.raw(`update ${STAGE} set action = 'create' where member_id is null`));
  const changed = MEMBER_IMPORT_COLUMNS.map(changedSql).filter(Boolean).join(' or ');
  await tx.execute(
    sql.raw(`update ${STAGE} s set action = case when ${changed} then 'update' else 'unchanged' end
               from members m where m.id = s.member_id`),
  );
  return countStageActions(tx, STAGE);
}

/** The workplace names the valid rows name that do not exist yet (what `createWorkplaces` would add). */
export async function missingStageWorkplaces(tx: DbOrTx): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await tx.execute(
      sql.raw(`select distinct s.workplace_name as name from ${STAGE} s
                where s.workplace_name is not null and s.workplace_id is null and not s.parse_failed
                  and not exists (select 1 from ${ERRORS_TABLE} e where e.row_no = s.row_no)
                order by 1`),
    ),
  );
  return rows.map((r) => r.name);
}

/**
 * Creates the missing workplaces the staged rows name (with their initial
 * atmosphere in the history, as a workplace created by hand has), then links
 * the rows to them. Returns the names created.
 */
export async function createStageWorkplaces(
  tx: DbOrTx,
  p: { now: Date; actorId: string; reason: string },
): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await tx.execute(sql`
    with created as (
      insert into workplaces (name, created_at, updated_at)
      select distinct workplace_name, ${ts(p.now)}, ${ts(p.now)} from ${sql.raw(STAGE)}
       where workplace_name is not null and workplace_id is null and not parse_failed
       order by 1
      on conflict (name) do nothing
      returning id, name, atmosphere),
    history as (
      insert into atmosphere_history (workplace_id, "from", "to", changed_at, changed_by, reason)
      select id, null::atmosphere, atmosphere, ${ts(p.now)}, ${p.actorId}::uuid, ${p.reason}::text from created)
    select name from created order by name`),
  );
  await resolveStageWorkplaces(tx);
  return rows.map((r) => r.name);
}

const TARGET_COLUMNS = MEMBER_IMPORT_COLUMNS.filter((c) => 'target' in c);
const INSERT_COLUMNS = TARGET_COLUMNS.filter((c) => c.field !== 'employeeNumber');

/** Inserts the new members (defaults where the file has no value), in file order. */
export async function insertStagedMembers(tx: DbOrTx, now: Date) {
  const defaults: Record<string, string> = {
    engagement: "'occasional'::engagement",
    union_role: "'general_member'::union_role",
    status: "'active'::member_status",
  };
  const targets = INSERT_COLUMNS.map((c) => c.target);
  const values = INSERT_COLUMNS.map((c) => {
    if (c.field === 'customFields') return `jsonb_strip_nulls(coalesce(s.custom_fields, '{}'::jsonb))`;
    const source = sourceSql(c);
    const fallback = defaults[c.target];
    return fallback ? `coalesce(${source}, ${fallback})` : source;
  });
  await tx.execute(sql`
    insert into members (id, employee_number, ${sql.raw(targets.join(', '))}, created_at, updated_at)
    select s.new_id, s.employee_number, ${sql.raw(values.join(', '))}, ${ts(now)}, ${ts(now)}
      from ${sql.raw(STAGE)} s where s.action = 'create' order by s.row_no`);
}

/**
 * Updates the changed members: only the columns the file has (a column present
 * in no row is not touched at all), bumping version and updatedAt. A member moved
 * to a workplace their (unchanged) rep owner does not cover loses the owner, and
 * that rep's open tasks about them are unassigned.
 */
export async function updateStagedMembers(tx: DbOrTx, now: Date, presentMask: number) {
  const sets = TARGET_COLUMNS.filter((c) => (presentMask & bit(c.field)) !== 0).map((c) => {
    const source = sourceSql(c);
    return `${c.target} = case when ${presentSql(bit(c.field))} then ${source} else m.${c.target} end`;
  });
  if (!sets.length) return;
  await tx.execute(sql`
    update members m set ${sql.raw(sets.join(', '))}, version = m.version + 1, updated_at = ${ts(now)}
      from ${sql.raw(STAGE)} s where s.action = 'update' and m.id = s.member_id`);
  if ((presentMask & bit('workplaceName')) !== 0) {
    const moved = `select s.member_id from ${STAGE} s where s.action = 'update' and ${presentSql(bit('workplaceName'))}`;
    await releaseUnseenOwnership(tx, { memberIds: sql.raw(moved) }, now);
  }
}

/**
 * Engagement history: the initial value of every new member and each changed
 * engagement (from → to), with the file's reason or the default one. Returns
 * the changes that made a member at_risk (for the follow-up rule).
 */
export async function insertStagedEngagementHistory(
  tx: DbOrTx,
  p: { now: Date; actorId: string; defaultReason: string },
): Promise<{ memberId: string; historyId: string }[]> {
  return rowsOf<{ memberId: string; historyId: string }>(
    await tx.execute(sql`
    with ins as (
      insert into engagement_history (member_id, "from", "to", changed_at, changed_by, reason)
      select case when s.action = 'create' then s.new_id else s.member_id end,
             case when s.action = 'create' then null else s.old_engagement end,
             coalesce(s.engagement, 'occasional'::engagement),
             ${ts(p.now)}, ${p.actorId}::uuid, coalesce(s.engagement_reason, ${p.defaultReason}::text)
        from ${sql.raw(STAGE)} s
       where s.action = 'create'
          or (s.action = 'update' and ${sql.raw(presentSql(bit('engagement')))}
              and s.engagement is distinct from s.old_engagement)
       order by s.row_no
      returning id, member_id, "from", "to")
    select member_id as "memberId", id as "historyId" from ins
     where "to" = 'at_risk' and "from" is distinct from 'at_risk'`),
  );
}

export type StagedChange = {
  row: number;
  name: string;
  field: string;
  before: string | null;
  after: string | null;
};

/**
 * Before → after of the fields each updated row changes (for the dry run's report), for
 * the first `limit` valid update rows in file order: one statement, run before the update.
 * Workplaces by name, owners by display name, enums as their API values.
 */
export async function listStagedChanges(tx: DbOrTx, limit: number): Promise<StagedChange[]> {
  const shown = (c: (typeof TARGET_COLUMNS)[number]) => {
    if (c.field === 'workplaceName') return { before: 'ow.name', after: 's.workplace_name' };
    if (c.field === 'owner') return { before: 'oo.display_name', after: 'no.display_name' };
    if (c.field === 'customFields')
      return { before: 'm.custom_fields::text', after: `${sourceSql(c)}::text` };
    return { before: `m.${c.target}::text`, after: `s.${c.column}::text` };
  };
  const values = TARGET_COLUMNS.map((c, i) => {
    const { before, after } = shown(c);
    return `(${i}, '${c.field}', ${before}, ${after}, ${changedSql(c)})`;
  }).join(', ');
  const rows = rowsOf<StagedChange>(
    await tx.execute(
      sql.raw(`
      with upd as (
        select * from ${STAGE} s
         where s.action = 'update' and not exists (select 1 from ${ERRORS_TABLE} e where e.row_no = s.row_no)
         order by s.row_no limit ${Math.max(0, Math.trunc(limit))})
      select s.row_no as "row", m.name, f.field, f.before, f.after
        from upd s
        join members m on m.id = s.member_id
        left join workplaces ow on ow.id = m.workplace_id
        left join users oo on oo.id = m.owner_id
        left join users no on no.id = s.owner_id
       cross join lateral (values ${values}) f(ord, field, before, after, changed)
       where f.changed
       order by s.row_no, f.ord`),
    ),
  );
  return rows.map((r) => ({ ...r, row: Number(r.row) }));
}
