import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  countStageActions,
  createStage,
  insertStageErrors,
  insertStageRows,
  presentSql,
  resolveStageOwners,
  type StageColumn,
  ts,
} from './import-stage';
import { blindToWorkplaceSql } from './scope';

/**
 * The workplace import's set-based merge: upsert by name (the key of
 * `workplaces_name_unique`). Same shape as the member import.
 */

export const WORKPLACE_STAGE = 'kumiai_import_workplaces';
const STAGE = WORKPLACE_STAGE;

export const WORKPLACE_IMPORT_COLUMNS = [
  { field: 'name', column: 'name', type: 'text' },
  { field: 'nameKana', column: 'name_kana', type: 'text', target: 'name_kana' },
  { field: 'establishment', column: 'establishment', type: 'text', target: 'establishment' },
  { field: 'employeeCount', column: 'employee_count', type: 'int', target: 'employee_count' },
  { field: 'atmosphere', column: 'atmosphere', type: 'atmosphere', target: 'atmosphere' },
  { field: 'issues', column: 'issues', type: 'text', target: 'issues' },
  { field: 'organizingStatus', column: 'organizing_status', type: 'text', target: 'organizing_status' },
  { field: 'owner', column: 'owner', type: 'text', target: 'owner_id' },
  // Custom fields by key (null clears one), merged into the workplace's values.
  { field: 'customFields', column: 'custom_fields', type: 'jsonb', target: 'custom_fields' },
] as const satisfies readonly { field: string; column: string; type: string; target?: string }[];

export type WorkplaceImportField = (typeof WORKPLACE_IMPORT_COLUMNS)[number]['field'];

export const WORKPLACE_FIELD_BITS = Object.fromEntries(
  WORKPLACE_IMPORT_COLUMNS.map((c, i) => [c.field, 1 << i]),
) as Record<WorkplaceImportField, number>;

const bit = (field: WorkplaceImportField) => WORKPLACE_FIELD_BITS[field];

export const WORKPLACE_STAGE_INPUT: readonly StageColumn[] = [
  { name: 'row_no', type: 'int' },
  { name: 'present', type: 'int' },
  ...WORKPLACE_IMPORT_COLUMNS.map((c) => ({ name: c.column, type: c.type })),
];

const TARGET_COLUMNS = WORKPLACE_IMPORT_COLUMNS.filter((c) => 'target' in c);
const sourceOf = (c: (typeof TARGET_COLUMNS)[number]) =>
  c.field === 'owner'
    ? 's.owner_id'
    : c.field === 'customFields'
      ? `jsonb_strip_nulls(coalesce(w.custom_fields, '{}'::jsonb) || coalesce(s.custom_fields, '{}'::jsonb))`
      : `s.${c.column}`;

export async function createWorkplaceStage(tx: DbOrTx) {
  await createStage(tx, STAGE, [
    { name: 'row_no', type: 'int primary key' },
    { name: 'present', type: 'int not null' },
    ...WORKPLACE_IMPORT_COLUMNS.map((c) => ({ name: c.column, type: c.type })),
    { name: 'workplace_id', type: 'uuid' },
    { name: 'old_atmosphere', type: 'atmosphere' },
    { name: 'owner_id', type: 'uuid' },
    { name: 'owner_matches', type: 'int' },
    { name: 'new_id', type: 'uuid not null default gen_random_uuid()' },
    { name: 'action', type: 'text' },
  ]);
}

export async function stageWorkplaceRows(tx: DbOrTx, rows: readonly Record<string, unknown>[]) {
  await insertStageRows(tx, STAGE, WORKPLACE_STAGE_INPUT, rows);
}

/**
 * Finds each row's workplace (by name) and owner; a name repeated in the file, an
 * unknown owner and a new owner who could not see the workplace (a rep whose
 * workplaces do not include it; a new workplace is in none yet) are errors.
 */
