/**
 * The authorization matrix (issue: access). Generated from the route table: every
 * route the app serves × every staff role × in-scope / out-of-scope records. Each
 * cell names the status the role must get. After every denial the database is
 * re-read and must be unchanged; after every allowed write the audit log must
 * hold rows attributed to the acting user. A route the app serves with no entry
 * here fails the test, so a new route cannot ship without its access decision.
 */
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { STAFF_ROLES, type StaffRole } from '../../core/enums';
import { rowsOf } from '../../db/queries/records';
import { hashSecret } from '../../services/auth/tokens';

const NOW = new Date('2026-06-10T03:00:00Z');
let t: TestApp;

type Role = StaffRole;
type Target = string;
type Built = {
  path: string;
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
  /** Whose audit rows an allowed write must leave (default: the role's fixture user). */
  actorId?: string;
};
type Fixture = Awaited<ReturnType<typeof buildFixture>>;

type Entry = {
  /** Public routes answer without signing in; they are not role-gated. */
  public?: true;
  /** Targets (e.g. in: the rep's workplace, out: another) → role → expected status. */
  expect: Record<Target, Record<Role, number>>;
  build: (fx: Fixture, target: Target, role: Role) => Promise<Built> | Built;
  /** Allowed writes that touch no audited table (say why). */
  unaudited?: string;
};

/** One expected status per role, in STAFF_ROLES order: admin, officer, executive, rep. */
function by(admin: number, officer: number, executive: number, rep: number): Record<Role, number> {
  return { admin, officer, executive, rep };
}
const all = (status: number) => by(status, status, status, status);
const adminOnly = (status: number) => by(status, 403, 403, 403);

// ------------------------------------------------------------------ fixture

async function api(method: string, path: string, body?: unknown) {
  const res = await t.api(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
  return res.body;
}

async function buildFixture() {
  const wpA = await api('POST', '/api/workplaces', { name: '第一工場', employeeCount: 40 });
  const wpB = await api('POST', '/api/workplaces', { name: '本社', employeeCount: 30 });
  const users = {} as Record<Role, { id: string; cookie: string }>;
  for (const role of STAFF_ROLES) {
    if (role === 'admin') {
      users.admin = { id: t.admin.id, cookie: '' };
      continue;
    }
    const { user, cookie } = await t.addUser(role);
    users[role] = { id: user.id, cookie };
  }
  const other = await t.addUser('officer');
  // The rep's workplace is A.
  const repUser = await api('GET', `/api/users/${users.rep.id}`);
  await api('PATCH', `/api/users/${users.rep.id}`, { workplaceIds: [wpA.id], version: repUser.version });
  // Cookies were issued before the workplaces were set; the scope is read per request.
  const member = async (workplaceId: string, name: string) =>
    api('POST', '/api/members', { name, workplaceId, ownerId: users.officer.id, engagement: 'regular' });
  const mA = await member(wpA.id, '山田太郎');
  const mB = await member(wpB.id, '鈴木花子');
  const note = async (m: { id: string }) =>
    api('POST', `/api/members/${m.id}/notes`, {
      occurredOn: '2026-06-01',
      channel: 'visit',
      body: '面談した',
    });
  const kase = async (m: { id: string }, sensitive: boolean) =>
    api('POST', `/api/members/${m.id}/cases`, {
      title: sensitive ? 'ハラスメント相談' : '残業の相談',
      openedOn: '2026-06-01',
      dueOn: '2026-06-20',
      sensitive,
    });
  const noteA = await note(mA);
  const noteB = await note(mB);
  const caseA = await kase(mA, false);
  const sensitiveA = await kase(mA, true);
  const caseB = await kase(mB, false);
  const meeting = async (wp: { id: string }) =>
    api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-06-05',
      title: '職場集会',
      attendeeCount: 10,
      invitedCount: 20,
    });
  const meetingA = await meeting(wpA);
  const meetingB = await meeting(wpB);
  const demand = await api('POST', '/api/demands', { title: '賃上げ', priority: 'high' });
  await api('PUT', `/api/demands/${demand.id}/members/${mA.id}`);
  await api('PUT', `/api/demands/${demand.id}/members/${mB.id}`);
  const demandNote = await api('POST', `/api/demands/${demand.id}/notes`, {
    occurredOn: '2026-06-02',
    kind: 'negotiation',
    body: '第1回団交',
  });
  // A handover of a departing officer's one member to the other officer.
  const leaving = await t.addUser('officer');
  await member(wpB.id, '佐々木一郎').then((m) =>
    api('PATCH', `/api/members/${m.id}`, { ownerId: leaving.user.id, version: m.version }),
  );
  const handover = await api('POST', '/api/handover', {
    fromUserId: leaving.user.id,
    toUserId: other.user.id,
    note: '異動',
  });
  return {
    handover,
    wpA,
    wpB,
    users,
    other: { id: other.user.id, cookie: other.cookie },
    mA,
    mB,
    noteA,
    noteB,
    caseA,
    sensitiveA,
    caseB,
    meetingA,
    meetingB,
    demand,
    demandNote,
  };
}

/**
 * A note the role's user wrote. An executive writes none; theirs stands for one written
 * in an earlier role (the author is set directly, outside any service).
 */
async function noteWrittenBy(fx: Fixture, role: Role, memberId: string) {
  const n = await api('POST', `/api/members/${memberId}/notes`, { channel: 'visit', body: '自分のメモ' });
  await t.db.execute(sql`update member_notes set author_id = ${fx.users[role].id} where id = ${n.id}`);
  return { id: n.id as string, version: await versionOf('member_notes', n.id) };
}

/** The version of a row as it is now (bodies name the version they read). */
async function versionOf(table: string, id: string): Promise<number> {
  const rows = rowsOf<{ version: number }>(
    await t.db.execute(sql`select version from ${sql.identifier(table)} where id = ${id}`),
  );
  return Number(rows[0]!.version);
}

const inOut = (fx: Fixture, target: Target) => (target === 'out' ? fx.mB : fx.mA);
const wpInOut = (fx: Fixture, target: Target) => (target === 'out' ? fx.wpB : fx.wpA);

/** Targets for member and workplace records: in the rep's workplace, or outside it. */
function scoped(inScope: Record<Role, number>, outOfScope?: Record<Role, number>) {
  return { in: inScope, out: outOfScope ?? { ...inScope, rep: inScope.rep < 400 ? 404 : inScope.rep } };
}

/**
 * Tasks: assigned to the acting user, to someone else, or to nobody; or (`moved`)
 * assigned to the acting user about a member of the rep's workplace who then moved
 * to another one: a rep no longer sees the member, so not the task either.
 */
async function taskFor(fx: Fixture, target: Target, role: Role) {
  const assigneeId =
    target === 'own' || target === 'moved' ? fx.users[role].id : target === 'other' ? fx.other.id : null;
  const subject =
    target === 'moved'
      ? await api('POST', '/api/members', {
          name: '異動予定',
          workplaceId: fx.wpA.id,
          ownerId: fx.users.officer.id,
        })
      : fx.mA;
  const task = await api('POST', '/api/tasks', {
    title: '電話する',
    assigneeId,
    subjectType: 'member',
    subjectId: subject.id,
  });
  if (target !== 'moved') return task;
  await api('PATCH', `/api/members/${subject.id}`, { workplaceId: fx.wpB.id, version: subject.version });
  return api('GET', `/api/tasks/${task.id}`);
}
/**
 * Saved views: the role's own, another officer's shared with every role, shared with
 * officers only, or private. `adminShared` is what an admin gets on another's shared view
 * (a change: 403; a delete: allowed).
 */
async function savedViewFor(fx: Fixture, target: Target, role: Role) {
  const owner = target === 'own' ? cookieOf(fx, role) : fx.other.cookie;
  const sharedRoles =
    target === 'sharedAll' ? [...STAFF_ROLES] : target === 'sharedOfficer' ? ['officer'] : [];
  const res = await t.as(owner)('POST', '/api/saved-views', {
    name: `ビュー ${target}`,
    list: 'members',
    state: { params: { q: '山田' } },
    sharedRoles,
  });
  if (res.status !== 201) throw new Error(`saved view: ${res.status} ${res.text}`);
  return res.body as { id: string; version: number };
}
const savedViewTargets = (statusOk: number, adminShared: number) => ({
  own: all(statusOk),
  sharedAll: by(adminShared, 403, 403, 403),
  sharedOfficer: by(adminShared, 403, 404, 404),
  private: all(404),
});
const taskTargets = (statusOk: number) => ({
  own: all(statusOk),
  other: by(statusOk, 404, 404, 404),
  unassigned: by(statusOk, statusOk, 404, 404),
  moved: by(statusOk, statusOk, statusOk, 404),
});

