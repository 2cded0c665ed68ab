import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createScratchDatabase,
  httpClient,
  postgresBinDir,
  type ServerProcess,
  startServerProcess,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../test/servers';

/**
 * A PostgreSQL restart under load (issue 20): `kumiai serve` keeps running, answers 503
 * database_unavailable with Retry-After (never 500, never a hang) while the database is away,
 * /api/health says `databaseState: 'down'` (503) meanwhile and `up` after, the pool reconnects by
 * itself, and every write acknowledged before, during and after is in the database.
 *
 * The database is a throwaway cluster of this test's own (initdb + pg_ctl in a temporary
 * directory, test/servers.ts), really stopped and started: the shared test cluster cannot be
 * restarted under the other test files. Runs in the PostgreSQL pass (TEST_DATABASE_URL set);
 * there, missing server binaries fail the run in CI (CI=true) and skip it elsewhere.
 */
const inPostgresPass = Boolean(process.env.TEST_DATABASE_URL);
const haveBinaries = postgresBinDir() !== undefined;
if (inPostgresPass && !haveBinaries && process.env.CI === 'true') {
  throw new Error(
    'CI: PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are required for db-restart.test.ts',
  );
}
if (inPostgresPass && !haveBinaries) {
  console.warn('db-restart.test.ts skipped: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin');
}

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
type Outcome = {
  phase: 'before' | 'away' | 'after';
  status: number;
  id?: string;
  code?: string;
  retryAfter?: string | null;
  ms: number;
};

describe.skipIf(!inPostgresPass || !haveBinaries)('a PostgreSQL restart under load', () => {
  let cluster: ThrowawayPostgres;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let server: ServerProcess;

  beforeAll(async () => {
    cluster = await startThrowawayPostgres();
    scratch = await createScratchDatabase(cluster.url);
    server = await startServerProcess({
      DATABASE_URL: scratch.url,
      DATABASE_POOL_SIZE: '4',
      KUMIAI_ADMIN_EMAIL: ADMIN.email,
      KUMIAI_ADMIN_PASSWORD: ADMIN.password,
      KUMIAI_SECRET: 'db-restart-test-secret-0123456789abcdef',
    });
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await cluster?.stop();
  }, 60_000);

  it('answers 503 while the database is away, reconnects, and loses no acknowledged write', async () => {
    const client = httpClient(server.url);
    await client.signIn(ADMIN.email, ADMIN.password);
    let phase: Outcome['phase'] = 'before';
    let running = true;
    const writes: Outcome[] = [];
    const health: { phase: Outcome['phase']; status: number; state?: string }[] = [];
    let n = 0;
    // Three writers and a health checker, as a load balancer would.
    const writer = async () => {
      while (running) {
        const started = Date.now();
        const at = phase;
        // A refused or cut connection (the process died) is status 0: it must not happen.
        const res = await client
          .request<{ id?: string; error?: { code: string } }>('POST', '/api/members', {
            name: `再起動 ${n++}`,
          })
          .catch(() => ({ status: 0, body: undefined, headers: new Headers() }));
        writes.push({
          phase: at,
          status: res.status,
          id: res.body?.id,
          code: res.body?.error?.code,
          retryAfter: res.headers.get('retry-after'),
          ms: Date.now() - started,
        });
        if (res.status !== 201) await new Promise((r) => setTimeout(r, 50));
      }
    };
    const checker = async () => {
      while (running) {
        const at = phase;
        const res = await fetch(`${server.url}/api/health`).catch(() => undefined);
        const body = (await res?.json().catch(() => undefined)) as { databaseState?: string } | undefined;
        health.push({ phase: at, status: res?.status ?? 0, state: body?.databaseState });
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const load = Promise.all([writer(), writer(), writer(), checker()]);
    await new Promise((r) => setTimeout(r, 1_500));
    // Away: stopped (fast: open connections end with 57P01 admin_shutdown), then down for 3 s.
    phase = 'away';
    await cluster.stopServer('fast');
    await new Promise((r) => setTimeout(r, 3_000));
    await cluster.startServer();
    // Back: the writers continue until the pool has reconnected and a few writes went through.
    phase = 'after';
    const deadline = Date.now() + 30_000;
    while (
      writes.filter((w) => w.phase === 'after' && w.status === 201).length < 5 &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    running = false;
    await load;

    const statuses = new Set(writes.map((w) => w.status));
    // Only created or "database unavailable": no 500, no other error.
    expect(
      [...statuses].filter((s) => s !== 201 && s !== 503),
      server.output().slice(-3000),
    ).toEqual([]);
    for (const w of writes.filter((x) => x.status === 503)) {
      expect(w.code).toBe('database_unavailable');
      expect(Number(w.retryAfter)).toBeGreaterThan(0);
    }
    expect(writes.filter((w) => w.phase === 'before' && w.status === 201).length).toBeGreaterThan(0);
    expect(writes.filter((w) => w.phase === 'away' && w.status === 503).length).toBeGreaterThan(0);
    expect(writes.filter((w) => w.phase === 'after' && w.status === 201).length).toBeGreaterThanOrEqual(5);
    // No hang: an answer while the database was away took at most the pool's connect timeout (5 s) and change.
    expect(Math.max(...writes.filter((w) => w.status === 503).map((w) => w.ms))).toBeLessThan(8_000);
    // The health check said down while away and up again after.
    expect(health.some((h) => h.phase === 'away' && h.status === 503 && h.state === 'down')).toBe(true);
    expect(health.at(-1)).toMatchObject({ status: 200, state: 'up' });

    // Every acknowledged write is in the database.
    const acknowledged = writes.filter((w) => w.status === 201).map((w) => w.id!);
    const check = new pg.Client({ connectionString: scratch.url });
    await check.connect();
    try {
      const found = await check.query<{ n: number }>(
        'select count(*)::int as n from members where id = any($1::uuid[])',
        [acknowledged],
      );
      expect(new Set(acknowledged).size, JSON.stringify(writes.slice(0, 5))).toBe(acknowledged.length);
      expect(found.rows[0]!.n).toBe(acknowledged.length);
    } finally {
      await check.end();
    }
    // The process kept running and logged the outage as such, never as a failed request.
    expect(server.output()).toContain('database unavailable');
    expect(server.output()).not.toContain('request failed');
  }, 120_000);
});
