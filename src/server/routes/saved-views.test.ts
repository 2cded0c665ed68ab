import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditLog, customFields, savedViews } from '../../db/schema';

let t: TestApp;
let officer: Awaited<ReturnType<TestApp['addUser']>>;
let rep: Awaited<ReturnType<TestApp['addUser']>>;
let otherRep: Awaited<ReturnType<TestApp['addUser']>>;
beforeAll(async () => {
  t = await createTestApp();
  officer = await t.addUser('officer');
  rep = await t.addUser('rep');
  otherRep = await t.addUser('rep');
});
afterAll(async () => {
  await t?.close();
});

const as = (u: { cookie: string }) => t.as(u.cookie);
const names = (body: { items: { name: string }[] }) => body.items.map((v) => v.name);

describe('saved views API', () => {
  it('saves, lists (own + shared with the role), renames with a version, and deletes; audited', async () => {
    const created = await as(officer)('POST', '/api/saved-views', {
      name: ' 要注意の組合員 ',
      list: 'members',
      state: { params: { engagement: 'at_risk', sort: '-joinedOn', offset: '50', cursor: 'x', page: '2' } },
      sharedRoles: ['rep', 'rep'],
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name: '要注意の組合員',
      list: 'members',
      state: { params: { engagement: 'at_risk', sort: '-joinedOn' } },
      sharedRoles: ['rep'],
      ownerId: officer.user.id,
      ownerName: 'officer user',
      mine: true,
      version: 1,
      missingFields: [],
    });
    const priv = await as(officer)('POST', '/api/saved-views', {
      name: '自分だけ',
      list: 'tasks',
      state: { params: { mine: '1' } },
    });
    expect(priv.status).toBe(201);

    // The rep sees the shared one (not theirs), not the private one.
    const repList = await as(rep)('GET', '/api/saved-views');
    expect(repList.status).toBe(200);
    expect(names(repList.body)).toEqual(['要注意の組合員']);
    expect(repList.body.items[0]).toMatchObject({ mine: false, ownerName: 'officer user' });
    expect(repList.text).not.toContain('自分だけ');
    // by list
    expect(names((await as(officer)('GET', '/api/saved-views?list=tasks')).body)).toEqual(['自分だけ']);
    expect((await as(officer)('GET', '/api/saved-views?list=nope')).status).toBe(400);

    // Only the owner changes it: 403 for the rep who sees it, 404 for a private view.
    const patchAsRep = await as(rep)('PATCH', `/api/saved-views/${created.body.id}`, {
      version: 1,
      name: 'x',
    });
    expect(patchAsRep.status).toBe(403);
    expect(
      (await as(rep)('PATCH', `/api/saved-views/${priv.body.id}`, { version: 1, name: 'x' })).status,
    ).toBe(404);
    expect((await as(rep)('DELETE', `/api/saved-views/${priv.body.id}?version=1`)).status).toBe(404);

    const renamed = await as(officer)('PATCH', `/api/saved-views/${created.body.id}`, {
      version: 1,
      name: '要注意（更新）',
      state: { params: { engagement: 'at_risk' } },
      sharedRoles: ['officer'],
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ version: 2, name: '要注意（更新）', sharedRoles: ['officer'] });
    // A stale version writes nothing.
    const stale = await as(officer)('PATCH', `/api/saved-views/${created.body.id}`, {
      version: 1,
      name: 'y',
    });
    expect(stale.status).toBe(409);
    // No longer shared with reps: invisible to them.
    expect(names((await as(rep)('GET', '/api/saved-views')).body)).toEqual([]);

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.recordId, created.body.id));
    expect(audit.map((a) => a.action)).toEqual(['insert', 'denied', 'update']);

    expect((await as(officer)('DELETE', `/api/saved-views/${created.body.id}?version=1`)).status).toBe(409);
    expect((await as(officer)('DELETE', `/api/saved-views/${created.body.id}?version=2`)).status).toBe(204);
    expect(await t.db.select().from(savedViews).where(eq(savedViews.id, created.body.id))).toEqual([]);
  });

  it('admins see and may delete shared views, not change them; never see private ones', async () => {
    const shared = await as(otherRep)('POST', '/api/saved-views', {
      name: '職場の要注意',
      list: 'members',
      state: { params: {} },
      sharedRoles: ['rep'],
    });
    const priv = await as(otherRep)('POST', '/api/saved-views', {
      name: '非公開',
      list: 'members',
      state: { params: {} },
    });
    const list = await t.api('GET', '/api/saved-views');
    expect(names(list.body)).toContain('職場の要注意');
    expect(list.text).not.toContain('非公開');
    expect(
      (await t.api('PATCH', `/api/saved-views/${shared.body.id}`, { version: 1, name: 'x' })).status,
    ).toBe(403);
    expect((await t.api('DELETE', `/api/saved-views/${priv.body.id}?version=1`)).status).toBe(404);
    expect((await t.api('DELETE', `/api/saved-views/${shared.body.id}?version=1`)).status).toBe(204);
  });

  it('names the custom fields a view uses that were deleted or archived', async () => {
    await t.db.insert(customFields).values([
      { entity: 'member', key: 'shift', labelJa: 'シフト', labelEn: 'Shift', type: 'choice' },
      { entity: 'member', key: 'old', labelJa: '旧', labelEn: 'Old', type: 'text', archivedAt: new Date() },
      { entity: 'workplace', key: 'zone', labelJa: '地区', labelEn: 'Zone', type: 'text' },
    ]);
    const view = await t.api('POST', '/api/saved-views', {
      name: '項目つき',
      list: 'members',
      state: { params: { 'cf.shift': 'night', 'cf.old': 'x', columns: 'name,cf.gone,cf.shift,cf.zone' } },
    });
    expect(view.status, view.text).toBe(201);
    expect(view.body.missingFields.sort()).toEqual(['gone', 'old', 'zone']);
    const tasks = await t.api('POST', '/api/saved-views', {
      name: 'タスク',
      list: 'tasks',
      state: { params: { 'cf.shift': 'night' } },
    });
    expect(tasks.body.missingFields).toEqual(['shift']);
  });

  it('refuses bad input with field messages, writing nothing', async () => {
    const before = await t.db.select().from(savedViews);
    const bad = [
      { name: '', list: 'members', state: { params: {} } },
      { name: 'a', list: 'cases', state: { params: {} } },
      { name: 'a', list: 'members', state: { params: { q: 1 } } },
      { name: 'a', list: 'members', state: { params: {}, extra: 1 } },
      { name: 'a', list: 'members', state: [] },
      { name: 'a', list: 'members', state: { params: { 'bad name': 'x' } } },
      { name: 'a', list: 'members', state: { params: { q: 'x'.repeat(2001) } } },
      {
        name: 'a',
        list: 'members',
        state: { params: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`p${i}`, 'v'])) },
      },
      { name: 'a\u0000', list: 'members', state: { params: {} } },
      { name: 'a', list: 'members', state: { params: { q: '\ud800' } } },
      { name: 'a', list: 'members', state: { params: {} }, sharedRoles: ['root'] },
      { name: 'a', list: 'members', state: { params: {} }, ownerId: t.admin.id },
    ];
    for (const body of bad) {
      const res = await t.api('POST', '/api/saved-views', body);
      expect(res.status, JSON.stringify(body).slice(0, 100)).toBe(400);
      expect(res.body.error.fields).toBeTruthy();
    }
    expect(await t.db.select().from(savedViews)).toEqual(before);
  });
});
