import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { MAX_FAILURES_PER_EMAIL } from '../../services/auth/throttle';

let t: TestApp;
let clock = new Date('2026-05-01T00:00:00Z');
const tick = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

/** The code an authenticator app shows for `secret` at the test clock (plus `steps` periods). */
function codeOf(secret: string, steps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: clock.getTime() + steps * 30_000 });
}

async function login(
  email: string,
  password = TEST_PASSWORD,
  extra: Record<string, unknown> = {},
  ua?: string,
) {
  const res = await t.raw(
    'POST',
    '/api/auth/login',
    { email, password, ...extra },
    ua ? { 'user-agent': ua } : {},
  );
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : undefined,
    cookie: res.headers.get('set-cookie')?.split(';')[0],
  };
}

async function newUser(role: 'admin' | 'officer' | 'executive' | 'rep' = 'officer') {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const { user, cookie } = await t.addUser(role, email);
  return { user, email, cookie, api: t.as(cookie) };
}

/** Sets up and enables two-step sign-in for the user; answers the secret and recovery codes. */
async function enableTwoStep(api: ReturnType<TestApp['as']>) {
  const setup = await api('POST', '/api/auth/totp/setup');
  expect(setup.status, setup.text).toBe(200);
  const enabled = await api('POST', '/api/auth/totp/enable', { code: codeOf(setup.body.secret) });
  expect(enabled.status, enabled.text).toBe(200);
  return { secret: setup.body.secret as string, recoveryCodes: enabled.body.recoveryCodes as string[] };
}

async function auditActions(userId: string): Promise<string[]> {
  return rowsOf<{ action: string }>(
    await t.db.execute(sql`select action from audit_log where subject_id = ${userId} order by id`),
  ).map((r) => r.action);
}

