import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createScratchDatabase,
  httpClient,
  type Pgbouncer,
  pgbouncerPath,
  type ServerProcess,
  startPgbouncer,
  startServerProcess,
} from '../../test/servers';

/**
 * Kumiai through PgBouncer in transaction pooling mode (issue 20): a server connection is lent for
 * one transaction only, so nothing may rely on a session (session-level advisory locks, SET outside
 * a transaction, prepared statements by name — Debian's PgBouncer 1.18 has no
 * max_prepared_statements —, LISTEN). Two `kumiai serve` processes start at once through one
 * PgBouncer with a pool of two server connections (so consecutive transactions really land on
 * different connections), migrate, and serve real operations: sign-in, members created and
 * updated, an import, a bulk action, the daily sweep, the dashboards, the public pages' limiter.
 *
 * The PostgreSQL pass (TEST_DATABASE_URL); PgBouncer missing skips it locally with a message and
 * fails it in CI (CI=true), where .ci/run installs it.
 */
const url = process.env.TEST_DATABASE_URL;
const installed = pgbouncerPath() !== undefined;
if (url && !installed && process.env.CI === 'true') {
  throw new Error('CI: pgbouncer is required for pgbouncer.test.ts (.ci/run installs Debian’s pgbouncer)');
}
if (url && !installed)
  console.warn('pgbouncer.test.ts skipped: pgbouncer is not installed (apt-get install pgbouncer)');

const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };

describe.skipIf(!url || !installed)('through PgBouncer in transaction pooling mode', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let bouncer: Pgbouncer;
  let a: ServerProcess;
  let b: ServerProcess;
  let direct: pg.Client;

  beforeAll(async () => {
    scratch = await createScratchDatabase(url!);
    bouncer = await startPgbouncer(scratch.url, { poolSize: 2 });
    const env = {
      DATABASE_URL: bouncer.url,
      DATABASE_POOL_SIZE: '4',
      KUMIAI_ADMIN_EMAIL: ADMIN.email,
      KUMIAI_ADMIN_PASSWORD: ADMIN.password,
      KUMIAI_SECRET: 'pgbouncer-test-secret-0123456789abcdef',
      KUMIAI_PUBLIC_RATE_LIMIT: '4',
    };
    // Both migrate at once through the pooler: the migration lock is a transaction's.
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    direct = new pg.Client({ connectionString: scratch.url });
    await direct.connect();
  }, 240_000);

  afterAll(async () => {
    await direct?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await bouncer?.stop();
    await scratch?.drop();
  }, 60_000);

  it('migrated once, one admin, no advisory lock left held', async () => {
    const migrations = await direct.query(
      'select count(*)::int as n, count(distinct created_at)::int as d from drizzle.__drizzle_migrations',
    );
    expect(migrations.rows[0].n).toBeGreaterThan(20);
    expect(migrations.rows[0].n).toBe(migrations.rows[0].d);
    expect((await direct.query('select count(*)::int as n from users')).rows[0].n).toBe(1);
    // A session-level lock would stay with an idle server connection of PgBouncer's pool.
    const locks = await direct.query(
      `select count(*)::int as n from pg_locks l join pg_stat_activity s on s.pid = l.pid
        where l.locktype = 'advisory' and s.datname = current_database() and s.state = 'idle'`,
    );
    expect(locks.rows[0].n).toBe(0);
  });

  it('serves sign-in, member writes, an import, a bulk action, the sweep and the dashboards', async () => {
    const onA = httpClient(a.url);
    const cookie = await onA.signIn(ADMIN.email, ADMIN.password);
    const onB = httpClient(b.url, cookie);
    expect((await onB.request('GET', '/api/auth/me')).status).toBe(200);

    const workplace = await onA.request<{ id: string }>('POST', '/api/workplaces', { name: '第一工場' });
    expect(workplace.status, workplace.text).toBe(201);
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? onA : onB).request<{ id: string; version: number }>('POST', '/api/members', {
          name: `組合 員${i}`,
          workplaceId: workplace.body.id,
          joinedOn: '2016-04-01',
        }),
      ),
    );
    for (const m of created) expect(m.status, m.text).toBe(201);
    const first = created[0]!.body;
    const updated = await onB.request<{ version: number }>('PATCH', `/api/members/${first.id}`, {
      version: first.version,
      engagement: 'at_risk',
      engagementReason: '面談で不満',
    });
    expect(updated.status, updated.text).toBe(200);
    // The same stale version again: 409, the optimistic lock holds through the pooler.
    const stale = await onA.request('PATCH', `/api/members/${first.id}`, {
      version: first.version,
      engagement: 'regular',
    });
    expect(stale.status).toBe(409);

    const form = new FormData();
    form.append(
      'file',
      new Blob(['社員番号,氏名,所属職場\r\nP001,取込 一,第一工場\r\nP002,取込 二,第一工場']),
      'r.csv',
    );
    form.append('dryRun', 'false');
    const imported = await fetch(`${b.url}/api/import/members`, {
      method: 'POST',
      body: form,
      headers: { cookie },
    });
    const importBody = (await imported.json()) as { applied: boolean; created: number };
    expect(imported.status, JSON.stringify(importBody)).toBe(200);
    expect(importBody).toMatchObject({ applied: true, created: 2 });

    const bulk = await onA.request(
      'POST',
      '/api/members/bulk',
      {
        action: 'set_engagement',
        memberIds: created.slice(1).map((m) => m.body.id),
        engagement: 'rare',
        engagementReason: '一斉見直し',
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.body).toMatchObject({ changed: 5 });

    // The sweep on both at once: the milestone tasks (10 years in April 2026) created once.
    const [sweepA, sweepB] = await Promise.all([
      onA.request<{ created: unknown[] }>('POST', '/api/workflows/run', { asOf: '2026-03-15' }),
      onB.request<{ created: unknown[] }>('POST', '/api/workflows/run', { asOf: '2026-03-15' }),
    ]);
    expect(sweepA.status, sweepA.text).toBe(200);
    expect(sweepB.status, sweepB.text).toBe(200);
    expect(sweepA.body.created.length + sweepB.body.created.length).toBeGreaterThanOrEqual(6);
    expect(Math.min(sweepA.body.created.length, sweepB.body.created.length)).toBe(0);

    for (const path of ['/api/dashboards/weekly', '/api/dashboards/monthly', '/api/members?limit=50']) {
      const [ra, rb] = await Promise.all([onA.request('GET', path), onB.request('GET', path)]);
      expect(ra.status, `${path} ${ra.text}`).toBe(200);
      expect(rb.body, path).toEqual(ra.body);
    }
    const count = await direct.query('select count(*)::int as n from members');
    expect(count.rows[0].n).toBe(8);
  });

  it('the public pages’ limit (rows in kumiai_rate_limits) holds through the pooler', async () => {
    expect((await direct.query('select count(*)::int as n from kumiai_rate_limits')).rows[0].n).toBe(0);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await fetch(`${(i % 2 ? a : b).url}/api/public/surveys/unknown-${i}`)).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    expect((await direct.query('select count(*)::int as n from kumiai_rate_limits')).rows[0].n).toBe(1);
  });

  it('nothing failed: no 500 logged by either server, no protocol error in PgBouncer’s log', () => {
    for (const server of [a, b]) expect(server.output()).not.toContain('request failed');
    expect(bouncer.log()).not.toMatch(/prepared statement|unsupported|protocol error|server_lifetime/i);
  });
});