// ------------------------------------------------------------------ the matrix

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { public: true, expect: {}, build: () => ({ path: '/api/health' }) },
  'POST /api/auth/login': { public: true, expect: {}, build: () => ({ path: '/api/auth/login' }) },
  'GET /api/setup': { public: true, expect: {}, build: () => ({ path: '/api/setup' }) },
  'POST /api/setup': { public: true, expect: {}, build: () => ({ path: '/api/setup' }) },
  'GET /api/openapi.json': { expect: { none: all(200) }, build: () => ({ path: '/api/openapi.json' }) },
  'GET /api/docs': { expect: { none: all(200) }, build: () => ({ path: '/api/docs' }) },
  'GET /api/docs/init.js': { expect: { none: all(200) }, build: () => ({ path: '/api/docs/init.js' }) },
  'GET /api/docs/:file': {
    expect: { none: all(200) },
    build: () => ({ path: '/api/docs/swagger-ui.css' }),
  },

  // Auth and tokens: every signed-in user, for themselves.
  'POST /api/auth/logout': {
    expect: { none: all(204) },
    // A session of its own: logging out must not end the session the matrix uses.
    build: async (fx, _target, role) => ({
      path: '/api/auth/logout',
      cookie: await t.signIn(role === 'admin' ? 'admin@example.org' : await emailOf(fx.users[role].id)),
    }),
  },
  'GET /api/auth/me': { expect: { none: all(200) }, build: () => ({ path: '/api/auth/me' }) },
  // Public (signed out it answers { user: null }, auth.test.ts); signed in, every role gets itself.
  'GET /api/auth/session': { expect: { none: all(200) }, build: () => ({ path: '/api/auth/session' }) },
  'GET /api/tokens': { expect: { none: all(200) }, build: () => ({ path: '/api/tokens' }) },
  'POST /api/tokens': {
    expect: { none: all(201) },
    build: () => ({ path: '/api/tokens', body: { name: 'script' } }),
  },
  'DELETE /api/tokens/:id': {
    expect: { own: all(204), other: all(404) },
    build: async (fx, target, role) => {
      const owner = target === 'own' ? role : role === 'officer' ? 'executive' : 'officer';
      const res = await t.as(cookieOf(fx, owner))('POST', '/api/tokens', { name: 'to revoke' });
      return { path: `/api/tokens/${res.body.id}` };
    },
  },

  // Own account (routes/auth.ts): every signed-in user, for themselves only. Changing the password
  // or turning two-step sign-in on or off acts as a fresh user of the role, so the matrix's own
  // sessions and sign-ins stay as they are.
  'PATCH /api/auth/me': {
    expect: { none: all(200) },
    build: () => ({ path: '/api/auth/me', body: { language: 'ja' } }),
  },
  'POST /api/auth/password': {
    expect: { none: all(204) },
    build: async (_fx, _target, role) => {
      const fresh = await t.addUser(role);
      return {
        path: '/api/auth/password',
        cookie: fresh.cookie,
        actorId: fresh.user.id,
        body: { currentPassword: TEST_PASSWORD, newPassword: 'another long password' },
      };
    },
  },
  'GET /api/auth/sessions': { expect: { none: all(200) }, build: () => ({ path: '/api/auth/sessions' }) },
  'DELETE /api/auth/sessions/:id': {
    expect: { own: all(204), other: all(404) },
    build: async (fx, target, role) => {
      const owner = target === 'own' ? role : role === 'officer' ? 'executive' : 'officer';
      const ownerId = fx.users[owner].id;
      // A session of its own (the clock is fixed: found by the cookie's hash, not by time).
      const cookie = await t.signIn(owner === 'admin' ? 'admin@example.org' : await emailOf(ownerId));
      const rows = rowsOf<{ id: string }>(
        await t.db.execute(
          sql`select public_id as id from sessions where id = ${hashSecret(cookie.split('=')[1]!)}`,
        ),
      );
      return { path: `/api/auth/sessions/${rows[0]!.id}` };
    },
  },
  'POST /api/auth/totp/setup': {
    expect: { none: all(200) },
    build: () => ({ path: '/api/auth/totp/setup' }),
  },
  'POST /api/auth/totp/enable': {
    expect: { none: all(200) },
    build: async (_fx, _target, role) => {
      const fresh = await t.addUser(role);
      const setup = await t.as(fresh.cookie)('POST', '/api/auth/totp/setup');
      return {
        path: '/api/auth/totp/enable',
        cookie: fresh.cookie,
        actorId: fresh.user.id,
        body: { code: totpCodeAtNow(setup.body.secret) },
      };
    },
  },
  'POST /api/auth/totp/disable': {
    expect: { none: all(204) },
    build: async (_fx, _target, role) => {
      const fresh = await t.addUser(role);
      const as = t.as(fresh.cookie);
      const setup = await as('POST', '/api/auth/totp/setup');
      await as('POST', '/api/auth/totp/enable', { code: totpCodeAtNow(setup.body.secret) });
      return {
        path: '/api/auth/totp/disable',
        cookie: fresh.cookie,
        actorId: fresh.user.id,
        body: { password: TEST_PASSWORD },
      };
    },
  },
  // Others' second factor and the roles that require one: admins only (routes/account.ts).
  'GET /api/users/:id/totp': {
    expect: { none: adminOnly(200) },
    build: (fx) => ({ path: `/api/users/${fx.other.id}/totp` }),
  },
  'POST /api/users/:id/totp/reset': {
    expect: { none: adminOnly(200) },
    build: (fx) => ({ path: `/api/users/${fx.other.id}/totp/reset` }),
  },
  'GET /api/settings/two-step': {
    expect: { none: adminOnly(200) },
    build: () => ({ path: '/api/settings/two-step' }),
  },
  'PATCH /api/settings/two-step': {
    expect: { none: adminOnly(200) },
    build: async () => {
      const rows = rowsOf<{ version: number }>(
        await t.db.execute(sql`select version from settings where id = 1`),
      );
      return {
        path: '/api/settings/two-step',
        body: { totpRequiredRoles: [], version: Number(rows[0]!.version) },
      };
    },
  },

  // Staff users: admin only.
  'GET /api/users': { expect: { none: adminOnly(200) }, build: () => ({ path: '/api/users' }) },
  'POST /api/users': {
    expect: { none: adminOnly(201) },
    build: () => ({
      path: '/api/users',
      body: {
        email: `new-${Math.random().toString(36).slice(2, 8)}@example.org`,
        displayName: '新任',
        role: 'officer',
        password: 'long enough password',
      },
    }),
  },
  'GET /api/users/:id': {
    expect: { none: adminOnly(200) },
    build: (fx) => ({ path: `/api/users/${fx.other.id}` }),
  },
  'PATCH /api/users/:id': {
    expect: { none: adminOnly(200) },
    build: async (fx) => ({
      path: `/api/users/${fx.other.id}`,
      body: { displayName: `担当 ${Math.random()}`, version: await versionOf('users', fx.other.id) },
    }),
  },

  // Members.
  'GET /api/members': { expect: { none: all(200) }, build: () => ({ path: '/api/members' }) },
  'POST /api/members': {
    expect: { none: by(201, 201, 403, 403) },
    build: (fx) => ({ path: '/api/members', body: { name: '新人', workplaceId: fx.wpA.id } }),
  },
  'GET /api/members/:id': {
    expect: scoped(all(200)),
    build: (fx, target) => ({ path: `/api/members/${inOut(fx, target).id}` }),
  },
  'PATCH /api/members/:id': {
    expect: {
      ...scoped(by(200, 200, 403, 403), by(200, 200, 403, 404)),
      // A rep may change engagement (with a reason) of members in their workplaces.
      'in:engagement': by(200, 200, 403, 200),
      'out:engagement': by(200, 200, 403, 404),
    },
    build: async (fx, target) => {
      const m = target.startsWith('out') ? fx.mB : fx.mA;
      const version = await versionOf('members', m.id);
      if (target.endsWith(':engagement')) {
        const engagement =
          (await api('GET', `/api/members/${m.id}`)).engagement === 'regular' ? 'rare' : 'regular';
        return {
          path: `/api/members/${m.id}`,
          body: { engagement, engagementReason: '面談で確認', version },
        };
      }
      return { path: `/api/members/${m.id}`, body: { department: `製造${Math.random()}`, version } };
    },
  },
  'DELETE /api/members/:id': {
    expect: scoped(adminOnly(204), adminOnly(204)),
    build: async (fx, target) => {
      const m = await api('POST', '/api/members', { name: '削除用', workplaceId: wpInOut(fx, target).id });
      return { path: `/api/members/${m.id}?version=${m.version}` };
    },
  },
  // Data protection: access requests and erasure are the organization's, admins only.
  'GET /api/members/:id/data-export': {
    expect: scoped(adminOnly(200), adminOnly(200)),
    build: (fx, target) => ({ path: `/api/members/${inOut(fx, target).id}/data-export` }),
  },
  'POST /api/members/:id/erasure': {
    expect: scoped(adminOnly(200), adminOnly(200)),
    build: async (fx, target) => {
      const m = await api('POST', '/api/members', { name: '消去用', workplaceId: wpInOut(fx, target).id });
      return { path: `/api/members/${m.id}/erasure`, body: { confirmName: '消去用' } };
    },
  },
  // Likely duplicates: a search, every role, within its scope (a rep: nothing of other workplaces).
  'POST /api/members/duplicates': {
    expect: { none: all(200) },
    build: (fx) => ({ path: '/api/members/duplicates', body: { name: fx.mB.name, employeeNumber: '0123' } }),
    unaudited: 'reads only',
  },
  // Merging duplicates: admins and officers (members.merge), a role check before any lookup.
  'GET /api/members/:id/merge-preview': {
    expect: scoped(by(200, 200, 403, 403), by(200, 200, 403, 403)),
    build: async (fx, target) => {
      const other = await api('POST', '/api/members', {
        name: '重複候補',
        workplaceId: wpInOut(fx, target).id,
      });
      return { path: `/api/members/${inOut(fx, target).id}/merge-preview?otherId=${other.id}` };
    },
  },
  'POST /api/members/:id/merge': {
    expect: scoped(by(200, 200, 403, 403), by(200, 200, 403, 403)),
    build: async (fx, target) => {
      const workplaceId = wpInOut(fx, target).id;
      const kept = await api('POST', '/api/members', { name: '統合先', workplaceId });
      const other = await api('POST', '/api/members', { name: '統合元', workplaceId });
      return {
        path: `/api/members/${kept.id}/merge`,
        body: { otherId: other.id, version: kept.version, otherVersion: other.version },
      };
    },
  },
  'GET /api/members/:id/notes': {
    expect: scoped(all(200)),
    build: (fx, target) => ({ path: `/api/members/${inOut(fx, target).id}/notes` }),
  },
  'POST /api/members/:id/notes': {
    expect: scoped(by(201, 201, 403, 201), by(201, 201, 403, 404)),
    build: (fx, target) => ({
      path: `/api/members/${inOut(fx, target).id}/notes`,
      body: { occurredOn: '2026-06-09', channel: 'phone', body: '電話で話した' },
    }),
  },
  // Notes: admins and officers change any note; a rep only their own, on a member of their
  // workplaces (an executive, read-only, none, even one they wrote in an earlier role).
  // Targets: in/out = a note someone else wrote on a member in / outside the rep's
  // workplaces; :own = one the acting user wrote; move:* = their own note on a member of
  // the rep's workplace, moved to another member in / outside it.
  'PATCH /api/members/:id/notes/:noteId': {
    expect: {
      in: by(200, 200, 403, 403),
      out: by(200, 200, 403, 404),
      'in:own': by(200, 200, 403, 200),
      'out:own': by(200, 200, 403, 404),
      'move:in': by(200, 200, 403, 200),
      'move:out': by(200, 200, 403, 404),
    },
    build: async (fx, target, role) => {
      if (target === 'in' || target === 'out') {
        const [m, n] = target === 'out' ? [fx.mB, fx.noteB] : [fx.mA, fx.noteA];
        return {
          path: `/api/members/${m.id}/notes/${n.id}`,
          body: { body: `追記 ${Math.random()}`, version: await versionOf('member_notes', n.id) },
        };
      }
      const m = target === 'out:own' ? fx.mB : fx.mA;
      const n = await noteWrittenBy(fx, role, m.id);
      if (!target.startsWith('move:')) {
        return { path: `/api/members/${m.id}/notes/${n.id}`, body: { body: '訂正', version: n.version } };
      }
      const to =
        target === 'move:out'
          ? fx.mB
          : await api('POST', '/api/members', { name: '正しい人', workplaceId: fx.wpA.id });
      return { path: `/api/members/${m.id}/notes/${n.id}`, body: { memberId: to.id, version: n.version } };
    },
  },
  'DELETE /api/members/:id/notes/:noteId': {
    expect: {
      in: by(204, 204, 403, 403),
      out: by(204, 204, 403, 404),
      'in:own': by(204, 204, 403, 204),
      'out:own': by(204, 204, 403, 404),
    },
    build: async (fx, target, role) => {
      const m = target.startsWith('out') ? fx.mB : fx.mA;
      const n = target.endsWith(':own')
        ? await noteWrittenBy(fx, role, m.id)
        : await api('POST', `/api/members/${m.id}/notes`, { channel: 'other', body: '消すメモ' });
      return { path: `/api/members/${m.id}/notes/${n.id}?version=${n.version}` };
    },
  },
  'GET /api/members/:id/cases': {
    expect: scoped(all(200)),
    build: (fx, target) => ({ path: `/api/members/${inOut(fx, target).id}/cases` }),
  },
  'POST /api/members/:id/cases': {
    expect: scoped(by(201, 201, 403, 403), by(201, 201, 403, 403)),
    build: (fx, target) => ({
      path: `/api/members/${inOut(fx, target).id}/cases`,
      body: { title: '相談', openedOn: '2026-06-09' },
    }),
  },
  'PATCH /api/members/:id/cases/:caseId': {
    expect: {
      in: by(200, 200, 403, 403),
      sensitive: by(200, 200, 403, 403),
      out: by(200, 200, 403, 403),
    },
    build: async (fx, target) => {
      const [m, c] =
        target === 'out'
          ? [fx.mB, fx.caseB]
          : target === 'sensitive'
            ? [fx.mA, fx.sensitiveA]
            : [fx.mA, fx.caseA];
      return {
        path: `/api/members/${m.id}/cases/${c.id}`,
        body: { description: `経過 ${Math.random()}`, version: await versionOf('member_cases', c.id) },
      };
    },
  },
  'GET /api/members/:id/engagement-history': {
    expect: scoped(all(200)),
    build: (fx, target) => ({ path: `/api/members/${inOut(fx, target).id}/engagement-history` }),
  },
  'GET /api/members/:id/timeline': {
    expect: scoped(all(200)),
    build: (fx, target) => ({ path: `/api/members/${inOut(fx, target).id}/timeline` }),
  },

  // Workplaces.
  'GET /api/workplaces': { expect: { none: all(200) }, build: () => ({ path: '/api/workplaces' }) },
  'POST /api/workplaces': {
    expect: { none: by(201, 201, 403, 403) },
    build: () => ({ path: '/api/workplaces', body: { name: `新職場 ${Math.random()}` } }),
  },
  'GET /api/workplaces/:id': {
    expect: scoped(all(200)),
    build: (fx, target) => ({ path: `/api/workplaces/${wpInOut(fx, target).id}` }),
  },
  'PATCH /api/workplaces/:id': {
    expect: scoped(by(200, 200, 403, 403), by(200, 200, 403, 403)),
    build: async (fx, target) => {
      const wp = wpInOut(fx, target);
      return {
        path: `/api/workplaces/${wp.id}`,
        body: { issues: `課題 ${Math.random()}`, version: await versionOf('workplaces', wp.id) },
      };
    },
  },
  'DELETE /api/workplaces/:id': {
    expect: { none: adminOnly(204) },
    build: async () => {
      const wp = await api('POST', '/api/workplaces', { name: `削除用 ${Math.random()}` });
      return { path: `/api/workplaces/${wp.id}?version=${wp.version}` };
    },
  },
  'GET /api/workplaces/:id/atmosphere-history': {
    expect: scoped(all(200)),
    build: (fx, target) => ({ path: `/api/workplaces/${wpInOut(fx, target).id}/atmosphere-history` }),
  },
  'GET /api/workplaces/:id/meetings': {
    expect: scoped(all(200)),
    build: (fx, target) => ({ path: `/api/workplaces/${wpInOut(fx, target).id}/meetings` }),
  },
  'POST /api/workplaces/:id/meetings': {
    expect: scoped(by(201, 201, 403, 201)),
    build: (fx, target) => ({
      path: `/api/workplaces/${wpInOut(fx, target).id}/meetings`,
      body: { heldOn: '2026-06-08', title: '昼休み集会', attendeeCount: 5, invitedCount: 20 },
    }),
  },
  'PATCH /api/workplaces/:id/meetings/:meetingId': {
    expect: scoped(by(200, 200, 403, 200)),
    build: async (fx, target) => {
      const [wp, m] = target === 'out' ? [fx.wpB, fx.meetingB] : [fx.wpA, fx.meetingA];
      return {
        path: `/api/workplaces/${wp.id}/meetings/${m.id}`,
        body: { notes: `議事 ${Math.random()}`, version: await versionOf('workplace_meetings', m.id) },
      };
    },
  },
  'DELETE /api/workplaces/:id/meetings/:meetingId': {
    expect: scoped(by(204, 204, 403, 403), by(204, 204, 403, 403)),
    build: async (fx, target) => {
      const wp = wpInOut(fx, target);
      const m = await api('POST', `/api/workplaces/${wp.id}/meetings`, {
        heldOn: '2026-06-07',
        title: '消す集会',
        attendeeCount: 1,
        invitedCount: 20,
      });
      return { path: `/api/workplaces/${wp.id}/meetings/${m.id}?version=${m.version}` };
    },
  },

  // Demands: every role reads; reps link only their members.
  'GET /api/demands': { expect: { none: all(200) }, build: () => ({ path: '/api/demands' }) },
  'POST /api/demands': {
    expect: { none: by(201, 201, 201, 403) },
    build: () => ({ path: '/api/demands', body: { title: `要求 ${Math.random()}` } }),
  },
  'GET /api/demands/:id': {
    expect: { none: all(200) },
    build: (fx) => ({ path: `/api/demands/${fx.demand.id}` }),
  },
  'PATCH /api/demands/:id': {
    expect: { none: by(200, 200, 200, 403) },
    build: async (fx) => ({
      path: `/api/demands/${fx.demand.id}`,
      body: { description: `説明 ${Math.random()}`, version: await versionOf('demands', fx.demand.id) },
    }),
  },
  'DELETE /api/demands/:id': {
    expect: { none: adminOnly(204) },
    build: async () => {
      const d = await api('POST', '/api/demands', { title: '削除用' });
      return { path: `/api/demands/${d.id}?version=${d.version}` };
    },
  },
  'GET /api/demands/:id/members': {
    expect: { none: all(200) },
    build: (fx) => ({ path: `/api/demands/${fx.demand.id}/members` }),
  },
  // Every role reads every demand's breakdown; a rep's counts only their workplaces' members
  // (demands.breakdown.random.test.ts compares a rep's figures with a recount over their scope).
  'GET /api/demands/:id/breakdown': {
    expect: { none: all(200) },
    build: (fx) => ({ path: `/api/demands/${fx.demand.id}/breakdown` }),
  },
  // Concern matching (issue 16): every role reads a demand's suggestions (a rep's name only their
  // workplaces' members: access-leaks.test.ts) and an in-scope member's; every role that links
  // accepts or turns down (a rep's out-of-scope ids are skipped: 200, nothing linked or recorded).
  'GET /api/demands/:id/suggestions': {
    expect: { none: all(200) },
    build: (fx) => ({ path: `/api/demands/${fx.demand.id}/suggestions` }),
  },
  'GET /api/members/:id/demand-suggestions': {
    expect: scoped(all(200)),
    build: (fx, target) => ({ path: `/api/members/${inOut(fx, target).id}/demand-suggestions` }),
  },
  'POST /api/demands/:id/suggestions/accept': {
    expect: scoped(all(200), all(200)),
    build: (fx, target) => ({
      path: `/api/demands/${fx.demand.id}/suggestions/accept`,
      body: { memberIds: [inOut(fx, target).id] },
    }),
  },
  'POST /api/demands/:id/suggestions/reject': {
    expect: scoped(all(200), all(200)),
    build: (fx, target) => ({
      path: `/api/demands/${fx.demand.id}/suggestions/reject`,
      body: { memberIds: [inOut(fx, target).id] },
    }),
  },
  'GET /api/voices/unmatched': {
    expect: { none: all(200) },
    build: () => ({ path: '/api/voices/unmatched' }),
  },
  'POST /api/voices/unmatched/demand': {
    expect: scoped(by(201, 201, 201, 403)),
    build: (fx, target) => ({
      path: '/api/voices/unmatched/demand',
      body: { demand: { title: `声から ${Math.random()}` }, memberIds: [inOut(fx, target).id] },
    }),
  },
  'GET /api/settings/synonyms': {
    expect: { none: all(200) },
    build: () => ({ path: '/api/settings/synonyms' }),
  },
  'PUT /api/settings/synonyms': {
    expect: { none: by(200, 200, 200, 403) },
    build: async () => ({
      path: '/api/settings/synonyms',
      body: {
        groups: [{ kind: 'equal', terms: ['ベア', `賃上げ${Math.random().toString(36).slice(2, 6)}`] }],
        version: await versionOf('match_synonyms', '1'),
      },
    }),
  },
  'POST /api/settings/synonyms/candidates/dismiss': {
    expect: { none: by(200, 200, 200, 403) },
    build: async () => {
      const term = `仮眠${Math.random().toString(36).slice(2, 6)}`;
      await t.db.execute(
        sql`insert into match_synonym_candidates (term, demand_term, count) values (${term}, '夜勤手当', 2)`,
      );
      return { path: '/api/settings/synonyms/candidates/dismiss', body: { term, demandTerm: '夜勤手当' } };
    },
    unaudited: 'marks a suggested synonym addition (two words, derived from acceptances) as dismissed',
  },
  // Bulk: every role links; a rep's out-of-scope ids are skipped (200, nothing linked; checked in demands.bulk-link.test.ts).
  'PUT /api/demands/:id/members': {
    expect: scoped(all(200), all(200)),
    build: (fx, target) => ({
      path: `/api/demands/${fx.demand.id}/members`,
      body: { memberIds: [inOut(fx, target).id] },
    }),
  },
  'DELETE /api/demands/:id/members': {
    expect: scoped(all(200), all(200)),
    build: async (fx, target) => {
      const m = inOut(fx, target);
      await t.db.execute(
        sql`insert into demand_members (demand_id, member_id) values (${fx.demand.id}, ${m.id}) on conflict do nothing`,
      );
      return { path: `/api/demands/${fx.demand.id}/members`, body: { memberIds: [m.id] } };
    },
  },
  'PUT /api/demands/:id/members/:memberId': {
    expect: scoped(by(200, 200, 200, 200)),
    build: async (fx, target) => {
      const m = inOut(fx, target);
      await t.db.execute(
        sql`delete from demand_members where demand_id = ${fx.demand.id} and member_id = ${m.id}`,
      );
      return { path: `/api/demands/${fx.demand.id}/members/${m.id}` };
    },
  },
  'DELETE /api/demands/:id/members/:memberId': {
    expect: scoped(by(200, 200, 200, 200)),
    build: async (fx, target) => {
      const m = inOut(fx, target);
      await t.db.execute(
        sql`insert into demand_members (demand_id, member_id) values (${fx.demand.id}, ${m.id}) on conflict do nothing`,
      );
      return { path: `/api/demands/${fx.demand.id}/members/${m.id}` };
    },
  },
  'GET /api/demands/:id/notes': {
    expect: { none: all(200) },
    build: (fx) => ({ path: `/api/demands/${fx.demand.id}/notes` }),
  },
  'POST /api/demands/:id/notes': {
    expect: { none: by(201, 201, 201, 403) },
    build: (fx) => ({
      path: `/api/demands/${fx.demand.id}/notes`,
      body: { occurredOn: '2026-06-09', kind: 'negotiation', body: '回答あり' },
    }),
  },
  'PATCH /api/demands/:id/notes/:noteId': {
    expect: { none: by(200, 200, 200, 403) },
    build: async (fx) => ({
      path: `/api/demands/${fx.demand.id}/notes/${fx.demandNote.id}`,
      body: { body: `修正 ${Math.random()}`, version: await versionOf('demand_notes', fx.demandNote.id) },
    }),
  },
  'DELETE /api/demands/:id/notes/:noteId': {
    expect: { none: by(204, 204, 204, 403) },
    build: async (fx) => {
      const n = await api('POST', `/api/demands/${fx.demand.id}/notes`, {
        kind: 'negotiation',
        body: '消す',
      });
      return { path: `/api/demands/${fx.demand.id}/notes/${n.id}?version=${n.version}` };
    },
  },

  // Bargaining seasons: every role reads; admins and officers manage.
  'GET /api/seasons': { expect: { none: all(200) }, build: () => ({ path: '/api/seasons' }) },
  'POST /api/seasons': {
    expect: { none: by(201, 201, 403, 403) },
    build: () => ({
      path: '/api/seasons',
      body: { name: `シーズン ${Math.random()}`, startsOn: '2026-02-01', endsOn: '2026-06-30' },
    }),
  },
  'PATCH /api/seasons/:id': {
    expect: { none: by(200, 200, 403, 403) },
    build: async () => {
      const s = await api('POST', '/api/seasons', {
        name: `変更用 ${Math.random()}`,
        startsOn: '2025-07-01',
        endsOn: '2025-11-30',
      });
      return { path: `/api/seasons/${s.id}`, body: { endsOn: '2025-12-15', version: s.version } };
    },
  },
  'DELETE /api/seasons/:id': {
    expect: { none: by(204, 204, 403, 403) },
    build: async () => {
      const s = await api('POST', '/api/seasons', {
        name: `削除用 ${Math.random()}`,
        startsOn: '2024-07-01',
        endsOn: '2024-11-30',
      });
      return { path: `/api/seasons/${s.id}?version=${s.version}` };
    },
  },

  // Tasks: all (admin), own + unassigned (officer), own (executive, rep).
  'GET /api/tasks': { expect: { none: all(200) }, build: () => ({ path: '/api/tasks' }) },
  // The top bar's search: every role, each within its own lists (search.test.ts, access-leaks).
  'GET /api/search': {
    expect: { none: all(200) },
    build: () => ({ path: `/api/search?q=${encodeURIComponent('山田')}` }),
  },
  // Saved views: every role saves its own; only the owner changes one; an admin may delete a
  // shared one; another's private view, or one shared with other roles, does not exist (404).
  'GET /api/saved-views': { expect: { none: all(200) }, build: () => ({ path: '/api/saved-views' }) },
  'POST /api/saved-views': {
    expect: { none: all(201) },
    build: () => ({
      path: '/api/saved-views',
      body: {
        name: '要注意',
        list: 'members',
        state: { params: { engagement: 'at_risk' } },
        sharedRoles: ['rep'],
      },
    }),
  },
  'PATCH /api/saved-views/:id': {
    expect: savedViewTargets(200, 403),
    build: async (fx, target, role) => {
      const v = await savedViewFor(fx, target, role);
      return { path: `/api/saved-views/${v.id}`, body: { name: '改名', version: v.version } };
    },
  },
  'DELETE /api/saved-views/:id': {
    expect: savedViewTargets(204, 204),
    build: async (fx, target, role) => {
      const v = await savedViewFor(fx, target, role);
      return { path: `/api/saved-views/${v.id}?version=${v.version}` };
    },
  },
  // Calendar feeds (issue 18): every role makes its own; another's feed does not exist (404).
  'GET /api/calendar-feeds': { expect: { none: all(200) }, build: () => ({ path: '/api/calendar-feeds' }) },
  'POST /api/calendar-feeds': {
    expect: { none: all(201) },
    build: () => ({ path: '/api/calendar-feeds', body: { kind: 'meetings' } }),
  },
  'DELETE /api/calendar-feeds/:id': {
    expect: { own: all(204), other: all(404) },
    build: async (fx, target, role) => {
      const owner = target === 'own' ? cookieOf(fx, role) : fx.other.cookie;
      const res = await t.as(owner)('POST', '/api/calendar-feeds', { kind: 'tasks' });
      if (res.status !== 201) throw new Error(`calendar feed: ${res.status} ${res.text}`);
      return { path: `/api/calendar-feeds/${res.body.id}` };
    },
  },
  // E-mail digests (issue 18): every role chooses its own digest; the test mail and a run by hand
  // are the admin's (the test app's mailer records instead of sending).
  'GET /api/mail/status': { expect: { none: all(200) }, build: () => ({ path: '/api/mail/status' }) },
  'POST /api/mail/test': { expect: { none: adminOnly(200) }, build: () => ({ path: '/api/mail/test' }) },
  'GET /api/auth/me/notifications': {
    expect: { none: all(200) },
    build: () => ({ path: '/api/auth/me/notifications' }),
  },
  'PATCH /api/auth/me/notifications': {
    expect: { none: all(200) },
    build: () => ({ path: '/api/auth/me/notifications', body: { digest: 'weekly', digestTime: '07:30' } }),
  },
  'POST /api/digests/run': {
    expect: { none: adminOnly(200) },
    build: () => ({ path: '/api/digests/run', body: { asOf: NOW.toISOString() } }),
    unaudited: 'each digest sent is audited as the system (no actor); a run with nothing due writes nothing',
  },
  // Offline sync (issue 19): the field roles (not executives). An item on a record outside the
  // rep's workplaces is answered inside the 200 (`rejected`, not_found) and audited as a denial.
  'GET /api/sync/pack': {
    expect: { none: by(200, 200, 403, 200) },
    build: () => ({ path: '/api/sync/pack' }),
  },
  'POST /api/sync': {
    expect: { in: by(200, 200, 403, 200), out: by(200, 200, 403, 200) },
    build: (fx, target) => ({
      path: '/api/sync',
      body: {
        items: [
          {
            clientId: crypto.randomUUID(),
            kind: 'note',
            deviceTime: '2026-06-10T09:00:00+09:00',
            memberId: (target === 'out' ? fx.mB : fx.mA).id,
            body: '現場で聞いた話',
          },
        ],
      },
    }),
  },
  'GET /api/public/calendar/:file': {
    public: true,
    expect: {},
    build: () => ({ path: '/api/public/calendar/x.ics' }),
  },
  'GET /api/workplaces/:id/meetings/:meetingId/ics': {
    expect: scoped(all(200)),
    build: (fx, target) => {
      const [wp, m] = target === 'out' ? [fx.wpB, fx.meetingB] : [fx.wpA, fx.meetingA];
      return { path: `/api/workplaces/${wp.id}/meetings/${m.id}/ics` };
    },
  },
  'GET /api/demands/:id/negotiation.ics': {
    expect: { none: all(200) },
    build: async (fx) => {
      await t.db.execute(
        sql`update demands set next_negotiation_on = '2026-06-01' where id = ${fx.demand.id}::uuid and next_negotiation_on is null`,
      );
      return { path: `/api/demands/${fx.demand.id}/negotiation.ics` };
    },
  },
  'POST /api/tasks': {
    expect: { self: all(201), someoneElse: by(201, 201, 403, 403) },
    build: (fx, target, role) => ({
      path: '/api/tasks',
      body: {
        title: '家庭訪問',
        assigneeId: target === 'self' ? fx.users[role].id : fx.other.id,
        subjectType: 'member',
        subjectId: fx.mA.id,
      },
    }),
  },
  'GET /api/tasks/:id': {
    expect: taskTargets(200),
    build: async (fx, target, role) => ({ path: `/api/tasks/${(await taskFor(fx, target, role)).id}` }),
  },
  'PATCH /api/tasks/:id': {
    expect: taskTargets(200),
    build: async (fx, target, role) => {
      const task = await taskFor(fx, target, role);
      return { path: `/api/tasks/${task.id}`, body: { body: '前倒し', version: task.version } };
    },
  },
  'DELETE /api/tasks/:id': {
    expect: taskTargets(204),
    build: async (fx, target, role) => {
      const task = await taskFor(fx, target, role);
      return { path: `/api/tasks/${task.id}?version=${task.version}` };
    },
  },
  // Bulk actions (issue 17): the single action's permission; a rep's out-of-scope ids are
  // skipped (200, nothing changed but the request's audit event; see bulk.test.ts).
  'POST /api/members/bulk': {
    expect: {
      'in:engagement': by(200, 200, 403, 200),
      'out:engagement': by(200, 200, 403, 200),
      'in:owner': by(200, 200, 403, 403),
      'in:note': by(200, 200, 403, 200),
      'in:task': all(200),
      'in:taskForOther': by(200, 200, 403, 403),
    },
    build: async (fx, target) => {
      const m = target.startsWith('out') ? fx.mB : fx.mA;
      const memberIds = [m.id];
      const action = target.split(':')[1];
      if (action === 'engagement') {
        const current = (await api('GET', `/api/members/${m.id}`)).engagement;
        return {
          path: '/api/members/bulk',
          body: {
            action: 'set_engagement',
            memberIds,
            engagement: current === 'regular' ? 'rare' : 'regular',
            engagementReason: '一括変更',
          },
        };
      }
      if (action === 'owner') {
        const current = (await api('GET', `/api/members/${m.id}`)).ownerId;
        const ownerId = current === fx.users.officer.id ? fx.other.id : fx.users.officer.id;
        return { path: '/api/members/bulk', body: { action: 'set_owner', memberIds, ownerId } };
      }
      if (action === 'note') {
        return {
          path: '/api/members/bulk',
          body: { action: 'add_note', memberIds, note: { body: '一括メモ' } },
        };
      }
      const assigneeId = action === 'taskForOther' ? fx.other.id : undefined;
      return {
        path: '/api/members/bulk',
        body: { action: 'create_task', memberIds, task: { title: '一括タスク', assigneeId } },
      };
    },
  },
  // Workplaces: set_owner needs records.write like PATCH /workplaces/:id; a task about each
  // follows POST /tasks; a rep's other workplaces are skipped (200; see workplaces.bulk.test.ts).
  'POST /api/workplaces/bulk': {
    expect: {
      'in:owner': by(200, 200, 403, 403),
      'in:task': all(200),
      'out:task': all(200),
      'in:taskForOther': by(200, 200, 403, 403),
    },
    build: async (fx, target) => {
      const wp = target.startsWith('out') ? fx.wpB : fx.wpA;
      const action = target.split(':')[1];
      if (action === 'owner') {
        const current = (await api('GET', `/api/workplaces/${wp.id}`)).ownerId;
        const ownerId = current === fx.users.officer.id ? fx.other.id : fx.users.officer.id;
        return {
          path: '/api/workplaces/bulk',
          body: { action: 'set_owner', workplaceIds: [wp.id], ownerId },
        };
      }
      const assigneeId = action === 'taskForOther' ? fx.other.id : undefined;
      return {
        path: '/api/workplaces/bulk',
        body: {
          action: 'create_task',
          workplaceIds: [wp.id],
          task: { title: '職場の一括タスク', assigneeId },
        },
      };
    },
  },
  'POST /api/tasks/bulk': {
    // Tasks the role may not see are skipped: 200 with nothing changed, not 404.
    expect: {
      own: all(200),
      other: all(200),
      unassigned: all(200),
      moved: all(200),
      reassignOther: by(200, 200, 403, 403),
    },
    build: async (fx, target, role) => {
      if (target === 'reassignOther') {
        const task = await taskFor(fx, 'own', role);
        return {
          path: '/api/tasks/bulk',
          body: { action: 'reassign', taskIds: [task.id], assigneeId: fx.other.id },
        };
      }
      const task = await taskFor(fx, target, role);
      return {
        path: '/api/tasks/bulk',
        body: { action: 'set_due', taskIds: [task.id], dueOn: '2026-07-31' },
      };
    },
  },

  // Administration: admin only.
  'GET /api/settings': { expect: { none: adminOnly(200) }, build: () => ({ path: '/api/settings' }) },
  'PATCH /api/settings': {
    expect: { none: adminOnly(200) },
    build: async () => ({
      path: '/api/settings',
      body: { organizationName: `組合 ${Math.random()}`, version: await versionOf('settings', '1') },
    }),
  },
  // Custom fields (issue 17): every staff role reads the definitions, admins write them.
  'GET /api/custom-fields': { expect: { none: all(200) }, build: () => ({ path: '/api/custom-fields' }) },
  'POST /api/custom-fields': {
    expect: { none: adminOnly(201) },
    build: () => ({
      path: '/api/custom-fields',
      body: {
        entity: 'member',
        key: `f${Math.random().toString(36).slice(2, 10)}`,
        labelJa: '項目',
        labelEn: 'Field',
        type: 'text',
      },
    }),
  },
  'PATCH /api/custom-fields/:id': {
    expect: { none: adminOnly(200) },
    build: async () => {
      const field = await matrixCustomField();
      return {
        path: `/api/custom-fields/${field.id}`,
        body: { labelJa: `項目 ${Math.random()}`, version: await versionOf('custom_fields', field.id) },
      };
    },
  },
  'DELETE /api/custom-fields/:id': {
    expect: { none: adminOnly(200) },
    build: async () => ({ path: `/api/custom-fields/${(await matrixCustomField()).id}` }),
  },
  'POST /api/custom-fields/:id/restore': {
    expect: { none: adminOnly(200) },
    build: async () => {
      const field = await matrixCustomField();
      await api('DELETE', `/api/custom-fields/${field.id}`);
      return { path: `/api/custom-fields/${field.id}/restore` };
    },
  },
  'GET /api/workflow-rules': {
    expect: { none: adminOnly(200) },
    build: () => ({ path: '/api/workflow-rules' }),
  },
  'PATCH /api/workflow-rules': {
    expect: { none: adminOnly(200) },
    build: async () => ({
      path: '/api/workflow-rules',
      body: {
        rules: [{ id: 'tenure_milestone', enabled: true, version: await ruleVersion('tenure_milestone') }],
      },
    }),
  },
  'PATCH /api/workflow-rules/:id': {
    expect: { none: adminOnly(200) },
    build: async () => ({
      path: '/api/workflow-rules/workplace_gathering',
      body: { enabled: true, version: await ruleVersion('workplace_gathering') },
    }),
  },
  'POST /api/workflow-rules/:id/preview': {
    expect: { none: adminOnly(200) },
    build: (fx) => ({ path: '/api/workflow-rules/tenure_milestone/preview', body: { memberId: fx.mA.id } }),
    unaudited: 'a preview writes nothing',
  },
  'POST /api/workflows/run': {
    expect: { none: adminOnly(200) },
    build: () => ({ path: '/api/workflows/run', body: {} }),
    unaudited: 'a run with nothing due creates nothing',
  },

  // Audit trail: admin only.
  'GET /api/audit-log': { expect: { none: adminOnly(200) }, build: () => ({ path: '/api/audit-log' }) },

  // Export: admins and officers (the `export` permission), one route per kind and format.
  ...Object.fromEntries(
    ['members', 'workplaces', 'demands', 'tasks'].flatMap((kind) =>
      ['csv', 'xlsx'].map((format): [string, Entry] => [
        `GET /api/export/${kind}.${format}`,
        {
          expect: { none: by(200, 200, 403, 403) },
          build: () => ({ path: `/api/export/${kind}.${format}` }),
        },
      ]),
    ),
  ),

  // Handover: admins and officers hand over; briefings for whoever may read the member.
  'POST /api/handover': {
    expect: { none: by(201, 201, 403, 403) },
    build: async (fx) => {
      const leaving = await api('POST', '/api/users', {
        email: `leaving-${Math.random().toString(36).slice(2, 8)}@example.org`,
        displayName: '異動する役員',
        role: 'officer',
        password: 'long enough password',
      });
      await api('POST', '/api/members', { name: '引継対象', workplaceId: fx.wpA.id, ownerId: leaving.id });
      return {
        path: '/api/handover',
        body: { fromUserId: leaving.id, toUserId: fx.other.id, note: '異動のため' },
      };
    },
  },
  'POST /api/handover/preview': {
    expect: { none: by(200, 200, 403, 403) },
    build: async (fx) => {
      const leaving = await api('POST', '/api/users', {
        email: `leaving-${Math.random().toString(36).slice(2, 8)}@example.org`,
        displayName: '異動する役員',
        role: 'officer',
        password: 'long enough password',
      });
      await api('POST', '/api/members', { name: '引継予定', workplaceId: fx.wpA.id, ownerId: leaving.id });
      return { path: '/api/handover/preview', body: { fromUserId: leaving.id, toUserId: fx.other.id } };
    },
    unaudited: 'a preview writes nothing',
  },
  // Staff names for pickers: every role; disabled accounts only with the handover permission.
  'GET /api/staff': {
    expect: { none: all(200), disabled: by(200, 200, 403, 403) },
    build: (_fx, target) => ({
      path: target === 'disabled' ? '/api/staff?includeDisabled=true' : '/api/staff',
    }),
  },
  'GET /api/handover/pending': {
    expect: { none: adminOnly(200) },
    build: () => ({ path: '/api/handover/pending' }),
  },
  'GET /api/handovers': {
    expect: { none: by(200, 200, 403, 403) },
    build: () => ({ path: '/api/handovers' }),
  },
  'GET /api/handovers/:id': {
    expect: { none: by(200, 200, 403, 403) },
    build: (fx) => ({ path: `/api/handovers/${fx.handover.id}` }),
  },
  'GET /api/handovers/:id/summary': {
    expect: { none: by(200, 200, 403, 403) },
    build: (fx) => ({ path: `/api/handovers/${fx.handover.id}/summary` }),
  },
  'GET /api/handovers/:id/briefings': {
    expect: { none: by(200, 200, 403, 403) },
    build: (fx) => ({ path: `/api/handovers/${fx.handover.id}/briefings` }),
  },
  'GET /api/members/:id/briefing': {
    expect: scoped(all(200)),
    build: (fx, target) => ({ path: `/api/members/${inOut(fx, target).id}/briefing` }),
  },

  // Dashboards: every role; a rep over their workplaces only.
  'GET /api/dashboards/weekly': {
    expect: { none: all(200) },
    build: () => ({ path: '/api/dashboards/weekly' }),
  },
  'GET /api/dashboards/monthly': {
    expect: { none: all(200) },
    build: () => ({ path: '/api/dashboards/monthly' }),
  },
  'GET /api/dashboards/members': {
    expect: scoped(all(200)),
    build: (fx, target) => ({
      path: `/api/dashboards/members?figure=workplace&workplaceId=${wpInOut(fx, target).id}`,
    }),
  },
  'GET /api/dashboards/at-risk-members': {
    expect: { none: all(200) },
    build: () => ({ path: '/api/dashboards/at-risk-members?month=2026-05' }),
  },
  'POST /api/dashboards/snapshots': {
    expect: { none: adminOnly(200) },
    build: () => ({ path: '/api/dashboards/snapshots', body: { month: '2026-05' } }),
    unaudited: 'monthly snapshots are derived figures, rewritten by the daily sweep',
  },

  // Import: those who write records (admins and officers); saved mappings likewise.
  'GET /api/import/mappings': {
    expect: { none: by(200, 200, 403, 403) },
    build: () => ({ path: '/api/import/mappings' }),
  },
  'POST /api/import/mappings': {
    expect: { none: by(201, 201, 403, 403) },
    build: () => ({
      path: '/api/import/mappings',
      body: { kind: 'members', name: `様式 ${Math.random()}`, columns: { 氏名: 'name' } },
    }),
  },
  'PATCH /api/import/mappings/:id': {
    expect: { none: by(200, 200, 403, 403) },
    build: async () => {
      const m = await savedMapping();
      return {
        path: `/api/import/mappings/${m.id}`,
        body: { name: `改 ${Math.random()}`, version: m.version },
      };
    },
  },
  'DELETE /api/import/mappings/:id': {
    expect: { none: by(204, 204, 403, 403) },
    build: async () => {
      const m = await savedMapping();
      return { path: `/api/import/mappings/${m.id}?version=${m.version}` };
    },
  },
  'POST /api/import/members': {
    expect: { none: by(200, 200, 403, 403) },
    build: (fx) =>
      multipart(
        '/api/import/members',
        `社員番号,氏名,所属職場\r\nM${Math.random()},取込 太郎,${fx.wpA.name}\r\n`,
      ),
  },
  'POST /api/import/workplaces': {
    expect: { none: by(200, 200, 403, 403) },
    build: () => multipart('/api/import/workplaces', `職場名,従業員数\r\n取込職場 ${Math.random()},12\r\n`),
  },
  // Demand links: every role (demands.link); a member outside a rep's workplaces is a row error
  // worded as an unknown member, nothing written (import-demand-links.test.ts).
  'POST /api/import/demand-links': {
    expect: { none: all(200) },
    build: async (fx) => {
      await t.db.execute(
        sql`delete from demand_members where demand_id = ${fx.demand.id} and member_id = ${fx.mA.id}`,
      );
      return multipart('/api/import/demand-links', `ID,要求ID\r\n${fx.mA.id},${fx.demand.id}\r\n`);
    },
  },

  // Surveys (要求アンケート): build, invite, apply — admins and officers; read — every role (a rep's
  // counts are their workplaces'); track (links, slips, who has not answered, paper answers) —
  // admins, officers and reps within their workplaces. The public link routes take only a token
  // (surveys.test.ts, below: "survey tokens").
  'GET /api/surveys': { expect: { none: all(200) }, build: () => ({ path: '/api/surveys' }) },
  'POST /api/surveys': {
    expect: { none: by(201, 201, 403, 403) },
    build: (fx) => ({ path: '/api/surveys', body: surveyBody(fx, false) }),
  },
  'GET /api/surveys/:id': {
    expect: { none: all(200) },
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).identified}` }),
  },
  'PATCH /api/surveys/:id': {
    expect: { none: by(200, 200, 403, 403) },
    build: async (fx) => {
      const id = (await surveysOf(fx)).identified;
      return {
        path: `/api/surveys/${id}`,
        body: { title: `改 ${Math.random()}`, version: await versionOf('surveys', id) },
      };
    },
  },
  'DELETE /api/surveys/:id': {
    expect: { none: by(204, 204, 403, 403) },
    build: async (fx) => {
      const s = await api('POST', '/api/surveys', surveyBody(fx, false));
      return { path: `/api/surveys/${s.id}?version=${s.version}` };
    },
  },
  'POST /api/surveys/:id/invitations': {
    expect: { none: by(200, 200, 403, 403) },
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).identified}/invitations`, body: {} }),
  },
  'GET /api/surveys/:id/invitations': {
    expect: { none: by(200, 200, 403, 200) },
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).identified}/invitations` }),
  },
  'GET /api/surveys/:id/invitations.csv': {
    expect: { none: by(200, 200, 403, 200) },
    unaudited: 'a GET',
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).identified}/invitations.csv` }),
  },
  'POST /api/surveys/:id/invitations/:invitationId/revoke': {
    expect: scoped(by(200, 200, 403, 403)),
    build: async (fx, target) => {
      const s = await surveysOf(fx);
      return {
        path: `/api/surveys/${s.identified}/invitations/${s.invitation[target === 'out' ? 'B' : 'A']}/revoke`,
      };
    },
  },
  'POST /api/surveys/:id/invitations/:invitationId/reissue': {
    expect: scoped(by(200, 200, 403, 403)),
    build: async (fx, target) => {
      const s = await surveysOf(fx);
      return {
        path: `/api/surveys/${s.identified}/invitations/${s.invitation[target === 'out' ? 'B' : 'A']}/reissue`,
      };
    },
  },
  'GET /api/surveys/:id/progress': {
    expect: { none: all(200) },
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).anonymous}/progress` }),
  },
  'GET /api/surveys/:id/nonrespondents': {
    expect: { none: by(200, 200, 403, 200) },
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).anonymous}/nonrespondents` }),
  },
  // What a member answered: identified surveys only (anonymous: 403 for every role, surveys.test.ts).
  'GET /api/surveys/:id/members/:memberId/answer': {
    expect: scoped(by(200, 200, 403, 200)),
    build: async (fx, target) => ({
      path: `/api/surveys/${(await surveysOf(fx)).identified}/members/${inOut(fx, target).id}/answer`,
    }),
  },
  'PUT /api/surveys/:id/members/:memberId/answer': {
    expect: scoped(by(200, 200, 403, 200)),
    build: async (fx, target) => ({
      path: `/api/surveys/${(await surveysOf(fx)).identified}/members/${inOut(fx, target).id}/answer`,
      body: { demandIds: [fx.demand.id] },
    }),
  },
  'POST /api/surveys/:id/apply': {
    expect: { none: by(200, 200, 403, 403) },
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).identified}/apply` }),
  },
  // Results: organization-wide aggregates for surveys.read (admins, officers, executives; not reps);
  // free text for surveys.write (identified: the members in scope; survey-results.test.ts).
  // The identified survey: an open anonymous one withholds its figures (409 results_withheld).
  'GET /api/surveys/:id/results': {
    expect: { none: by(200, 200, 200, 403) },
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).identified}/results` }),
  },
  'GET /api/surveys/:id/results.csv': {
    expect: { none: by(200, 200, 200, 403) },
    unaudited: 'a GET',
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).identified}/results.csv` }),
  },
  'GET /api/surveys/:id/results.xlsx': {
    expect: { none: by(200, 200, 200, 403) },
    unaudited: 'a GET',
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).identified}/results.xlsx` }),
  },
  'GET /api/surveys/:id/free-text': {
    expect: { none: by(200, 200, 403, 403) },
    build: async (fx) => ({ path: `/api/surveys/${(await surveysOf(fx)).identified}/free-text` }),
  },
  'GET /api/demands/:id/survey-support': {
    expect: { none: by(200, 200, 200, 403) },
    build: (fx) => ({ path: `/api/demands/${fx.demand.id}/survey-support` }),
  },
  'GET /api/public/surveys/:token': {
    public: true,
    expect: {},
    build: () => ({ path: '/api/public/surveys/x' }),
  },
  'PUT /api/public/surveys/:token/answer': {
    public: true,
    expect: {},
    build: () => ({ path: '/api/public/surveys/x/answer' }),
  },
};

