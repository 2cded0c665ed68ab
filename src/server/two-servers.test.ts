import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createScratchDatabase,
  httpClient,
  type ServerProcess,
  startServerProcess,
} from '../../test/servers';

/**
 * Two `kumiai serve` processes on one PostgreSQL database, the way an operator scales out behind a
 * load balancer (issue 20): a session made on one is good on the other, throttling counts the
 * requests of both, a write on one shows in the other's dashboard at once, the daily sweep and an
 * import sent to both at once write once. Real child processes on a scratch database of the
 * shared test cluster (the PostgreSQL pass: TEST_DATABASE_URL).
 */
const url = process.env.TEST_DATABASE_URL;
const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };

describe.skipIf(!url)('two server processes on one PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let sql: pg.Client;

  beforeAll(async () => {
    scratch = await createScratchDatabase(url!);
    const env = {
      DATABASE_URL: scratch.url,
      DATABASE_POOL_SIZE: '4',
      KUMIAI_ADMIN_EMAIL: ADMIN.email,
      KUMIAI_ADMIN_PASSWORD: ADMIN.password,
      KUMIAI_SECRET: 'two-servers-test-secret-0123456789abcdef',
      KUMIAI_PUBLIC_RATE_LIMIT: '6',
      KUMIAI_LOG_LEVEL: 'info',
    };
    // Started together: both migrate, create the first admin and run the start-up sweep at once.
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    sql = new pg.Client({ connectionString: scratch.url });
    await sql.connect();
  }, 240_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await scratch?.drop();
  }, 60_000);

  it('started together: one admin, the migrations applied once', async () => {
    const users = await sql.query('select count(*)::int as n from users');
    expect(users.rows[0].n).toBe(1);
    const migrations = await sql.query(
      'select count(*)::int as n, count(distinct created_at)::int as d from drizzle.__drizzle_migrations',
    );
    expect(migrations.rows[0].n).toBe(migrations.rows[0].d);
  });

  it('a session made on A is good on B, and signing out on B ends it on A', async () => {
    const onA = httpClient(a.url);
    const cookie = await onA.signIn(ADMIN.email, ADMIN.password);
    const onB = httpClient(b.url, cookie);
    const me = await onB.request<{ email: string }>('GET', '/api/auth/me');
    expect(me.status, me.text).toBe(200);
    expect(me.body.email).toBe(ADMIN.email);
    expect((await onB.request('POST', '/api/auth/logout')).status).toBeLessThan(300);
    expect((await httpClient(a.url, cookie).request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('sign-in throttling counts the failures sent to both processes', async () => {
    const email = 'nobody@example.org';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const server = i % 2 === 0 ? a : b;
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'wrong password' }),
      });
      statuses.push(res.status);
    }
    // Five failures per e-mail address in the window (services/auth/throttle.ts), wherever they were sent.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it('the public pages’ limit per address holds across both processes (KUMIAI_PUBLIC_RATE_LIMIT=6)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const server = i % 2 === 0 ? a : b;
      const res = await fetch(`${server.url}/api/public/surveys/not-a-real-token-${i}`);
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 429, 429, 429, 429]);
  });

  it('a write on A shows in B’s dashboards at once (the figures cache follows the database’s version)', async () => {
    const onA = httpClient(a.url);
    const onB = httpClient(b.url);
    await onA.signIn(ADMIN.email, ADMIN.password);
    await onB.signIn(ADMIN.email, ADMIN.password);
    const workplace = await onA.request<{ id: string }>('POST', '/api/workplaces', { name: '第一工場' });
    expect(workplace.status, workplace.text).toBe(201);
    const before = await onB.request('GET', '/api/dashboards/weekly');
    expect(before.status, before.text).toBe(200);
    // Asked twice: the second answer comes from B's cache.
    expect((await onB.request('GET', '/api/dashboards/weekly')).text).toBe(before.text);
    const member = await onA.request('POST', '/api/members', {
      name: '山田 太郎',
      workplaceId: workplace.body.id,
      engagement: 'at_risk',
      engagementReason: '面談で不満',
    });
    expect(member.status, member.text).toBe(201);
    const afterB = await onB.request('GET', '/api/dashboards/weekly');
    const afterA = await onA.request('GET', '/api/dashboards/weekly');
    expect(afterB.text).not.toBe(before.text);
    expect(afterB.body).toEqual(afterA.body);
  });

  it('the daily sweep run on both at once creates each task once', async () => {
    const onA = httpClient(a.url);
    const onB = httpClient(b.url);
    await onA.signIn(ADMIN.email, ADMIN.password);
    await onB.signIn(ADMIN.email, ADMIN.password);
    const workplace = await onA.request<{ id: string }>('POST', '/api/workplaces', { name: '第二工場' });
    // A member at a tenure milestone (10 years) on the sweep's day: one milestone task.
    const member = await onA.request<{ id: string }>('POST', '/api/members', {
      name: '佐藤 花子',
      workplaceId: workplace.body.id,
      joinedOn: '2016-04-01',
    });
    expect(member.status, member.text).toBe(201);
    const asOf = '2026-03-15'; // the month before the 10th anniversary
    const [runA, runB] = await Promise.all([
      onA.request<{ created: unknown[] }>('POST', '/api/workflows/run', { asOf }),
      onB.request<{ created: unknown[] }>('POST', '/api/workflows/run', { asOf }),
    ]);
    expect(runA.status, runA.text).toBe(200);
    expect(runB.status, runB.text).toBe(200);
    const created = runA.body.created.length + runB.body.created.length;
    expect(created).toBeGreaterThan(0);
    // One of the two created them all; the other found them there.
    expect(Math.min(runA.body.created.length, runB.body.created.length)).toBe(0);
    const tasks = await sql.query('select count(*)::int as n from tasks where subject_id = $1', [
      member.body.id,
    ]);
    expect(tasks.rows[0].n).toBeGreaterThan(0);
    const again = await onB.request<{ created: unknown[] }>('POST', '/api/workflows/run', { asOf });
    expect(again.body.created).toEqual([]);
  });

  it('the same import sent to both at once creates each member once', async () => {
    const onA = httpClient(a.url);
    const cookie = await onA.signIn(ADMIN.email, ADMIN.password);
    expect((await onA.request('POST', '/api/workplaces', { name: '第三工場' })).status).toBe(201);
    const roster = [
      '社員番号,氏名,所属職場',
      'I001,伊藤 一,第三工場',
      'I002,伊藤 二,第三工場',
      'I003,伊藤 三,第三工場',
    ].join('\r\n');
    const upload = (server: ServerProcess) => {
      const form = new FormData();
      form.append('file', new Blob([roster]), 'roster.csv');
      form.append('dryRun', 'false');
      return fetch(`${server.url}/api/import/members`, { method: 'POST', body: form, headers: { cookie } });
    };
    const answers = await Promise.all([upload(a), upload(b)]);
    for (const res of answers) expect(res.status, await res.clone().text()).toBe(200);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as {
      created: number;
      applied: boolean;
    }[];
    // Imports take turns (an advisory lock): the second finds the first's members and updates nothing.
    expect(
      bodies.map((x) => x.applied),
      JSON.stringify(bodies),
    ).toEqual([true, true]);
    expect(bodies.map((x) => x.created).sort(), JSON.stringify(bodies)).toEqual([0, 3]);
    const rows = await sql.query("select count(*)::int as n from members where employee_number like 'I00%'");
    expect(rows.rows[0].n).toBe(3);
  });

  it('neither process logged a failed request', () => {
    for (const server of [a, b]) {
      expect(server.output()).not.toMatch(/"request failed"|"level":50/);
    }
  });
});
