import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { storableText } from '../../core/common/schemas';
import type { DbOrTx } from '../client';
import { rowsOf } from './records';

/**
 * Import staging: the rows of a file are loaded into a temporary table by `COPY … FROM STDIN`
 * (PostgreSQL; PGlite reads the same CSV from a blob), or, on a connection that cannot COPY, by
 * multi-row statements (one JSON parameter per chunk, expanded by `jsonb_to_recordset`), then
 * merged with set-based statements. Staging tables
 * live for one transaction (`ON COMMIT DROP`; a rollback removes them too), so
 * an import that never commits leaves nothing behind.
 */

/** A staged column: its name and SQL type (constants of this module's callers, never user input). */
export type StageColumn = { name: string; type: string };

/** Per-row problems found by the set-based checks: row number, field, message. */
export const ERRORS_TABLE = 'kumiai_import_errors';

/**
 * One import at a time: two concurrent imports would race on the same new employee numbers.
 * The import's sorts and hashes (100,000 staged rows and more) get the memory to stay off disk,
 * for this transaction only (the default 4 MB spills each of them to temporary files).
 */
export async function lockImports(tx: DbOrTx) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kumiai:import'))`);
  await tx.execute(sql`select set_config('work_mem', ${IMPORT_WORK_MEM}, true)`);
}

/** work_mem of an import's transaction. */
export const IMPORT_WORK_MEM = '64MB';

/** Creates the staging table (the row number is the key) and the errors table. */
export async function createStage(tx: DbOrTx, table: string, columns: readonly StageColumn[]) {
  const defs = columns.map((c) => `${c.name} ${c.type}`).join(', ');
  await tx.execute(sql.raw(`create temp table ${table} (${defs}) on commit drop`));
  await tx.execute(
    sql.raw(
      `create temp table ${ERRORS_TABLE} (row_no int not null, field text, message text not null) on commit drop`,
    ),
  );
  // "The rows without errors" is an anti-join on row_no: planned while the table is empty, it is a
  // nested loop, which the index keeps linear when a file has thousands of bad rows.
  await tx.execute(sql.raw(`create index on ${ERRORS_TABLE} (row_no)`));
}

/**
 * Loads one chunk of rows (objects keyed by column name): by COPY where the connection can
 * (`copyStageRows`), else in one statement with the values as a JSON parameter.
 */
export async function insertStageRows(
  tx: DbOrTx,
  table: string,
  columns: readonly StageColumn[],
  rows: readonly Record<string, unknown>[],
) {
  if (!rows.length) return;
  if (await copyStageRows(tx, table, columns, rows)) return;
  await insertStageRowsAsJson(tx, table, columns, rows);
}

/**
 * One chunk in one statement: the values travel as a single JSON parameter; PostgreSQL casts
 * each to the column's type (dates, enums) as `jsonb_to_recordset` expands it.
 */
export async function insertStageRowsAsJson(
  tx: DbOrTx,
  table: string,
  columns: readonly StageColumn[],
  rows: readonly Record<string, unknown>[],
) {
  if (!rows.length) return;
  const names = sql.raw(columns.map((c) => c.name).join(', '));
  const defs = sql.raw(columns.map((c) => `${c.name} ${c.type}`).join(', '));
  await tx.execute(
    sql`insert into ${sql.raw(table)} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${defs})`,
  );
}

/** The driver's own connection under a Drizzle transaction: a pg client, or a PGlite transaction. */
type PgliteQuery = { query: (text: string, params: unknown[], options: { blob: Blob }) => Promise<unknown> };
function driverClientOf(tx: DbOrTx): unknown {
  return (tx as unknown as { session?: { client?: unknown } }).session?.client;
}

/**
 * Loads rows by COPY in CSV: a stream into `COPY … FROM STDIN` on PostgreSQL (the connection
 * of the transaction), a blob read by `COPY … FROM '/dev/blob'` on PGlite. Each value is written
 * as PostgreSQL reads it back into the column's type: an unquoted empty field is NULL, text is
 * always quoted (so an empty string stays one), JSON columns get the value's JSON text. Returns
 * false, loading nothing, when the connection is neither (the caller inserts the rows instead).
 */
export async function copyStageRows(
  tx: DbOrTx,
  table: string,
  columns: readonly StageColumn[],
  rows: readonly Record<string, unknown>[],
): Promise<boolean> {
  const client = driverClientOf(tx);
  const statement = (source: string) =>
    `copy ${table} (${columns.map((c) => c.name).join(', ')}) from ${source} with (format csv)`;
  if (client instanceof pg.Client) {
    const copy = client.query(copyFrom(statement('stdin')));
    await pipeline(Readable.from(csvLines(columns, rows)), copy);
    return true;
  }
  if (
    client &&
    typeof (client as Partial<PgliteQuery>).query === 'function' &&
    !(client instanceof pg.Pool)
  ) {
    const blob = new Blob([...csvLines(columns, rows)]);
    await (client as PgliteQuery).query(statement(`'/dev/blob'`), [], { blob });
    return true;
  }
  return false;
}