function surveyBody(fx: Fixture, anonymous: boolean) {
  return {
    title: `アンケート ${Math.random()}`,
    anonymous,
    demandIds: [fx.demand.id],
    freeText: true,
    closesOn: '2026-12-31',
  };
}

/** An identified and an anonymous survey, every member invited (made once, on first use). */
let surveyFixture: Promise<{ identified: string; anonymous: string; invitation: { A: string; B: string } }>;
function surveysOf(fx: Fixture) {
  surveyFixture ??= (async () => {
    const identified = await api('POST', '/api/surveys', surveyBody(fx, false));
    const anonymous = await api('POST', '/api/surveys', surveyBody(fx, true));
    for (const s of [identified, anonymous]) await api('POST', `/api/surveys/${s.id}/invitations`, {});
    const invitationOf = async (memberId: string) =>
      rowsOf<{ id: string }>(
        await t.db.execute(
          sql`select id from survey_invitations where survey_id = ${identified.id} and member_id = ${memberId}`,
        ),
      )[0]!.id;
    return {
      identified: identified.id as string,
      anonymous: anonymous.id as string,
      invitation: { A: await invitationOf(fx.mA.id), B: await invitationOf(fx.mB.id) },
    };
  })();
  return surveyFixture;
}

async function savedMapping(): Promise<{ id: string; version: number }> {
  return api('POST', '/api/import/mappings', {
    kind: 'members',
    name: `様式 ${Math.random()}`,
    columns: { 氏名: 'name' },
  });
}

