import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { auditLog } from '../../db/schema';
import { createApp } from '../app';

let database: TestDatabase;
let webRoot: string;
let app: ReturnType<typeof createApp>;

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
  });
});
afterAll(async () => {
  await database?.close();
  await rm(webRoot, { recursive: true, force: true });
});

const post = (path: string, body: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

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