describe('own account', () => {
  it('changes the display name and language; a stale version is a 409; bad input a 400', async () => {
    const u = await newUser();
    const me = await u.api('GET', '/api/auth/me');
    expect(me.body).toMatchObject({ language: null, totpEnabled: false, totpSetupRequired: false });
    const changed = await u.api('PATCH', '/api/auth/me', {
      displayName: '  新しい名前 ',
      language: 'en',
      version: me.body.version,
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({
      displayName: '新しい名前',
      language: 'en',
      version: me.body.version + 1,
    });
    const stale = await u.api('PATCH', '/api/auth/me', { language: 'ja', version: me.body.version });
    expect(stale.status).toBe(409);
    const bad = await u.api('PATCH', '/api/auth/me', { language: 'fr', displayName: '' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['displayName', 'language']);
    const notOwn = await u.api('PATCH', '/api/auth/me', { role: 'admin' });
    expect(notOwn.status).toBe(400);
    const cleared = await u.api('PATCH', '/api/auth/me', { language: null });
    expect(cleared.body.language).toBeNull();
    expect((await t.api('GET', `/api/users/${u.user.id}`)).body.role).toBe('officer');
  });

  it('changes the password with the current one; other sessions end, this one stays; audited', async () => {
    const u = await newUser();
    const other = await t.signIn(u.email);
    const wrong = await u.api('POST', '/api/auth/password', {
      currentPassword: 'not the password',
      newPassword: 'a brand new password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ currentPassword: 'is not correct' });
    const short = await u.api('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect(Object.keys(short.body.error.fields)).toEqual(['newPassword']);
    const ok = await u.api('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(ok.status, ok.text).toBe(204);
    expect((await u.api('GET', '/api/auth/me')).status).toBe(200);
    expect((await t.as(other)('GET', '/api/auth/me')).status).toBe(401);
    expect((await login(u.email)).status).toBe(401);
    expect((await login(u.email, 'a brand new password')).status).toBe(200);
    const actions = await auditActions(u.user.id);
    expect(actions).toContain('password_changed');
    expect(actions).toContain('password_change_failed');
    const logged = JSON.stringify(
      rowsOf(
        await t.db.execute(sql`select before, after, details from audit_log where subject_id = ${u.user.id}`),
      ),
    );
    expect(logged).not.toMatch(/brand new|scrypt/);
  });

  it('throttles wrong current passwords like sign-ins, even the right one past the limit', async () => {
    const u = await newUser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      const res = await u.api('POST', '/api/auth/password', {
        currentPassword: `wrong ${i}`,
        newPassword: 'x'.repeat(12),
      });
      expect(res.status).toBe(400);
    }
    const right = await u.api('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'x'.repeat(12),
    });
    expect(right.status).toBe(429);
    // The same count holds for signing in.
    expect((await login(u.email)).status).toBe(429);
    tick(16 * 60);
    expect((await login(u.email)).status).toBe(200);
  });

  it('lists own sessions with the user agent (cut to 300 characters) and ends one; another user’s is a 404', async () => {
    const u = await newUser();
    const long = `Mozilla/5.0 ${'x'.repeat(400)}`;
    const second = await login(u.email, TEST_PASSWORD, {}, long);
    const list = await t.as(second.cookie!)('GET', '/api/auth/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const current = list.body.items.find((s: { current: boolean }) => s.current);
    expect(current.userAgent).toHaveLength(300);
    expect(current.userAgent.startsWith('Mozilla/5.0 ')).toBe(true);
    expect(list.text).not.toMatch(/"id":"[0-9a-f]{64}"/);
    const first = list.body.items.find((s: { current: boolean }) => !s.current);

    const stranger = await newUser();
    const denied = await stranger.api('DELETE', `/api/auth/sessions/${first.id}`);
    expect(denied.status).toBe(404);
    expect((await u.api('GET', '/api/auth/me')).status).toBe(200);
    expect(
      (await stranger.api('GET', '/api/auth/sessions')).body.items.map((s: { id: string }) => s.id),
    ).not.toContain(first.id);

    expect((await t.as(second.cookie!)('DELETE', `/api/auth/sessions/${first.id}`)).status).toBe(204);
    expect((await u.api('GET', '/api/auth/me')).status).toBe(401);
    expect((await t.as(second.cookie!)('DELETE', `/api/auth/sessions/${first.id}`)).status).toBe(404);
    expect((await t.as(second.cookie!)('DELETE', '/api/auth/sessions/not-a-uuid')).status).toBe(404);
  });

  it('manages own API tokens only', async () => {
    const u = await newUser('rep');
    const made = await u.api('POST', '/api/tokens', { name: 'script' });
    expect(made.status).toBe(201);
    const others = await newUser('executive');
    expect((await others.api('GET', '/api/tokens')).body.items).toEqual([]);
    expect((await others.api('DELETE', `/api/tokens/${made.body.id}`)).status).toBe(404);
    expect((await u.api('GET', '/api/tokens')).body.items.map((i: { id: string }) => i.id)).toEqual([
      made.body.id,
    ]);
    expect((await u.api('DELETE', `/api/tokens/${made.body.id}`)).status).toBe(204);
  });
});

describe('two-step sign-in', () => {
  it('sets up (secret stored sealed), enables with a code, and then sign-in needs a code', async () => {
    const u = await newUser();
    const setup = await u.api('POST', '/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Kumiai:.*secret=/);
    const stored = rowsOf<{ secret_ciphertext: string; enabled_at: unknown }>(
      await t.db.execute(
        sql`select secret_ciphertext, enabled_at from user_totp where user_id = ${u.user.id}`,
      ),
    )[0]!;
    expect(stored.enabled_at).toBeNull();
    expect(stored.secret_ciphertext).not.toContain(setup.body.secret);
    // Not in force until confirmed: the password alone still signs in.
    expect((await login(u.email)).cookie).toBeDefined();

    const wrong = await u.api('POST', '/api/auth/totp/enable', {
      code: '000000' === codeOf(setup.body.secret) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({ code: 'is not correct' });
    const enabled = await u.api('POST', '/api/auth/totp/enable', { code: codeOf(setup.body.secret) });
    expect(enabled.status).toBe(200);
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    expect(new Set(enabled.body.recoveryCodes).size).toBe(10);
    const hashes = JSON.stringify(
      rowsOf(await t.db.execute(sql`select code_hash from user_recovery_codes where user_id = ${u.user.id}`)),
    );
    for (const code of enabled.body.recoveryCodes) expect(hashes).not.toContain(code.replace('-', ''));
    expect((await u.api('GET', '/api/auth/me')).body.totpEnabled).toBe(true);
    expect((await u.api('POST', '/api/auth/totp/setup')).status).toBe(409);

    tick(30);
    const first = await login(u.email);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ totpRequired: true });
    expect(first.cookie).toBeUndefined();
    const signedIn = await login(u.email, TEST_PASSWORD, { code: codeOf(setup.body.secret) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ email: u.email });
    expect(signedIn.cookie).toBeDefined();
    const actions = await auditActions(u.user.id);
    expect(actions).toEqual(expect.arrayContaining(['totp_setup', 'totp_enabled', 'sign_in']));
    const logged = JSON.stringify(
      rowsOf(await t.db.execute(sql`select * from audit_log where subject_id = ${u.user.id}`)),
    );
    expect(logged).not.toContain(setup.body.secret);
    expect(logged).not.toContain(enabled.body.recoveryCodes[0]);
  });

  it('accepts a code once (replay guard) and a step of drift either way, not two', async () => {
    const u = await newUser();
    const { secret } = await enableTwoStep(u.api);
    tick(60);
    const code = codeOf(secret);
    expect((await login(u.email, TEST_PASSWORD, { code })).status).toBe(200);
    const replay = await login(u.email, TEST_PASSWORD, { code });
    expect(replay.status).toBe(401);
    expect(replay.cookie).toBeUndefined();
    // The next step's code (a phone clock a little ahead) is good once too; then older steps are not.
    expect((await login(u.email, TEST_PASSWORD, { code: codeOf(secret, 1) })).status).toBe(200);
    tick(30 * 10);
    expect((await login(u.email, TEST_PASSWORD, { code: codeOf(secret, -1) })).status).toBe(200);
    expect((await login(u.email, TEST_PASSWORD, { code: codeOf(secret, 2) })).status).toBe(401);
    expect((await login(u.email, TEST_PASSWORD, { code: codeOf(secret, -3) })).status).toBe(401);
    tick(15 * 60 + 1);
  });

  it('takes a recovery code once (any case, with or without the dash)', async () => {
    const u = await newUser();
    const { recoveryCodes } = await enableTwoStep(u.api);
    const code = recoveryCodes[3]!;
    const used = await login(u.email, TEST_PASSWORD, { code: ` ${code.toUpperCase().replace('-', '')} ` });
    expect(used.status).toBe(200);
    expect(used.cookie).toBeDefined();
    expect((await login(u.email, TEST_PASSWORD, { code })).status).toBe(401);
    const status = await t.api('GET', `/api/users/${u.user.id}/totp`);
    expect(status.body).toMatchObject({ enabled: true, recoveryCodesLeft: 9, required: false });
    // A wrong password with a right code is still a wrong password.
    expect((await login(u.email, 'wrong password', { code: recoveryCodes[4] })).status).toBe(401);
    tick(15 * 60 + 1);
  });

  it('throttles the second step: wrong codes count, then even a right code is refused', async () => {
    const u = await newUser();
    const { secret } = await enableTwoStep(u.api);
    tick(30);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      const res = await login(u.email, TEST_PASSWORD, {
        code: String(100000 + i) === codeOf(secret) ? '999999' : String(100000 + i),
      });
      expect(res.status).toBe(401);
    }
    const right = await login(u.email, TEST_PASSWORD, { code: codeOf(secret) });
    expect(right.status).toBe(429);
    expect(right.cookie).toBeUndefined();
    const failures = rowsOf<{ reason: string }>(
      await t.db.execute(
        sql`select details->>'reason' as reason from audit_log where subject_id = ${u.user.id} and action = 'sign_in_failed'`,
      ),
    ).map((r) => r.reason);
    expect(failures).toContain('bad_second_factor');
    tick(16 * 60);
    expect((await login(u.email, TEST_PASSWORD, { code: codeOf(secret) })).status).toBe(200);
  });

  it('turns off with the password or a code (not a wrong one); audited', async () => {
    const u = await newUser();
    const { secret } = await enableTwoStep(u.api);
    const bad = await u.api('POST', '/api/auth/totp/disable', { password: 'wrong password' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ password: 'is not correct' });
    expect((await u.api('POST', '/api/auth/totp/disable', {})).status).toBe(400);
    tick(30);
    expect((await u.api('POST', '/api/auth/totp/disable', { code: codeOf(secret) })).status).toBe(204);
    expect((await u.api('POST', '/api/auth/totp/disable', { password: TEST_PASSWORD })).status).toBe(409);
    expect((await login(u.email)).cookie).toBeDefined();
    await enableTwoStep(u.api);
    expect((await u.api('POST', '/api/auth/totp/disable', { password: TEST_PASSWORD })).status).toBe(204);
    expect(await auditActions(u.user.id)).toEqual(
      expect.arrayContaining(['totp_disabled', 'totp_disable_failed']),
    );
    const rows = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select (select count(*) from user_totp where user_id = ${u.user.id}) + (select count(*) from user_recovery_codes where user_id = ${u.user.id}) as n`,
      ),
    );
    expect(Number(rows[0]!.n)).toBe(0);
    tick(15 * 60 + 1);
  });

  it('an admin resets a user’s second factor (audited); others may not', async () => {
    const u = await newUser();
    await enableTwoStep(u.api);
    const officer = await newUser('officer');
    expect((await officer.api('POST', `/api/users/${u.user.id}/totp/reset`)).status).toBe(403);
    expect((await officer.api('GET', `/api/users/${u.user.id}/totp`)).status).toBe(403);
    const reset = await t.api('POST', `/api/users/${u.user.id}/totp/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect((await login(u.email)).cookie).toBeDefined();
    const event = rowsOf<{ actor_id: string; details: unknown }>(
      await t.db.execute(
        sql`select actor_id, details from audit_log where subject_id = ${u.user.id} and action = 'totp_reset'`,
      ),
    );
    expect(event).toHaveLength(1);
    expect(event[0]!.actor_id).toBe(t.admin.id);
    expect((await t.api('POST', '/api/users/00000000-0000-4000-8000-000000000000/totp/reset')).status).toBe(
      404,
    );
  });

  it('required for a role: sign-in works but everything else is 403 totp_setup_required until it is on', async () => {
    const u = await newUser('officer');
    const token = (await u.api('POST', '/api/tokens', { name: 'script' })).body.token as string;
    const settings = await t.api('GET', '/api/settings/two-step');
    expect(settings.body.totpRequiredRoles).toEqual([]);
    const saved = await t.api('PATCH', '/api/settings/two-step', {
      totpRequiredRoles: ['officer', 'officer'],
      version: settings.body.version,
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.totpRequiredRoles).toEqual(['officer']);
    expect(
      (
        await t.api('PATCH', '/api/settings/two-step', {
          totpRequiredRoles: ['officer'],
          version: settings.body.version,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await t.api('PATCH', '/api/settings/two-step', {
          totpRequiredRoles: ['boss'],
          version: saved.body.version,
        })
      ).status,
    ).toBe(400);

    const me = await u.api('GET', '/api/auth/me');
    expect(me.body).toMatchObject({ totpSetupRequired: true, totpEnabled: false });
    expect(
      (await t.raw('GET', '/api/auth/session', undefined, { cookie: u.cookie }).then((r) => r.json())).user
        .totpSetupRequired,
    ).toBe(true);
    for (const [method, path] of [
      ['GET', '/api/members'],
      ['GET', '/api/tokens'],
      ['GET', '/api/auth/sessions'],
      ['PATCH', '/api/auth/me'],
    ] as const) {
      const res = await u.api(method, path, method === 'PATCH' ? { language: 'en' } : undefined);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('totp_setup_required');
    }
    // An API token of such a user is held back the same way.
    const byToken = await t.raw('GET', '/api/members', undefined, { authorization: `Bearer ${token}` });
    expect(byToken.status).toBe(403);
    // A user signing in now gets a session (to set the app up), not a refusal.
    const fresh = await login(u.email);
    expect(fresh.cookie).toBeDefined();
    expect((await t.as(fresh.cookie!)('GET', '/api/members')).status).toBe(403);
    const { secret } = await enableTwoStep(u.api);
    expect((await u.api('GET', '/api/members')).status).toBe(200);
    expect((await u.api('GET', '/api/auth/me')).body.totpSetupRequired).toBe(false);
    // Other roles are not affected.
    const rep = await newUser('rep');
    expect((await rep.api('GET', '/api/members')).status).toBe(200);
    // A reset puts the user back to setting it up.
    await t.api('POST', `/api/users/${u.user.id}/totp/reset`);
    expect((await u.api('GET', '/api/members')).body.error.code).toBe('totp_setup_required');
    expect(secret).toBeTruthy();
    const latest = await t.api('GET', '/api/settings/two-step');
    await t.api('PATCH', '/api/settings/two-step', { totpRequiredRoles: [], version: latest.body.version });
    expect((await u.api('GET', '/api/members')).status).toBe(200);
  });

  it('a secret sealed under another server secret does not open (restore needs the same KUMIAI_SECRET)', async () => {
    const { open, seal, totpKey } = await import('../../services/auth/secret-box');
    const a = totpKey(Buffer.from('a'.repeat(32)));
    const b = totpKey(Buffer.from('b'.repeat(32)));
    const sealed = seal(a, 'JBSWY3DPEHPK3PXP', 'user-1');
    expect(open(a, sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(open(b, sealed, 'user-1')).toBeUndefined();
    expect(open(a, sealed, 'user-2')).toBeUndefined();
    expect(open(a, 'v1.garbage', 'user-1')).toBeUndefined();
  });
});