/** A multipart upload (a CSV file) that applies the import: dryRun=false, so an allowed one writes. */
function multipart(path: string, csv: string): Built {
  const boundary = `----kumiai${Math.random().toString(36).slice(2)}`;
  const part = (headers: string, value: string) => `--${boundary}\r\n${headers}\r\n\r\n${value}\r\n`;
  const body =
    part(
      'Content-Disposition: form-data; name="file"; filename="roster.csv"\r\nContent-Type: text/csv',
      csv,
    ) +
    part('Content-Disposition: form-data; name="dryRun"', 'false') +
    `--${boundary}--\r\n`;
  return { path, body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function emailOf(userId: string) {
  const rows = rowsOf<{ email: string }>(
    await t.db.execute(sql`select email from users where id = ${userId}`),
  );
  return rows[0]!.email;
}

/** A fresh member text field for a custom-field route (each request gets its own). */
async function matrixCustomField(): Promise<{ id: string }> {
  return api('POST', '/api/custom-fields', {
    entity: 'member',
    key: `m${Math.random().toString(36).slice(2, 10)}`,
    labelJa: '項目',
    labelEn: 'Field',
    type: 'text',
  });
}

async function ruleVersion(id: string): Promise<number> {
  const rules = await api('GET', '/api/workflow-rules');
  return rules.items.find((r: { id: string }) => r.id === id).version;
}

/** The authenticator code for `secret` at the matrix's fixed clock. */
function totpCodeAtNow(secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: NOW.getTime(),
  });
}

