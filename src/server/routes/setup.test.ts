import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { auditLog, loginFailures, monthlySnapshots, tasks, users } from '../../db/schema';
import { newSetupCode, verifySetupCode } from '../../services/users/setup-code';
import { createApp } from '../app';
import { loadDemoUnion } from '../main';
import { sweepAndLog } from '../workflow-scheduler';

let database: TestDatabase;
let webRoot: string;
let app: ReturnType<typeof createApp>;
const SETUP_CODE = newSetupCode();

beforeAll(async () => {
  database = await createTestDb();
  webRoot = await mkdtemp(join(tmpdir(), 'kumiai-web-'));
  await mkdir(join(webRoot, 'assets'));
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)');
  app = createApp({
    database,
    config: { secureCookies: false, trustProxy: false, sessionDays: 14 },
    webRoot,
    log: () => {},
    setupCode: SETUP_CODE,
  });
});
afterAll(async () => {
  await database?.close();
  await rm(webRoot, { recursive: true, force: true });
});

const post = (path: string, body: Record<string, unknown>, withCode = true, target = app) =>
  target.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(withCode ? { setupCode: SETUP_CODE, ...body } : body),
  });

const userCount = async (db = database.db) => (await db.select({ n: count() }).from(users))[0]!.n;

describe('first run', () => {
  it('reports that set-up is needed while no user exists', async () => {
    const res = await app.request('/api/setup');
    expect(await res.json()).toMatchObject({ needsSetup: true, timezone: 'Asia/Tokyo' });
  });

  it('rejects a weak password with field messages and creates nothing', async () => {
    const res = await post('/api/setup', {
      email: 'chair@example.org',
      displayName: '委員長',
      password: 'short',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('password');
    expect((await (await app.request('/api/setup')).json()).needsSetup).toBe(true);
  });

  it('refuses set-up without the setup code or with a wrong one (403, nothing written), then throttles', async () => {
    const body = { email: 'intruder@example.org', displayName: '侵入者', password: 'intruder-password-1' };
    const missing = await post('/api/setup', body, false);
    expect(missing.status).toBe(403);
    expect((await missing.json()).error.fields).toEqual({ setupCode: 'is required' });
    // Typed from a terminal: lower case and without hyphens is still the right code, but one
    // character off is not.
    const wrongChar = SETUP_CODE.at(-1) === 'A' ? 'B' : 'A';
    const wrong = await post(
      '/api/setup',
      { ...body, setupCode: `${SETUP_CODE.slice(0, -1)}${wrongChar}` },
      false,
    );
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.fields).toEqual({ setupCode: 'is not correct' });
    expect(await userCount()).toBe(0);
    for (const code of ['', 'x'.repeat(64)]) {
      expect((await post('/api/setup', { ...body, setupCode: code }, false)).status).toBe(403);
    }
    // A fifth wrong code from the same address: from then on even the right one waits.
    expect((await post('/api/setup', { ...body, setupCode: 'NOPE' }, false)).status).toBe(403);
    const throttled = await post('/api/setup', body);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('900');
    expect(await userCount()).toBe(0);
    // Each refusal is a denial in the audit trail.
    const denials = await database.db
      .select({ n: count() })
      .from(auditLog)
      .where(sql`${auditLog.action} = 'denied' and ${auditLog.details}->>'path' = '/api/setup'`);
    expect(denials[0]!.n).toBe(5);
    await database.db.delete(loginFailures);
    // The right code typed loosely (lower case, spaces for hyphens, O for 0) is accepted.
    const loose = SETUP_CODE.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
    await expect(
      verifySetupCode(database.db, { expected: SETUP_CODE, given: loose, ip: '127.0.0.9', now: new Date() }),
    ).resolves.toBeUndefined();
  });

  it('refuses set-up on a server that printed no code', async () => {
    const closed = createApp({
      database,
      config: { secureCookies: false, trustProxy: false, sessionDays: 14 },
      log: () => {},
    });
    const res = await post(
      '/api/setup',
      { email: 'a@example.org', displayName: 'a', password: 'password-long-1' },
      true,
      closed,
    );
    expect(res.status).toBe(403);
    expect(await userCount()).toBe(0);
    await database.db.delete(loginFailures);
  });

  it('creates exactly one admin when two browsers submit at once, and signs the winner in', async () => {
    const [a, b] = await Promise.all([
      post('/api/setup', { email: 'first@example.org', displayName: '委員長', password: 'first-password-1' }),
      post('/api/setup', {
        email: 'second@example.org',
        displayName: '書記長',
        password: 'second-password-1',
      }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 403]);
    const winner = a.status === 201 ? a : b;
    const cookie = winner.headers.get('set-cookie')!.split(';')[0]!;
    const me = await app.request('/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const admin = await me.json();
    expect(admin.role).toBe('admin');
    expect((await (await app.request('/api/setup')).json()).needsSetup).toBe(false);
    // The first admin's creation and sign-in are in the audit trail, attributed to them.
    const audit = await database.db
      .select({ action: auditLog.action, tableName: auditLog.tableName })
      .from(auditLog)
      .where(eq(auditLog.actorId, admin.id));
    expect(audit).toEqual(expect.arrayContaining([{ action: 'sign_in', tableName: null }]));
  });

  it('refuses set-up once a user exists', async () => {
    const res = await post('/api/setup', {
      email: 'late@example.org',
      displayName: 'x',
      password: 'late-password-1',
    });
    expect(res.status).toBe(403);
  });
});

describe('the web app', () => {
  it('answers client routes with index.html so record URLs can be shared', async () => {
    for (const path of [
      '/',
      '/members',
      '/members/6b0f6c1e-1d1a-4c36-9a52-0c1f0f3b5d11',
      '/demands?status=negotiating',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets with a long cache, and never answers an API path with the web page', async () => {
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const api = await app.request('/api/nope');
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/json');
    const missing = await app.request('/assets/missing.js');
    expect(missing.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});

describe('the demo loaded from the first-run screen', () => {
  it('has every rule’s tasks and 12 months of snapshots, exactly as a start with KUMIAI_DEMO=1', async () => {
    const now = new Date('2026-05-20T03:00:00Z');
    const viaScreen = await createTestDb();
    const viaStart = await createTestDb();
    try {
      const screen = createApp({
        database: viaScreen,
        config: { secureCookies: false, trustProxy: false, sessionDays: 14 },
        log: () => {},
        setupCode: SETUP_CODE,
        now: () => now,
      });
      const res = await post(
        '/api/setup',
        { email: 'chair@example.org', displayName: '委員長', password: 'chair-password-1', loadDemo: true },
        true,
        screen,
      );
      expect(res.status).toBe(201);
      // What startServer does with KUMIAI_DEMO=1: load the demo, then the start's sweep.
      expect((await loadDemoUnion(viaStart.db, { now })).loaded).toBe(true);
      await sweepAndLog(viaStart.db, () => {}, now);

      const tally = async (db: TestDatabase['db']) => ({
        tasks: await db
          .select({ ruleId: tasks.ruleId, n: count() })
          .from(tasks)
          .groupBy(tasks.ruleId)
          .orderBy(tasks.ruleId),
        snapshotMonths: (
          await db
            .select({ n: sql<number>`count(distinct ${monthlySnapshots.month})::int` })
            .from(monthlySnapshots)
        )[0]!.n,
      });
      const fromScreen = await tally(viaScreen.db);
      expect(fromScreen).toEqual(await tally(viaStart.db));
      expect(fromScreen.tasks.map((r) => r.ruleId)).toEqual(
        expect.arrayContaining([
          'at_risk_follow_up',
          'case_due_follow_up',
          'tenure_milestone',
          'workplace_gathering',
        ]),
      );
      expect(fromScreen.snapshotMonths).toBeGreaterThanOrEqual(12);
    } finally {
      await viaScreen.close();
      await viaStart.close();
    }
  });
});
