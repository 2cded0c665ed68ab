import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { is, type SQL, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx, Tx } from './client';
import { rowsOf } from './queries/records';
import * as schema from './schema';

// Backup and restore (npm run kumiai -- backup / restore): every application table,
// read in one consistent snapshot and written back with the triggers off. Rows travel
// as PostgreSQL's own JSON of the row (`to_jsonb`), and are read back with
// `jsonb_populate_recordset`, so dates, timestamps (to the microsecond), jsonb,
// arrays and bigints round-trip exactly on both engines.

/**
 * Not backed up: sign-in sessions (restored users sign in again), the failed sign-in
 * counters (throttling state, minutes long), the concern-matching index (derived from
 * the texts; a restore queues it to be built again), and the scheduled backups' own record.
 */
export const SKIPPED_TABLES = [
  'sessions',
  'login_failures',
  'match_docs',
  'match_doc_terms',
  'match_demand_terms',
  'match_expansions',
  'match_scores',
  'match_queue',
  'match_state',
  'backup_runs',
] as const;

/**
 * Rows a freshly migrated (or once started) database already holds, which a restore
 * replaces: the settings and synonym-table rows a migration inserts, and month-end snapshots (derived
 * figures the daily sweep writes, even for an empty union).
 */
export const REPLACED_TABLES = ['settings', 'monthly_snapshots', 'match_synonyms'] as const;

/**
 * Foreign keys that form a cycle (a workplace's rep is a member; a member's
 * workplace is a workplace): these columns are loaded as null and set once every
 * table is in.
 */
const CYCLE_BREAKS: Record<string, readonly string[]> = { workplaces: ['rep_member_id'] };

export type BackupTable = {
  name: string;
  /** The columns written back (generated columns are recomputed by the database). */
  columns: string[];
  generated: string[];
  primaryKey: { name: string; type: string }[];
  /** GENERATED ALWAYS AS IDENTITY columns: inserted with OVERRIDING SYSTEM VALUE, sequences moved past. */
  identity: string[];
  /** Columns loaded as null and set after every table is loaded (see CYCLE_BREAKS). */
  deferred: string[];
};

function describeTable(table: PgTable): BackupTable & { references: Map<string, string[]> } {
  const config = getTableConfig(table);
  // A composite key names its columns by the table's extra config: look them up by name.
  const keyNames = config.primaryKeys[0]?.columns.map((c) => c.name);
  const primaryKey = keyNames
    ? keyNames.map((name) => config.columns.find((c) => c.name === name)!)
    : config.columns.filter((c) => c.primary);
  const references = new Map<string, string[]>();
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    const target = getTableConfig(ref.foreignTable).name;
    if (target === config.name) continue;
    references.set(target, [...(references.get(target) ?? []), ...ref.columns.map((c) => c.name)]);
  }
  return {
    name: config.name,
    columns: config.columns.filter((c) => !c.generated).map((c) => c.name),
    generated: config.columns.filter((c) => c.generated).map((c) => c.name),
    primaryKey: primaryKey.map((c) => ({ name: c.name, type: c.getSQLType() })),
    identity: config.columns
      .filter((c) => (c as { generatedIdentity?: unknown }).generatedIdentity)
      .map((c) => c.name),
    deferred: [...(CYCLE_BREAKS[config.name] ?? [])],
    references,
  };
}

/**
 * Every table of schema.ts but the skipped ones, parents before children (a
 * table comes after every table it references, cycle breaks aside; ties in
 * name order). Throws if schema.ts gains a cycle nobody decided how to break.
 */
