import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Any fixed number: two servers starting at once must not both apply a migration.
const MIGRATION_LOCK_KEY = 7_415_001;

/** Applies the committed SQL migrations; safe to call on every start. */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const db = database.db as unknown as NodePgDatabase;
  // A session-level advisory lock needs one connection for lock, migrate and unlock.
  const pool = (db as unknown as { $client: import('pg').Pool }).$client;
  const client = await pool.connect();
  try {
    // Up to date: nothing to apply. Checked first so that a server connecting as a role
    // without CREATE rights (a hardened deployment, see db/roles.ts) starts normally.
    if (await upToDate(client)) return;
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const { drizzle } = await import('drizzle-orm/node-postgres');
    await migratePg(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}

/** Whether the newest committed migration is already applied (drizzle records its folder time). */
async function upToDate(client: import('pg').PoolClient): Promise<boolean> {
  const journal = JSON.parse(await readFile(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const newest = Math.max(...journal.entries.map((e) => e.when));
  try {
    const res = await client.query<{ created_at: string }>(
      'SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1',
    );
    return res.rows.length > 0 && Number(res.rows[0]!.created_at) >= newest;
  } catch {
    return false; // no migrations table yet
  }
}
