import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createUser } from '../../services/users/create-user';

let t: TestApp;
type Staff = { id: string; displayName: string; role: string };
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-04-01T01:00:00Z') });
  // Names in a mixed order: the list is in code-point order (Latin first, then kanji by code point).
  const people = [
    ['officer', '佐藤 健一', 'sato@example.org'],
    ['executive', '加藤 一郎', 'kato@example.org'],
    ['rep', '山本 花子', 'yamamoto@example.org'],
    ['officer', 'Brown Anne', 'brown@example.org'],
  ] as const;
  for (const [role, displayName, email] of people) {
    const user = await createUser(t.db, {
      email,
      displayName,
      role,
      password: 'correct horse battery',
      workplaceIds: [],
    });
    ids[displayName] = user.id;
    cookies[role] ??= await t.signIn(email);
  }
  // A departing officer, disabled (keeps the portfolio until handed over).
  const leaving = await createUser(t.db, {
    email: 'leaving@example.org',
    displayName: '伊藤 明',
    role: 'officer',
    password: 'correct horse battery',
    workplaceIds: [],
  });
  ids['伊藤 明'] = leaving.id;
  const read = await t.api('GET', `/api/users/${leaving.id}`);
  const disabled = await t.api('PATCH', `/api/users/${leaving.id}`, {
    disabled: true,
    version: read.body.version,
  });
  expect(disabled.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

const names = (items: Staff[]) => items.map((u) => u.displayName);

describe('GET /api/staff', () => {
  it('lists enabled staff to every role: id, name and role only, in name order', async () => {
    for (const role of ['admin', 'officer', 'executive', 'rep'] as const) {
      const res =
        role === 'admin' ? await t.api('GET', '/api/staff') : await t.as(cookies[role]!)('GET', '/api/staff');
      expect(res.status, role).toBe(200);
      expect(names(res.body.items)).toEqual([
        'Brown Anne',
        'admin user',
        '佐藤 健一',
        '加藤 一郎',
        '山本 花子',
      ]);
      expect(res.body.total).toBe(5);
      for (const item of res.body.items) {
        expect(Object.keys(item).sort()).toEqual(['displayName', 'id', 'role']);
      }
      // No email or password hash anywhere in the answer.
      expect(res.text).not.toMatch(/@example\.org|scrypt|password|email|workplaceIds/);
    }
    const res = await t.api('GET', '/api/staff');
    expect(res.body.items.find((u: Staff) => u.id === ids['加藤 一郎'])).toEqual({
      id: ids['加藤 一郎'],
      displayName: '加藤 一郎',
      role: 'executive',
    });
  });

  it('leaves disabled accounts out unless includeDisabled=true (admins and officers)', async () => {
    const enabled = await t.as(cookies.officer!)('GET', '/api/staff?includeDisabled=false');
    expect(enabled.status).toBe(200);
    expect(names(enabled.body.items)).not.toContain('伊藤 明');

    for (const cookie of [undefined, cookies.officer!]) {
      const res = cookie
        ? await t.as(cookie)('GET', '/api/staff?includeDisabled=true')
        : await t.api('GET', '/api/staff?includeDisabled=true');
      expect(res.status).toBe(200);
      expect(names(res.body.items)).toEqual([
        'Brown Anne',
        'admin user',
        '伊藤 明',
        '佐藤 健一',
        '加藤 一郎',
        '山本 花子',
      ]);
      expect(res.body.total).toBe(6);
      expect(res.text).not.toMatch(/@example\.org|email|disabled/);
    }
  });

  it('answers 403 to includeDisabled without the handover permission (executives, reps)', async () => {
    for (const role of ['executive', 'rep'] as const) {
      const res = await t.as(cookies[role]!)('GET', '/api/staff?includeDisabled=true');
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it('pages like other lists and rejects bad input with field messages', async () => {
    const first = await t.api('GET', '/api/staff?limit=2');
    expect(names(first.body.items)).toEqual(['Brown Anne', 'admin user']);
    expect(first.body.total).toBe(5);
    expect(first.body.nextCursor).toBeTypeOf('string');
    const next = await t.api('GET', `/api/staff?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(names(next.body.items)).toEqual(['佐藤 健一', '加藤 一郎']);
    const last = await t.api('GET', '/api/staff?limit=2&offset=4');
    expect(names(last.body.items)).toEqual(['山本 花子']);
    expect(last.body.nextCursor).toBeUndefined();

    const bad = await t.api('GET', '/api/staff?limit=501&includeDisabled=yes');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['includeDisabled', 'limit']);
    expect((await t.api('GET', '/api/staff?cursor=forged')).status).toBe(400);
  });

  it('canOwnIn lists who may own a record of that workplace: reps only where they cover it', async () => {
    const created = await t.api('POST', '/api/workplaces', { name: '第二製造課' });
    const other = await t.api('POST', '/api/workplaces', { name: '物流センター' });
    const rep = await t.api('GET', `/api/users/${ids['山本 花子']}`);
    const covered = await t.api('PATCH', `/api/users/${rep.body.id}`, {
      workplaceIds: [created.body.id],
      version: rep.body.version,
    });
    expect(covered.status).toBe(200);
    const everyoneButReps = ['Brown Anne', 'admin user', '佐藤 健一', '加藤 一郎'];

    const inCovered = await t.api('GET', `/api/staff?canOwnIn=${created.body.id}`);
    expect(names(inCovered.body.items)).toEqual([...everyoneButReps, '山本 花子']);
    expect(inCovered.body.total).toBe(5);
    const inOther = await t.api('GET', `/api/staff?canOwnIn=${other.body.id}`);
    expect(names(inOther.body.items)).toEqual(everyoneButReps);
    expect(inOther.body.total).toBe(4);
    expect(names((await t.api('GET', '/api/staff?canOwnIn=none')).body.items)).toEqual(everyoneButReps);

    // What the list offers is what the owner rule accepts.
    const member = await t.api('POST', '/api/members', {
      name: '候補 一郎',
      workplaceId: other.body.id,
      ownerId: ids['山本 花子'],
    });
    expect(member.status).toBe(400);
    expect(member.body.error.fields).toHaveProperty('ownerId');

    const bad = await t.api('GET', '/api/staff?canOwnIn=somewhere');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ canOwnIn: 'must be a valid id' });
  });

  it('needs a signed-in user', async () => {
    const res = await t.raw('GET', '/api/staff');
    expect(res.status).toBe(401);
  });
});