export function backupTables(): BackupTable[] {
  const skipped = new Set<string>(SKIPPED_TABLES);
  const tables = (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map(describeTable)
    .filter((t) => !skipped.has(t.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const done = new Set<string>();
  const ordered: BackupTable[] = [];
  while (ordered.length < tables.length) {
    const next = tables.find(
      (t) =>
        !done.has(t.name) &&
        [...t.references].every(
          ([target, columns]) =>
            done.has(target) || skipped.has(target) || columns.every((c) => t.deferred.includes(c)),
        ),
    );
    if (!next) {
      const left = tables.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(`backupTables: foreign keys form a cycle among ${left.join(', ')} (see CYCLE_BREAKS)`);
    }
    done.add(next.name);
    const { references: _references, ...table } = next;
    ordered.push(table);
  }
  return ordered;
}

const id = (name: string) => sql.identifier(name);

/** The row as JSON, generated columns left out: what a backup holds and what checksums cover. */
function rowJson(table: BackupTable, alias: string): SQL {
  return sql.join([sql`to_jsonb(${id(alias)})`, ...table.generated.map((g) => sql`${g}::text`)], sql` - `);
}

/**
 * Runs `fn` in one consistent, read-only snapshot (REPEATABLE READ): every table is
 * read as of the same instant while the server keeps writing. Timestamps in UTC, so
 * the rows' text (and their checksums) is the same on every engine and server.
 */
export async function inSnapshot<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local time zone 'UTC'`);
      return fn(tx);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

export type TableSum = { rows: number; checksum: string };

/**
 * Per table: the row count and a checksum of its rows, computed by the database
 * the same way on PGlite and PostgreSQL: the md5 of each row's JSON text, two
 * 60-bit slices of it summed over the table (exact numerics), then hashed with
 * the count. Order-independent and streaming: no sort, constant memory, whatever
 * the size of the table; any changed, missing or extra row changes it.
 */
export async function tableChecksums(db: DbOrTx, tables: readonly BackupTable[]) {
  const parts = tables.map(
    (t) => sql`select ${t.name}::text as name, count(*)::bigint::text as n,
      md5(count(*)::text || ':' || coalesce(sum(('x' || substr(h, 1, 15))::bit(60)::bigint), 0)::text
        || ':' || coalesce(sum(('x' || substr(h, 16, 15))::bit(60)::bigint), 0)::text) as checksum
      from (select md5((${rowJson(t, 'x')})::text) as h from ${id(t.name)} x) s`,
  );
  const rows = rowsOf<{ name: string; n: string; checksum: string }>(
    await db.execute(sql.join(parts, sql` union all `)),
  );
  return Object.fromEntries(rows.map((r) => [r.name, { rows: Number(r.n), checksum: r.checksum }])) as Record<
    string,
    TableSum
  >;
}

export type PageKey = string[];

/**
 * One page of a table's rows in primary-key order after `after` (keyset paging: a
 * large table is never loaded at once). Each row is its JSON text, as PostgreSQL
 * writes it; `key` is where the next page starts.
 */
export async function readRows(db: DbOrTx, table: BackupTable, limit: number, after?: PageKey) {
  const pk = table.primaryKey;
  const keyColumns = sql.join(
    pk.map((c) => sql`x.${id(c.name)}`),
    sql`, `,
  );
  const keyText = sql.join(
    pk.map((c, i) => sql`x.${id(c.name)}::text as ${id(`k${i}`)}`),
    sql`, `,
  );
  const where = after
    ? sql`where (${keyColumns}) > (${sql.join(
        pk.map((c, i) => sql`${after[i]}::${sql.raw(c.type)}`),
        sql`, `,
      )})`
    : sql``;
  const rows = rowsOf<Record<string, string>>(
    await db.execute(
      sql`select (${rowJson(table, 'x')})::text as r, ${keyText} from ${id(table.name)} x ${where} order by ${keyColumns} limit ${limit}`,
    ),
  );
  const last = rows.at(-1);
  return {
    rows: rows.map((r) => r.r as string),
    key: last ? pk.map((_c, i) => last[`k${i}`] as string) : undefined,
  };
}

// ---------------------------------------------------------------- schema version

const journalFile = fileURLToPath(new URL('./migrations/meta/_journal.json', import.meta.url));

/**
 * The tag of the newest migration applied to the database (e.g. `0011_audit_erasure`),
 * or null when it is not one this version of Kumiai knows (a newer database).
 */
export async function schemaVersion(db: DbOrTx): Promise<string | null> {
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { when: number; tag: string }[];
  };
  const [row] = rowsOf<{ created_at: string | null }>(
    await db.execute(sql`select max(created_at)::text as created_at from drizzle.__drizzle_migrations`),
  );
  const applied = row?.created_at == null ? undefined : Number(row.created_at);
  return journal.entries.find((e) => e.when === applied)?.tag ?? null;
}

// ---------------------------------------------------------------- restore

/**
 * Switches the tables' own triggers (audit, append-only guards) off or on for the
 * rest of the transaction, so restored rows are not audited again: the audit log is
 * restored as it was. Constraint triggers (foreign keys) stay on. The audit log's
 * own guard is left alone: rows are only inserted there. Needs the tables' owner;
 * transactional (a rollback undoes it).
 */
export async function setUserTriggers(db: Tx, tables: readonly BackupTable[], enabled: boolean) {
  for (const t of tables) {
    if (t.name === 'audit_log') continue;
    await db.execute(
      enabled
        ? sql`alter table ${id(t.name)} enable trigger user`
        : sql`alter table ${id(t.name)} disable trigger user`,
    );
  }
}

/** Tables (other than those a restore replaces) that hold any row: the restore refuses to mix data. */
export async function nonEmptyTables(db: DbOrTx, tables: readonly BackupTable[]): Promise<string[]> {
  const replaced = new Set<string>(REPLACED_TABLES);
  const checked = tables.filter((t) => !replaced.has(t.name));
  const parts = checked.map(
    (t) => sql`select ${t.name}::text as name where exists (select 1 from ${id(t.name)})`,
  );
  return rowsOf<{ name: string }>(await db.execute(sql.join(parts, sql` union all `))).map((r) => r.name);
}

/** Removes the rows a restore replaces (the migration's settings row, derived snapshots). */
export async function clearReplacedTables(db: Tx) {
  for (const name of REPLACED_TABLES) await db.execute(sql`delete from ${id(name)}`);
}

/**
 * Inserts rows (JSON texts as a backup holds them) in one statement. Identity
 * values are kept (OVERRIDING SYSTEM VALUE); deferred columns are loaded as null.
 */
export async function insertRows(db: Tx, table: BackupTable, rows: readonly string[]) {
  if (!rows.length) return;
  const columns = sql.join(
    table.columns.map((c) => id(c)),
    sql`, `,
  );
  const values = sql.join(
    table.columns.map((c) => (table.deferred.includes(c) ? sql`null` : sql`v.${id(c)}`)),
    sql`, `,
  );
  const overriding = table.identity.length ? sql`overriding system value` : sql``;
  await db.execute(
    sql`insert into ${id(table.name)} (${columns}) ${overriding} select ${values} from jsonb_populate_recordset(null::${id(table.name)}, ${`[${rows.join(',')}]`}::jsonb) v`,
  );
}

/** Sets the deferred columns (rows: JSON objects with the primary key and those columns). */
export async function setDeferredColumns(
  db: Tx,
  table: BackupTable,
  rows: readonly Record<string, unknown>[],
) {
  if (!rows.length || !table.deferred.length) return;
  const assignments = sql.join(
    table.deferred.map((c) => sql`${id(c)} = v.${id(c)}`),
    sql`, `,
  );
  const match = sql.join(
    table.primaryKey.map((c) => sql`t.${id(c.name)} = v.${id(c.name)}`),
    sql` and `,
  );
  await db.execute(
    sql`update ${id(table.name)} t set ${assignments} from jsonb_populate_recordset(null::${id(table.name)}, ${JSON.stringify(rows)}::jsonb) v where ${match}`,
  );
}

/** Moves identity sequences past the restored values, so new rows get fresh ids. */
export async function resetIdentitySequences(db: Tx, tables: readonly BackupTable[]) {
  for (const t of tables) {
    for (const column of t.identity) {
      await db.execute(
        sql`select setval(pg_get_serial_sequence(${t.name}, ${column}), coalesce(max(${id(column)}), 0) + 1, false) from ${id(t.name)}`,
      );
    }
  }
}

/** UTC for the rest of the transaction: the rows' JSON text (and checksums) does not depend on the server's zone. */
export async function useUtc(db: Tx) {
  await db.execute(sql`set local time zone 'UTC'`);
}
