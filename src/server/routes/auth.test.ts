import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { MAX_FAILURES_PER_EMAIL } from '../../services/auth/login-logout';

let t: TestApp;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
const json = async (res: Response): Promise<any> => res.json();
let clock = new Date('2026-05-01T00:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

describe('sign-in', () => {
  it('answers health without a session, and 401 for every other /api route', async () => {
    const health = await t.raw('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(await json(health)).toEqual({ status: 'ok', database: t.database.kind, databaseState: 'up' });
    for (const path of ['/api/members', '/api/auth/me', '/api/users', '/api/openapi.json', '/api/tokens']) {
      const res = await t.raw('GET', path);
      expect(res.status, path).toBe(401);
      expect((await json(res)).error.code).toBe('unauthorized');
    }
  });

  it('sets an HttpOnly SameSite=Lax session cookie and /auth/me returns the user without secrets', async () => {
    const res = await t.raw('POST', '/api/auth/login', {
      email: 'ADMIN@example.org',
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^kumiai_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const me = await t.as(cookie.split(';')[0]!)('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'admin@example.org', role: 'admin' });
    expect(me.text).not.toMatch(/password|scrypt/i);
  });

  it('does not store the cookie value itself (only its hash)', async () => {
    const cookie = await t.signIn('admin@example.org');
    const value = cookie.split('=')[1]!;
    const found = await t.db.execute(sql`select count(*)::int as n from sessions where id = ${value}`);
    expect(JSON.stringify(found)).toContain('"n":0');
  });

  it('logout ends the session', async () => {
    const cookie = await t.signIn('admin@example.org');
    const api = t.as(cookie);
    expect((await api('POST', '/api/auth/logout')).status).toBe(204);
    expect((await api('GET', '/api/auth/me')).status).toBe(401);
  });

  it('an expired session is refused', async () => {
    const cookie = await t.signIn('admin@example.org');
    const saved = clock;
    clock = new Date(clock.getTime() + 15 * 86_400_000);
    expect((await t.as(cookie)('GET', '/api/auth/me')).status).toBe(401);
    clock = saved;
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const a = await t.raw('POST', '/api/auth/login', {
      email: 'nobody@example.org',
      password: 'whatever-123',
    });
    const b = await t.raw('POST', '/api/auth/login', {
      email: 'admin@example.org',
      password: 'wrong-password',
    });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect((await json(a)).error.message).toBe((await json(b)).error.message);
  });

  it('throttles an account after repeated failures, even for the right password, until the window passes', async () => {
    const { user } = await t.addUser('officer', 'throttled@example.org');
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      const res = await t.raw('POST', '/api/auth/login', { email: user.email, password: 'not-the-password' });
      expect(res.status).toBe(401);
    }
    const blocked = await t.raw('POST', '/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    expect((await json(blocked)).error.code).toBe('rate_limited');
    const saved = clock;
    clock = new Date(clock.getTime() + 16 * 60_000);
    const after = await t.raw('POST', '/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(after.status).toBe(200);
    clock = saved;
  });

  it('rejects a malformed login body with 400', async () => {
    const res = await t.raw('POST', '/api/auth/login', { email: 'not-an-email', password: '' });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['email', 'password']));
  });
});

describe('API tokens', () => {
  it('authenticates scripts with a bearer token, shown once, until revoked', async () => {
    const created = await t.api('POST', '/api/tokens', { name: '名簿同期スクリプト' });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^kumiai_/);
    const viaToken = await t.raw('GET', '/api/auth/me', undefined, { authorization: `Bearer ${token}` });
    expect(viaToken.status).toBe(200);
    expect((await json(viaToken)).email).toBe('admin@example.org');

    const list = await t.api('GET', '/api/tokens');
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, name: '名簿同期スクリプト' }),
    ]);
    expect(list.text).not.toContain(token);

    expect((await t.api('DELETE', `/api/tokens/${created.body.id}`)).status).toBe(204);
    const revoked = await t.raw('GET', '/api/auth/me', undefined, { authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
  });

  it('refuses an unknown bearer token even with a valid cookie alongside', async () => {
    const res = await t.api('GET', '/api/auth/me', undefined, { authorization: 'Bearer kumiai_forged' });
    expect(res.status).toBe(401);
  });
});

describe('user management', () => {
  it('is admin-only', async () => {
    const officer = await t.addUser('officer');
    const api = t.as(officer.cookie);
    expect((await api('GET', '/api/users')).status).toBe(403);
    const attempt = await api('POST', '/api/users', {
      email: 'sneaky@example.org',
      displayName: 'x',
      role: 'admin',
      password: 'long-enough-password',
    });
    expect(attempt.status).toBe(403);
    const all = await t.api('GET', '/api/users?limit=500');
    expect(all.body.items.some((u: { email: string }) => u.email === 'sneaky@example.org')).toBe(false);
  });

  it('creates users with roles and rep workplaces; rejects short passwords and duplicate emails', async () => {
    const created = await t.api('POST', '/api/users', {
      email: 'Rep.One@Example.org',
      displayName: '職場委員 一号',
      role: 'rep',
      password: 'rep-password-1',
      workplaceIds: [],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'rep.one@example.org',
      role: 'rep',
      disabled: false,
      version: 1,
    });
    expect(created.text).not.toMatch(/password/i);

    const short = await t.api('POST', '/api/users', {
      email: 'x@example.org',
      displayName: 'x',
      role: 'officer',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.fields).toHaveProperty('password');

    const dup = await t.api('POST', '/api/users', {
      email: 'REP.ONE@example.org',
      displayName: 'dup',
      role: 'officer',
      password: 'another-password',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toHaveProperty('email');

    const badRole = await t.api('POST', '/api/users', {
      email: 'y@example.org',
      displayName: 'y',
      role: 'god',
      password: 'long-enough-1',
    });
    expect(badRole.body.error.fields).toHaveProperty('role');
  });

  it('disabling a user ends their sessions and revokes their tokens at once', async () => {
    const { user, cookie } = await t.addUser('officer');
    const api = t.as(cookie);
    const token = (await api('POST', '/api/tokens', { name: 'script' })).body.token;
    const res = await t.api('PATCH', `/api/users/${user.id}`, { version: user.version, disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await api('GET', '/api/auth/me')).status).toBe(401);
    expect((await t.raw('GET', '/api/auth/me', undefined, { authorization: `Bearer ${token}` })).status).toBe(
      401,
    );
    const signIn = await t.raw('POST', '/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(signIn.status).toBe(401);
  });

  it('refuses to disable or demote the last enabled admin', async () => {
    const me = (await t.api('GET', '/api/auth/me')).body;
    const res = await t.api('PATCH', `/api/users/${me.id}`, { version: me.version, role: 'officer' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('role');
    expect((await t.api('GET', '/api/auth/me')).body.role).toBe('admin');
  });

  it('an admin password reset signs the user out everywhere; the new password works', async () => {
    const { user, cookie } = await t.addUser('executive');
    const res = await t.api('PATCH', `/api/users/${user.id}`, { version: 1, password: 'brand-new-password' });
    expect(res.status).toBe(200);
    expect((await t.as(cookie)('GET', '/api/auth/me')).status).toBe(401);
    expect(
      (await t.raw('POST', '/api/auth/login', { email: user.email, password: 'brand-new-password' })).status,
    ).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('describes every route of the app and renders docs for people', async () => {
    const doc = await t.api('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/members',
      '/members/{id}',
      '/members/{id}/notes',
      '/members/{id}/cases',
      '/members/{id}/engagement-history',
      '/auth/login',
      '/auth/me',
      '/tokens',
      '/users',
      '/health',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect(doc.body.components.schemas.Member.properties).toHaveProperty('tenureYears');
    const docs = await t.api('GET', '/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui-bundle.js');
    expect((await t.api('GET', '/api/docs/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('answers an unknown /api route with the JSON error shape', async () => {
    const res = await t.api('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('/auth/me', () => {
  it("tells the web app the user's role, workplaces and what the role allows", async () => {
    const workplace = await t.api('POST', '/api/workplaces', { name: '自己紹介テスト職場' });
    expect(workplace.status).toBe(201);
    const rep = await t.addUser('rep', 'me-rep@example.org');
    const set = await t.api('PATCH', `/api/users/${rep.user.id}`, {
      workplaceIds: [workplace.body.id],
      version: rep.user.version,
    });
    expect(set.status).toBe(200);

    const me = await t.as(rep.cookie)('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'rep', workplaceIds: [workplace.body.id] });
    expect([...me.body.permissions].sort()).toEqual([
      'atmosphere.change',
      'contacts.read',
      'demands.link',
      'engagement.change',
      'meetings.record',
      'notes.create',
      'surveys.track',
    ]);

    const admin = await t.api('GET', '/api/auth/me');
    expect(admin.body.permissions).toContain('admin');
    expect(admin.body.permissions).toContain('records.write');
  });
});

describe('/auth/session', () => {
  it('answers 200 with { user: null } signed out, after logout and once the session expired — never a 401', async () => {
    const signedOut = await t.raw('GET', '/api/auth/session');
    expect(signedOut.status).toBe(200);
    expect(await json(signedOut)).toEqual({ user: null });
    expect((await t.as('kumiai_session=not-a-session')('GET', '/api/auth/session')).body).toEqual({
      user: null,
    });

    const cookie = await t.signIn('admin@example.org');
    const saved = clock;
    clock = new Date(clock.getTime() + 15 * 86_400_000);
    const expired = await t.as(cookie)('GET', '/api/auth/session');
    clock = saved;
    expect(expired.status).toBe(200);
    expect(expired.body).toEqual({ user: null });

    expect((await t.as(cookie)('POST', '/api/auth/logout')).status).toBe(204);
    const ended = await t.as(cookie)('GET', '/api/auth/session');
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ user: null });
    // /auth/me keeps its contract for API clients: 401 signed out.
    expect((await t.raw('GET', '/api/auth/me')).status).toBe(401);
  });

  it('signed in (cookie or token), it is the user exactly as /auth/me gives it', async () => {
    const { cookie } = await t.addUser('executive', 'session-exec@example.org');
    const me = await t.as(cookie)('GET', '/api/auth/me');
    const session = await t.as(cookie)('GET', '/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ user: me.body });
    expect(session.body.user).toMatchObject({ email: 'session-exec@example.org', role: 'executive' });
    expect(session.text).not.toMatch(/password|scrypt/i);

    const token = (await t.as(cookie)('POST', '/api/tokens', { name: 'probe' })).body.token;
    const viaToken = await t.raw('GET', '/api/auth/session', undefined, { authorization: `Bearer ${token}` });
    expect((await json(viaToken)).user.email).toBe('session-exec@example.org');
    // A client that sends a token expects to be someone: a bad one is still refused.
    const forged = await t.raw('GET', '/api/auth/session', undefined, {
      authorization: 'Bearer kumiai_forged',
    });
    expect(forged.status).toBe(401);
  });

  it('is in the OpenAPI document as a public operation answering the Session schema', async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).body;
    const op = doc.paths['/auth/session'].get;
    expect(op.operationId).toBe('getSession');
    expect(op.security).toEqual([]);
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/Session');
  });
});
