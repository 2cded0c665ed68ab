import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import type { Database } from './client';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// Any fixed number: two servers starting at once must not both apply a migration.
const MIGRATION_LOCK_KEY = 7_415_001;

/**
 * Applies the committed SQL migrations; safe to call on every start.
 *
 * On PostgreSQL everything happens in one transaction under a transaction-level advisory lock
 * (`pg_advisory_xact_lock`), so it also works through PgBouncer in transaction pooling mode,
 * where a session-level lock would be taken on one server connection and released (or not) on
 * another. Two servers starting at once take turns: the second finds the migrations applied.
 * The bookkeeping is drizzle's own (`drizzle.__drizzle_migrations`, one row per migration with
 * its folder time), so `drizzle-kit` and earlier releases read the same history.
 */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const migrations = readMigrationFiles({ migrationsFolder });
  const newest = Math.max(...migrations.map((m) => m.folderMillis));
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  // Up to date: nothing to apply. Checked first, outside any lock, so that a server connecting
  // as a role without CREATE rights (a hardened deployment, see db/roles.ts) starts normally.
  if ((await lastApplied(pool)) >= newest) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query('CREATE SCHEMA IF NOT EXISTS drizzle');
    await client.query(
      'CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
    );
    // Read under the lock: another server may have applied them while this one waited.
    const last = await lastApplied(client);
    for (const migration of migrations) {
      if (migration.folderMillis <= last) continue;
      for (const statement of migration.sql) await client.query(statement);
      await client.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
        migration.hash,
        migration.folderMillis,
      ]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** The folder time of the newest applied migration (drizzle records it), 0 before the first. */
async function lastApplied(client: pg.Pool | pg.PoolClient): Promise<number> {
  try {
    const res = await client.query<{ created_at: string }>(
      'SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1',
    );
    return res.rows.length > 0 ? Number(res.rows[0]!.created_at) : 0;
  } catch (err) {
    if ((err as { code?: string }).code === '42P01' || (err as { code?: string }).code === '3F000') return 0;
    throw err;
  }
}