function cookieOf(fx: Fixture, role: Role) {
  return role === 'admin' ? adminCookie : fx.users[role].cookie;
}

// ------------------------------------------------------------------ database state

/** Tables whose content a denied request must leave exactly as it was. */
const TABLES = [
  'members',
  'member_notes',
  'member_cases',
  'engagement_history',
  'workplaces',
  'workplace_meetings',
  'atmosphere_history',
  'demands',
  'demand_members',
  'demand_notes',
  'bargaining_seasons',
  'tasks',
  'users',
  'user_workplaces',
  'settings',
  'workflow_rules',
  'api_tokens',
  'monthly_snapshots',
  'handovers',
  'handover_members',
  'import_mappings',
  'member_merges',
  'surveys',
  'survey_demands',
  'survey_invitations',
  'survey_responses',
  'survey_response_demands',
  'saved_views',
  'custom_fields',
  'calendar_feeds',
  'meeting_attendees',
];

async function snapshot(): Promise<Record<string, string>> {
  const parts = TABLES.map(
    (name) =>
      sql`select ${name} as name, count(*)::int as n, coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from ${sql.identifier(name)} x`,
  );
  const rows = rowsOf<{ name: string; n: number; h: string }>(
    await t.db.execute(sql.join(parts, sql` union all `)),
  );
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.h}`]));
}

async function maxAuditId(): Promise<number> {
  const rows = rowsOf<{ id: number | null }>(await t.db.execute(sql`select max(id) as id from audit_log`));
  return Number(rows[0]!.id ?? 0);
}

async function auditedSince(id: number, actorId: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await t.db.execute(
      sql`select count(*)::int as n from audit_log where id > ${id} and actor_id = ${actorId}`,
    ),
  );
  return Number(rows[0]!.n);
}

// ------------------------------------------------------------------ the test

let fx: Fixture;
let adminCookie = '';

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  adminCookie = await t.signIn('admin@example.org');
  fx = await buildFixture();
});
afterAll(async () => {
  await t?.close();
});

function servedRoutes(): string[] {
  const seen = new Set<string>();
  for (const r of t.app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api')) continue;
    seen.add(`${r.method} ${r.path}`);
  }
  return [...seen].sort();
}

describe('authorization matrix', () => {
  it('has an entry for every route the app serves, and none for a route it does not', () => {
    const served = servedRoutes();
    expect(
      served.filter((r) => !MATRIX[r]),
      'routes without a matrix entry',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((r) => !served.includes(r)),
      'matrix entries for routes the app does not serve',
    ).toEqual([]);
  });

  it('answers every route × role × target as the matrix says; denials change nothing; allowed writes are audited', async () => {
    const failures: string[] = [];
    for (const key of servedRoutes()) {
      const entry = MATRIX[key];
      if (!entry || entry.public) continue;
      const [method] = key.split(' ') as [string];
      for (const [target, expected] of Object.entries(entry.expect)) {
        for (const role of STAFF_ROLES) {
          const built = await entry.build(fx, target, role);
          const before = await snapshot();
          const auditFrom = await maxAuditId();
          const res = await t.as(built.cookie ?? cookieOf(fx, role))(
            method,
            built.path,
            built.body,
            built.headers,
          );
          const cell = `${key} [${target}] as ${role}`;
          if (res.status !== expected[role]) {
            failures.push(`${cell}: expected ${expected[role]}, got ${res.status} ${res.text.slice(0, 160)}`);
            continue;
          }
          if (res.status >= 400) {
            expect(res.body?.error?.code, cell).toBe(res.status === 403 ? 'forbidden' : 'not_found');
            const after = await snapshot();
            for (const table of TABLES) {
              if (after[table] !== before[table]) failures.push(`${cell}: denied but changed ${table}`);
            }
          } else if (method !== 'GET' && !entry.unaudited) {
            if ((await auditedSince(auditFrom, built.actorId ?? fx.users[role].id)) === 0) {
              failures.push(`${cell}: allowed write left no audit row attributed to the ${role}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});

