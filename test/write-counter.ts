import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../src/db/client';
import { rowsOf } from '../src/db/queries/records';

/**
 * A write counter on every table of a scratch database but those `unchecked` matches (the
 * fuzzers' "nothing written when refused" check; set-up of a test or of the reliability suite,
 * not a migration): per-row triggers bump a per-table counter in the schema `reliability` on
 * every inserted or deleted row, on every update that changes a row (an update that sets what
 * was there is not a write), and on a truncation. The counters move in the writing
 * transaction, so a rolled-back write leaves them as they were. Sees what a fingerprint of
 * every row sees, with one small read instead of reading every table.
 */
export async function installWriteCounter(db: DbOrTx, unchecked: RegExp) {
  const tables = (await publicTables(db)).filter((name) => !unchecked.test(name));
  const statements = [
    'create schema if not exists reliability',
    'create table if not exists reliability.writes (name text primary key, n bigint not null default 0)',
    `create or replace function reliability.bump() returns trigger language plpgsql as $$
      begin
        update reliability.writes set n = n + 1 where name = TG_TABLE_NAME;
        return null;
      end $$`,
  ];
  for (const name of tables)
    statements.push(
      `insert into reliability.writes (name) values ('${name}') on conflict do nothing`,
      `drop trigger if exists reliability_rows on "${name}"`,
      `drop trigger if exists reliability_changes on "${name}"`,
      `drop trigger if exists reliability_truncate on "${name}"`,
      `create trigger reliability_rows after insert or delete on "${name}" for each row execute function reliability.bump()`,
      `create trigger reliability_changes after update on "${name}" for each row when (old.* is distinct from new.*) execute function reliability.bump()`,
      `create trigger reliability_truncate after truncate on "${name}" for each statement execute function reliability.bump()`,
    );
  for (const statement of statements) await db.execute(sql.raw(statement));
  const query = sql`select coalesce(string_agg(name || ':' || n, ' ' order by name), '') as counts from reliability.writes`;
  return {
    tables,
    /** The counters as one text ("table:n …") that changes when any checked table is written. */
    read: async () => rowsOf<{ counts: string }>(await db.execute(query))[0]!.counts,
  };
}

/** The public schema's tables (names that need no quoting), in name order. */
export async function publicTables(db: DbOrTx): Promise<string[]> {
  return rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  )
    .map((r) => r.name)
    .filter((name) => /^[a-z_0-9]+$/.test(name));
}
