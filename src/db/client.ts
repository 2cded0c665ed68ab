import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataDir } from './lock';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Query helpers accept either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  close: () => Promise<void>;
};

export type OpenOptions =
  | { kind: 'pglite'; dataDir: string | undefined; lock?: boolean; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number; connectTimeoutMs?: number };

// DATE columns stay 'YYYY-MM-DD' strings on both engines; drizzle maps the rest.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // While the database is away (a restart, a failover), a request waits at most this long for a
      // connection (a new one, or a free one from the full pool), then fails; the server answers
      // 503 database_unavailable (db/errors.ts) instead of hanging. The pool reconnects by itself.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      // A connection whose peer vanished without closing it (a network cut) is noticed.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // A connection the database ends (a restart: 57P01 admin_shutdown) must not crash the process.
    // The pool forwards the errors of its idle connections to 'error'; a connection lent out but
    // between two queries (a transaction awaiting the service's code) would emit an unhandled
    // 'error' and bring the process down, so every connection gets its own listener. Its next
    // query fails (503), and the pool drops it on release and opens a new one on demand.
    // The code only: no message text in logs.
    const lost = (err: Error) =>
      console.error(
        `PostgreSQL connection lost (${(err as { code?: string }).code ?? err.name}); reconnecting on demand`,
      );
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const release = options.dataDir && options.lock !== false ? lockDataDir(options.dataDir) : () => {};
  try {
    const client = await PGlite.create({
      dataDir: options.dataDir,
      extensions: { pg_trgm },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    let closed = false;
    return {
      db,
      kind: 'pglite',
      close: async () => {
        if (closed) return;
        closed = true;
        try {
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** The underlying PGlite instance (tests clone a migrated database from it). */
export function pgliteClientOf(db: Db): PGlite | undefined {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof PGlite ? client : undefined;
}