/** The rows as CSV lines, a few hundred rows per string. */
export function* csvLines(
  columns: readonly StageColumn[],
  rows: readonly Record<string, unknown>[],
): Generator<string> {
  const json = columns.map((c) => /^jsonb?\b/.test(c.type));
  let batch = '';
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) line += ',';
      line += csvField(row[columns[i]!.name], json[i]!);
    }
    batch += `${line}\n`;
    if (r % 500 === 499) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/** One value as a CSV field: NULL unquoted and empty; text quoted, with what jsonb and text refuse replaced. */
function csvField(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '';
  if (json)
    return quoteCsv(JSON.stringify(value, (_key, v) => (typeof v === 'string' ? storableText(v) : v)));
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = String(value);
  return quoteCsv(MAYBE_UNSTORABLE.test(text) ? storableText(text) : text);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters looked for.
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;
const quoteCsv = (text: string) => (text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`);

/**
 * Gives the planner the stage's statistics (autovacuum never analyzes temporary
 * tables): without them a join of 100k staged rows with members is planned as a
 * nested loop over guessed sizes and takes minutes instead of a hash join's seconds.
 */
export async function analyzeStage(tx: DbOrTx, table: string) {
  await tx.execute(sql.raw(`analyze ${table}`));
  await tx.execute(sql.raw(`analyze ${ERRORS_TABLE}`));
}

/** Adds errors found by a set-based check: `select row_no, field, message …`. */
export async function insertStageErrors(tx: DbOrTx, select: SQL) {
  await tx.execute(sql`insert into ${sql.raw(ERRORS_TABLE)} (row_no, field, message) ${select}`);
}

export type StageError = { row: number; field: string | null; message: string };

/** Adds errors found before staging (cell checks), so every error lives in one table. */
export async function addStageErrors(tx: DbOrTx, errors: readonly StageError[]) {
  if (!errors.length) return;
  await insertStageErrors(
    tx,
    sql`select row_no, field, message from jsonb_to_recordset(${JSON.stringify(
      errors.map((e) => ({ row_no: e.row, field: e.field, message: e.message })),
    )}::jsonb) as x(row_no int, field text, message text)`,
  );
}

export async function listStageErrors(tx: DbOrTx): Promise<StageError[]> {
  const rows = rowsOf<{ row_no: number; field: string | null; message: string }>(
    await tx.execute(
      sql.raw(
        `select row_no, field, message from ${ERRORS_TABLE} order by row_no, field nulls first, message`,
      ),
    ),
  );
  return rows.map((r) => ({ row: Number(r.row_no), field: r.field, message: r.message }));
}

/** Removes the rows that have errors from the stage (the import then skips them). */
export async function dropInvalidStageRows(tx: DbOrTx, table: string) {
  await tx.execute(
    sql.raw(
      `delete from ${table} s where exists (select 1 from ${ERRORS_TABLE} e where e.row_no = s.row_no)`,
    ),
  );
}

/** How many staged rows will be created, updated or left unchanged (by their `action`). */
export async function countStageActions(tx: DbOrTx, table: string) {
  const rows = rowsOf<{ action: string | null; n: number }>(
    await tx.execute(
      sql.raw(
        `select action, count(*)::int as n from ${table} s where not exists (select 1 from ${ERRORS_TABLE} e where e.row_no = s.row_no) group by action`,
      ),
    ),
  );
  const count = (action: string) => Number(rows.find((r) => r.action === action)?.n ?? 0);
  return { created: count('create'), updated: count('update'), unchanged: count('unchanged') };
}

/**
 * The owner (担当者) named in the file: an enabled staff user by email (any
 * case) or by display name (spaces ignored). An email match wins; a name shared
 * by several users matches none (`owner_matches` tells the error apart).
 */
export async function resolveStageOwners(tx: DbOrTx, table: string) {
  await tx.execute(
    sql.raw(`
    with owners as (select distinct owner from ${table} where owner is not null),
    matches as (
      select o.owner, u.id, lower(u.email) = lower(o.owner) as by_email
        from owners o
        join users u on not u.disabled
         and (lower(u.email) = lower(o.owner)
              or translate(u.display_name, ' 　', '') = translate(o.owner, ' 　', ''))),
    resolved as (
      select owner,
             case when bool_or(by_email) then (array_agg(id) filter (where by_email))[1]
                  when count(*) = 1 then (array_agg(id))[1] end as id,
             count(*)::int as n
        from matches group by owner)
    update ${table} s set owner_id = r.id, owner_matches = r.n from resolved r where r.owner = s.owner`),
  );
  await insertStageErrors(
    tx,
    sql.raw(`
    select row_no, 'owner',
           case when owner_matches > 1 then 'matches several staff users; use the email address'
                else 'no enabled staff user has this email address or name' end
      from ${table} where owner is not null and owner_id is null`),
  );
}

/** `(s.present & bit) <> 0`: the row's file had this column. */
export function presentSql(bit: number, alias = 's'): string {
  return `(${alias}.present & ${bit}) <> 0`;
}

export const ts = (now: Date) => sql`${now.toISOString()}::timestamptz`;