export async function resolveWorkplaceStage(tx: DbOrTx, requiredCustomFields: readonly string[] = []) {
  await tx.execute(
    sql.raw(`update ${STAGE} s set workplace_id = w.id, old_atmosphere = w.atmosphere
               from workplaces w where w.name = s.name`),
  );
  await resolveStageOwners(tx, STAGE);
  // A new workplace needs every required custom field (an update may leave them as they are).
  for (const key of requiredCustomFields) {
    await insertStageErrors(
      tx,
      sql`select row_no, ${`cf.${key}`}, 'is required for a new workplace' from ${sql.raw(STAGE)}
           where workplace_id is null and (custom_fields -> ${key}::text) is null`,
    );
  }
  await insertStageErrors(
    tx,
    sql`select s.row_no, 'owner', 'is a workplace rep whose workplaces do not include this workplace'
          from ${sql.raw(STAGE)} s
          join users u on u.id = s.owner_id
          left join workplaces w on w.id = s.workplace_id
         where s.owner_id is distinct from w.owner_id
           and ${blindToWorkplaceSql(sql`u.id`, sql`u.role`, sql`s.workplace_id`)}`,
  );
  await insertStageErrors(
    tx,
    sql.raw(`select row_no, 'name', 'appears more than once in the file (first at row ' || first_row || ')'
               from (select row_no, min(row_no) over (partition by name) as first_row
                       from ${STAGE} where name is not null) d
              where row_no <> first_row`),
  );
}

export async function classifyWorkplaceStage(tx: DbOrTx) {
  await tx.execute(sql.raw(`update ${STAGE} set action = 'create' where workplace_id is null`));
  const changed = TARGET_COLUMNS.map(
    (c) => `(${presentSql(bit(c.field))} and ${sourceOf(c)} is distinct from w.${c.target})`,
  ).join(' or ');
  await tx.execute(
    sql.raw(`update ${STAGE} s set action = case when ${changed} then 'update' else 'unchanged' end
               from workplaces w where w.id = s.workplace_id`),
  );
  return countStageActions(tx, STAGE);
}

export async function insertStagedWorkplaces(tx: DbOrTx, now: Date) {
  const targets = TARGET_COLUMNS.map((c) => c.target);
  const values = TARGET_COLUMNS.map((c) =>
    c.field === 'atmosphere'
      ? "coalesce(s.atmosphere, 'normal'::atmosphere)"
      : c.field === 'customFields'
        ? `jsonb_strip_nulls(coalesce(s.custom_fields, '{}'::jsonb))`
        : sourceOf(c),
  );
  await tx.execute(sql`
    insert into workplaces (id, name, ${sql.raw(targets.join(', '))}, created_at, updated_at)
    select s.new_id, s.name, ${sql.raw(values.join(', '))}, ${ts(now)}, ${ts(now)}
      from ${sql.raw(STAGE)} s where s.action = 'create' order by s.row_no`);
}

export async function updateStagedWorkplaces(tx: DbOrTx, now: Date, presentMask: number) {
  const sets = TARGET_COLUMNS.filter((c) => (presentMask & bit(c.field)) !== 0).map(
    (c) => `${c.target} = case when ${presentSql(bit(c.field))} then ${sourceOf(c)} else w.${c.target} end`,
  );
  if (!sets.length) return;
  await tx.execute(sql`
    update workplaces w set ${sql.raw(sets.join(', '))}, version = w.version + 1, updated_at = ${ts(now)}
      from ${sql.raw(STAGE)} s where s.action = 'update' and w.id = s.workplace_id`);
}

/** Atmosphere history: the initial value of each new workplace and each changed atmosphere. */
export async function insertStagedAtmosphereHistory(
  tx: DbOrTx,
  p: { now: Date; actorId: string; reason: string },
) {
  await tx.execute(sql`
    insert into atmosphere_history (workplace_id, "from", "to", changed_at, changed_by, reason)
    select case when s.action = 'create' then s.new_id else s.workplace_id end,
           case when s.action = 'create' then null else s.old_atmosphere end,
           coalesce(s.atmosphere, 'normal'::atmosphere),
           ${ts(p.now)}, ${p.actorId}::uuid, ${p.reason}::text
      from ${sql.raw(STAGE)} s
     where s.action = 'create'
        or (s.action = 'update' and ${sql.raw(presentSql(bit('atmosphere')))}
            and s.atmosphere is distinct from s.old_atmosphere)
     order by s.row_no`);
}
