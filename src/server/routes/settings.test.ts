import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
const NOW = new Date('2026-04-01T00:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
});
afterAll(async () => {
  await t?.close();
});

const settings = async () => (await t.api('GET', '/api/settings')).body;

describe('settings API', () => {
  it('shows the defaults: Asia/Tokyo, milestones 5, 10 and 20, no shunto date', async () => {
    const res = await t.api('GET', '/api/settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      organizationName: '労働組合',
      timezone: 'Asia/Tokyo',
      shuntoStartOn: null,
      milestoneYears: [5, 10, 20],
      secretaryGeneralUserId: null,
      secretaryGeneralName: null,
      version: 1,
      updatedAt: expect.any(String),
      lastBackup: null,
    });
  });

  it('shows the last scheduled backup (issue 20)', async () => {
    await t.db.execute(sql`insert into backup_runs (slot, started_at, finished_at, file, bytes, rows, verified, error)
      values ('2026-06-09', '2026-06-08T18:00:00Z', '2026-06-08T18:00:05Z', 'kumiai-2026-06-08T180000Z.kumiai.gz', 4096, 120, true, null),
             ('2026-06-10', '2026-06-09T18:00:00Z', '2026-06-09T18:00:04Z', null, null, null, false, 'Cannot write /backups/x: EACCES')`);
    const res = await t.api('GET', '/api/settings');
    expect(res.body.lastBackup).toEqual({
      startedAt: '2026-06-09T18:00:00.000Z',
      finishedAt: '2026-06-09T18:00:04.000Z',
      file: null,
      bytes: null,
      rows: null,
      verified: false,
      error: 'Cannot write /backups/x: EACCES',
    });
    await t.db.execute(sql`delete from backup_runs`);
  });

  it('round-trips a change, canonicalizes the zone and sorts the milestone years', async () => {
    const before = await settings();
    const res = await t.api('PATCH', '/api/settings', {
      organizationName: '  ○○産業労働組合  ',
      timezone: 'asia/tokyo',
      shuntoStartOn: '2027-03-01',
      milestoneYears: [20, 5, 10, 30],
      secretaryGeneralUserId: t.admin.id,
      version: before.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      organizationName: '○○産業労働組合',
      timezone: 'Asia/Tokyo',
      shuntoStartOn: '2027-03-01',
      milestoneYears: [5, 10, 20, 30],
      secretaryGeneralUserId: t.admin.id,
      secretaryGeneralName: t.admin.displayName,
      version: before.version + 1,
      updatedAt: NOW.toISOString(),
      lastBackup: null,
    });
    expect(await settings()).toEqual(res.body);

    const cleared = await t.api('PATCH', '/api/settings', {
      shuntoStartOn: null,
      secretaryGeneralUserId: null,
      version: res.body.version,
    });
    expect(cleared.body).toMatchObject({
      shuntoStartOn: null,
      secretaryGeneralUserId: null,
      milestoneYears: [5, 10, 20, 30],
    });
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ timezone: '' }, 'timezone'],
    [{ shuntoStartOn: '2027-02-30' }, 'shuntoStartOn'],
    [{ milestoneYears: [5, 5] }, 'milestoneYears'],
    [{ milestoneYears: [0, 10] }, 'milestoneYears.0'],
    [{ milestoneYears: [-5] }, 'milestoneYears.0'],
    [{ milestoneYears: [2.5] }, 'milestoneYears.0'],
    [{ milestoneYears: [] }, 'milestoneYears'],
    [{ milestoneYears: '5,10' }, 'milestoneYears'],
    [{ organizationName: '' }, 'organizationName'],
    [{ secretaryGeneralUserId: 'nobody' }, 'secretaryGeneralUserId'],
    [{ secretaryGeneralUserId: '00000000-0000-4000-8000-000000000000' }, 'secretaryGeneralUserId'],
    [{ workflowRules: [] }, 'workflowRules'],
  ])('rejects %j with 400 naming %s, and writes nothing', async (patch, field) => {
    const before = await settings();
    const res = await t.api('PATCH', '/api/settings', { ...patch, version: before.version });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields).toHaveProperty([field]);
    expect(await settings()).toEqual(before);
  });

  it('rejects a disabled account as secretary general', async () => {
    const { user } = await t.addUser('officer');
    expect(
      (await t.api('PATCH', `/api/users/${user.id}`, { disabled: true, version: user.version })).status,
    ).toBe(200);
    const before = await settings();
    const res = await t.api('PATCH', '/api/settings', {
      secretaryGeneralUserId: user.id,
      version: before.version,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ secretaryGeneralUserId: 'is a disabled account' });
    expect(await settings()).toEqual(before);
  });

  it('answers 409 for a stale version and changes nothing', async () => {
    const before = await settings();
    const res = await t.api('PATCH', '/api/settings', {
      organizationName: '別名',
      version: before.version - 1,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.fields).toEqual({ version: 'stale' });
    expect(await settings()).toEqual(before);
  });

  it('is for admins only: an officer gets 403 and changes nothing', async () => {
    const officer = await t.addUser('officer');
    const as = t.as(officer.cookie);
    expect((await as('GET', '/api/settings')).status).toBe(403);
    const before = await settings();
    const res = await as('PATCH', '/api/settings', { organizationName: '乗っ取り', version: before.version });
    expect(res.status).toBe(403);
    expect(await settings()).toEqual(before);
    expect((await t.raw('GET', '/api/settings')).status).toBe(401);
  });
});