describe('survey tokens', () => {
  it('answer only for their own member and survey; staff routes refuse them (401), whatever the route', async () => {
    const s = await surveysOf(fx);
    const linkOf = async (surveyId: string, memberId: string) => {
      const res = await t.api('GET', `/api/surveys/${surveyId}/invitations?limit=500`);
      const found = res.body.items.find((i: { memberId: string }) => i.memberId === memberId);
      return (found.link as string).split('/s/')[1]!;
    };
    // The matrix above revoked and re-issued these links: live ones again.
    const live = async (invitationId: string) => {
      const res = await t.api('POST', `/api/surveys/${s.identified}/invitations/${invitationId}/reissue`);
      return (res.body.link as string).split('/s/')[1]!;
    };
    const tokenA = await live(s.invitation.A);
    const tokenB = await live(s.invitation.B);
    // Every staff survey route, with a survey token as the Bearer token: 401, nothing read.
    const staff = servedRoutes().filter((r) => r.includes('/surveys') && !r.includes('/public/'));
    expect(staff.length).toBeGreaterThan(10);
    for (const route of staff) {
      const [method, template] = route.split(' ') as [string, string];
      const path = template
        .replace(':id', s.identified)
        .replace(':memberId', fx.mA.id)
        .replace(':invitationId', s.invitation.A);
      const res = await t.raw(method, path, method === 'GET' ? undefined : {}, {
        authorization: `Bearer ${tokenA}`,
      });
      expect(res.status, route).toBe(401);
    }
    // The public page shows its own survey and nothing of another member; an answer through it
    // changes that member's answer only.
    const page = await t.raw('GET', `/api/public/surveys/${tokenA}`);
    expect(page.status).toBe(200);
    const text = await page.text();
    for (const other of [fx.mA.name, fx.mB.name, fx.mB.id, fx.mA.id, s.anonymous])
      expect(text).not.toContain(other);
    const before = rowsOf<{ member_id: string }>(
      await t.db.execute(
        sql`select member_id from survey_responses where survey_id = ${s.identified} order by member_id`,
      ),
    );
    const put = await t.raw('PUT', `/api/public/surveys/${tokenB}/answer`, { demandIds: [fx.demand.id] });
    expect(put.status).toBe(200);
    const after = rowsOf<{ member_id: string }>(
      await t.db.execute(
        sql`select member_id from survey_responses where survey_id = ${s.identified} order by member_id`,
      ),
    );
    expect(new Set(after.map((r) => r.member_id))).toEqual(
      new Set([...before.map((r) => r.member_id), fx.mB.id]),
    );
    // A token is for one survey: the same member's link to the other survey is another token, and
    // a token changed by one character, in case or length is a 404 (revoked links: surveys.test.ts).
    expect(await linkOf(s.anonymous, fx.mA.id)).not.toBe(tokenA);
    const changed = `${tokenA.slice(0, -1)}${tokenA.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [changed, tokenA.toLowerCase(), `${tokenA}A`]) {
      expect((await t.raw('GET', `/api/public/surveys/${token}`)).status, token).toBe(404);
    }
  });
});
