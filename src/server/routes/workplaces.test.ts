import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { nonMemberCount, organizationRate } from '../../core/workplaces/rates';
import { tasks } from '../../db/schema';

// A clock that moves one second per reading: createdAt and changedAt are then
// strictly ordered, so "latest" and "oldest first" are deterministic.
let tick = Date.parse('2026-04-01T00:00:00Z');
const clock = () => {
  tick += 1000;
  return new Date(tick);
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: clock });
});
afterAll(async () => {
  await t?.close();
});

let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

async function newWorkplace(body: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/api/workplaces', { name: unique('職場'), ...body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function newMember(workplaceId: string | null, body: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/api/members', { name: unique('組合員'), workplaceId, ...body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function workplaceCount() {
  return (await t.api('GET', '/api/workplaces?limit=1')).body.total as number;
}

async function history(id: string) {
  const res = await t.api('GET', `/api/workplaces/${id}/atmosphere-history`);
  expect(res.status).toBe(200);
  return res.body.items as Array<Record<string, unknown>>;
}

describe('workplaces: fields', () => {
  it('round-trips every field and names the rep and the owner', async () => {
    const rep = await newMember(null, { name: '佐藤 花子' });
    const body = {
      name: '第一製造部',
      establishment: '川崎工場',
      employeeCount: 120,
      repMemberId: rep.id,
      ownerId: t.admin.id,
      issues: '夜勤手当の見直し',
      atmosphere: 'active',
      organizingStatus: '派遣社員10名に声かけ中',
    };
    const created = await t.api('POST', '/api/workplaces', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...body,
      version: 1,
      repMemberName: '佐藤 花子',
      ownerName: 'admin user',
      memberCount: 0,
      organizationRate: 0,
      nonMemberCount: 120,
      lastMeetingOn: null,
      lastMeetingParticipationRate: null,
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(created.body.createdAt).toISOString()).toBe(created.body.createdAt);

    const read = await t.api('GET', `/api/workplaces/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const officer = await t.addUser('officer');
    const patch = {
      name: '第一製造部 (新)',
      establishment: '横浜工場',
      employeeCount: 80,
      repMemberId: null,
      ownerId: officer.user.id,
      issues: '',
      atmosphere: 'split_risk',
      organizingStatus: null,
    };
    const updated = await t.api('PATCH', `/api/workplaces/${created.body.id}`, { ...patch, version: 1 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      ...patch,
      issues: null,
      version: 2,
      repMemberName: null,
      ownerName: 'officer user',
    });
    expect((await t.api('GET', `/api/workplaces/${created.body.id}`)).body).toEqual(updated.body);
  });

  it('defaults atmosphere to normal and optional fields to null', async () => {
    const res = await t.api('POST', '/api/workplaces', { name: '  総務課  ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '総務課',
      establishment: null,
      employeeCount: null,
      repMemberId: null,
      ownerId: null,
      issues: null,
      atmosphere: 'normal',
      organizingStatus: null,
      memberCount: 0,
      organizationRate: null,
      nonMemberCount: null,
    });
  });
});

describe('workplaces: reading (よみ)', () => {
  it('stores the reading in full-width katakana, changes it and clears it', async () => {
    const created = await newWorkplace({ nameKana: ' じんじ　そうむぶ ' });
    expect(created.nameKana).toBe('ジンジ ソウムブ');
    expect((await t.api('GET', `/api/workplaces/${created.id}`)).body.nameKana).toBe('ジンジ ソウムブ');

    const halfWidth = await t.api('PATCH', `/api/workplaces/${created.id}`, { nameKana: 'ｼﾞﾝｼﾞﾌﾞ', version: 1 });
    expect(halfWidth.status, halfWidth.text).toBe(200);
    expect(halfWidth.body).toMatchObject({ nameKana: 'ジンジブ', version: 2 });
    // Other fields leave it as it is; a blank clears it.
    const renamed = await t.api('PATCH', `/api/workplaces/${created.id}`, {
      establishment: '本社',
      version: 2,
    });
    expect(renamed.body.nameKana).toBe('ジンジブ');
    const cleared = await t.api('PATCH', `/api/workplaces/${created.id}`, { nameKana: '  ', version: 3 });
    expect(cleared.body.nameKana).toBeNull();
    expect((await newWorkplace()).nameKana).toBeNull();
  });

  it('rejects a reading over 100 characters with the field named, writing nothing', async () => {
    const before = await workplaceCount();
    const res = await t.api('POST', '/api/workplaces', { name: unique('職場'), nameKana: 'あ'.repeat(101) });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('nameKana');
    expect(await workplaceCount()).toBe(before);
  });

  it('sorts 職場名順 by the reading, those without one last, then by the name; searches the reading', async () => {
    const est = 'よみ順テスト事業所';
    for (const [name, nameKana] of [
      ['品質保証課', 'ひんしつほしょうか'],
      ['Aなし職場', null],
      ['人事総務部', 'じんじそうむぶ'],
      ['営業部', 'えいぎょうぶ'],
      ['0なし職場', null],
    ] as const) {
      await newWorkplace({ name, nameKana, establishment: est });
    }
    const list = async (query: string) => {
      const res = await t.api('GET', `/api/workplaces?establishment=${encodeURIComponent(est)}&${query}`);
      expect(res.status, res.text).toBe(200);
      return (res.body.items as Array<{ name: string }>).map((w) => w.name);
    };
    // Code-point order of the names would be 0…, A…, 人事総務部, 品質保証課, 営業部.
    expect(await list('')).toEqual(['営業部', '人事総務部', '品質保証課', '0なし職場', 'Aなし職場']);
    expect(await list('sort=name')).toEqual(await list(''));
    expect(await list('sort=-name')).toEqual([
      'Aなし職場',
      '0なし職場',
      '品質保証課',
      '人事総務部',
      '営業部',
    ]);
    // Paging follows the same order.
    expect(await list('limit=2&offset=1')).toEqual(['人事総務部', '品質保証課']);
    // The reading is searched, typed in hiragana or katakana.
    expect(await list(`q=${encodeURIComponent('じんじ')}`)).toEqual(['人事総務部']);
    expect(await list(`q=${encodeURIComponent('ﾎｼｮｳ')}`)).toEqual(['品質保証課']);
  });
});

describe('workplaces: computed fields', () => {
  it('counts active members that are not organizing targets', async () => {
    const wp = await newWorkplace({ employeeCount: 10 });
    const other = await newWorkplace({ employeeCount: 5 });
    await newMember(wp.id);
    await newMember(wp.id, { unionRole: 'workplace_rep' });
    await newMember(wp.id, { unionRole: 'executive_committee', engagement: 'at_risk' });
    await newMember(wp.id, { status: 'left', leftOn: '2025-03-31' });
    await newMember(wp.id, { unionRole: 'organizing_target' });
    await newMember(other.id);
    await newMember(null);
    const moving = await newMember(other.id);

    let res = await t.api('GET', `/api/workplaces/${wp.id}`);
    expect(res.body).toMatchObject({ memberCount: 3, organizationRate: 0.3, nonMemberCount: 7 });
    expect((await t.api('GET', `/api/workplaces/${other.id}`)).body).toMatchObject({
      memberCount: 2,
      organizationRate: 0.4,
      nonMemberCount: 3,
    });

    // A member moving in counts at once, in the list as in the detail.
    expect(
      (await t.api('PATCH', `/api/members/${moving.id}`, { workplaceId: wp.id, version: 1 })).status,
    ).toBe(200);
    res = await t.api('GET', `/api/workplaces?q=${encodeURIComponent(wp.name)}`);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ memberCount: 4, organizationRate: 0.4, nonMemberCount: 6 });
    expect(typeof res.body.items[0].organizationRate).toBe('number');
  });

  it('reports the real ratio above 1 and never a negative non-member count', async () => {
    const wp = await newWorkplace({ employeeCount: 2 });
    await newMember(wp.id);
    await newMember(wp.id);
    await newMember(wp.id);
    const res = await t.api('GET', `/api/workplaces/${wp.id}`);
    expect(res.body).toMatchObject({ memberCount: 3, organizationRate: 1.5, nonMemberCount: 0 });
  });

  it('has no rate without a head count (0 or null)', async () => {
    const zero = await newWorkplace({ employeeCount: 0 });
    await newMember(zero.id);
    expect((await t.api('GET', `/api/workplaces/${zero.id}`)).body).toMatchObject({
      employeeCount: 0,
      memberCount: 1,
      organizationRate: null,
      nonMemberCount: 0,
    });
    const unknown = await newWorkplace({ employeeCount: null });
    await newMember(unknown.id);
    expect((await t.api('GET', `/api/workplaces/${unknown.id}`)).body).toMatchObject({
      employeeCount: null,
      memberCount: 1,
      organizationRate: null,
      nonMemberCount: null,
    });
  });
});

describe('workplace meetings', () => {
  it('defaults invitedCount to memberCount and tracks the latest meeting', async () => {
    const wp = await newWorkplace({ employeeCount: 20 });
    for (let i = 0; i < 4; i++) await newMember(wp.id);
    await newMember(wp.id, { unionRole: 'organizing_target' });

    const first = await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-03-10',
      title: '春闘職場集会',
      attendeeCount: 3,
      notes: '残業代について意見多数',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      workplaceId: wp.id,
      heldOn: '2026-03-10',
      title: '春闘職場集会',
      attendeeCount: 3,
      invitedCount: 4,
      notes: '残業代について意見多数',
      participationRate: 0.75,
      version: 1,
    });
    // Recorded later but held earlier: not the last meeting.
    const earlier = await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-02-01',
      title: '懇親会',
      attendeeCount: 2,
      invitedCount: 10,
    });
    expect(earlier.status).toBe(201);
    expect(earlier.body).toMatchObject({ invitedCount: 10, participationRate: 0.2, notes: null });

    let wpRead = await t.api('GET', `/api/workplaces/${wp.id}`);
    expect(wpRead.body).toMatchObject({ lastMeetingOn: '2026-03-10', lastMeetingParticipationRate: 0.75 });

    // Same day, recorded later: the later record is the last meeting.
    const sameDay = await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-03-10',
      title: '二次会',
      attendeeCount: 0,
      invitedCount: 0,
    });
    expect(sameDay.body).toMatchObject({ invitedCount: 0, participationRate: null });
    wpRead = await t.api('GET', `/api/workplaces/${wp.id}`);
    expect(wpRead.body).toMatchObject({ lastMeetingOn: '2026-03-10', lastMeetingParticipationRate: null });
    const listed = await t.api('GET', `/api/workplaces?q=${encodeURIComponent(wp.name)}`);
    expect(listed.body.items[0]).toMatchObject({
      lastMeetingOn: '2026-03-10',
      lastMeetingParticipationRate: null,
    });

    const list = await t.api('GET', `/api/workplaces/${wp.id}/meetings`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((m: { title: string }) => m.title)).toEqual([
      '二次会',
      '春闘職場集会',
      '懇親会',
    ]);
    const paged = await t.api('GET', `/api/workplaces/${wp.id}/meetings?limit=2`);
    expect(paged.body.items).toHaveLength(2);
    const rest = await t.api(
      'GET',
      `/api/workplaces/${wp.id}/meetings?limit=2&cursor=${paged.body.nextCursor}`,
    );
    expect(rest.body.items.map((m: { title: string }) => m.title)).toEqual(['懇親会']);
    expect(rest.body.nextCursor).toBeUndefined();

    // Deleting the latest meeting brings the previous one back.
    expect(
      (await t.api('DELETE', `/api/workplaces/${wp.id}/meetings/${sameDay.body.id}?version=1`)).status,
    ).toBe(204);
    expect((await t.api('GET', `/api/workplaces/${wp.id}`)).body).toMatchObject({
      lastMeetingOn: '2026-03-10',
      lastMeetingParticipationRate: 0.75,
    });
  });

  it('updates a meeting with its version and checks the counts', async () => {
    const wp = await newWorkplace();
    const m = (
      await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
        heldOn: '2026-01-15',
        title: '職場集会',
        attendeeCount: 5,
        invitedCount: 8,
      })
    ).body;
    const path = `/api/workplaces/${wp.id}/meetings/${m.id}`;

    let res = await t.api('PATCH', path, { attendeeCount: 9, version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ attendeeCount: expect.stringContaining('invitedCount') });

    res = await t.api('PATCH', path, {
      attendeeCount: 9,
      invitedCount: 12,
      title: '臨時集会',
      notes: 'メモ',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      attendeeCount: 9,
      invitedCount: 12,
      title: '臨時集会',
      notes: 'メモ',
      version: 2,
    });
    expect(res.body.participationRate).toBe(0.75);

    res = await t.api('PATCH', path, { title: '古い版', version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.fields).toEqual({ version: 'stale' });

    res = await t.api('DELETE', `${path}?version=1`);
    expect(res.status).toBe(409);

    const list = await t.api('GET', `/api/workplaces/${wp.id}/meetings`);
    expect(list.body.items).toEqual([expect.objectContaining({ title: '臨時集会', version: 2 })]);

    // The meeting is addressed through its own workplace only.
    const other = await newWorkplace();
    expect(
      (await t.api('PATCH', `/api/workplaces/${other.id}/meetings/${m.id}`, { version: 2 })).status,
    ).toBe(404);
    expect((await t.api('DELETE', `/api/workplaces/${other.id}/meetings/${m.id}?version=2`)).status).toBe(
      404,
    );

    expect((await t.api('DELETE', `${path}?version=2`)).status).toBe(204);
    expect((await t.api('GET', `/api/workplaces/${wp.id}/meetings`)).body.total).toBe(0);
    expect((await t.api('PATCH', path, { version: 2 })).status).toBe(404);
  });

  it('rejects bad meetings and writes nothing', async () => {
    const wp = await newWorkplace();
    await newMember(wp.id);
    await newMember(wp.id);
    const path = `/api/workplaces/${wp.id}/meetings`;
    const valid = { heldOn: '2026-04-01', title: '集会', attendeeCount: 1 };
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ ...valid, attendeeCount: 3, invitedCount: 2 }, ['attendeeCount']],
      // Without invitedCount, the 2 members are the invited ones.
      [{ ...valid, attendeeCount: 3 }, ['attendeeCount']],
      [{ ...valid, attendeeCount: -1 }, ['attendeeCount']],
      [{ ...valid, attendeeCount: 1.5 }, ['attendeeCount']],
      [{ ...valid, invitedCount: 'many' }, ['invitedCount']],
      [{ ...valid, heldOn: '2026-02-30' }, ['heldOn']],
      [{ ...valid, heldOn: undefined }, ['heldOn']],
      [{ ...valid, title: '' }, ['title']],
      [{ ...valid, title: 'x'.repeat(201) }, ['title']],
      [{ ...valid, venue: '会議室' }, ['venue']],
    ];
    for (const [body, fields] of cases) {
      const res = await t.api('POST', path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields)).toEqual(fields);
    }
    expect((await t.api('POST', path, '{"heldOn":')).status).toBe(400);
    expect((await t.api('GET', path)).body.total).toBe(0);
    expect((await t.api('GET', `/api/workplaces/${wp.id}`)).body.lastMeetingOn).toBeNull();
  });

  it('answers 404 for the meetings of an unknown workplace', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await t.api('GET', `/api/workplaces/${missing}/meetings`)).status).toBe(404);
    const res = await t.api('POST', `/api/workplaces/${missing}/meetings`, {
      heldOn: '2026-04-01',
      title: '集会',
      attendeeCount: 0,
      invitedCount: 0,
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('workplace atmosphere history', () => {
  it('records the initial atmosphere and each real change, oldest first', async () => {
    const wp = await newWorkplace({ atmosphere: 'indifferent', atmosphereReason: '集会への参加が少ない' });
    let items = await history(wp.id);
    expect(items).toEqual([
      expect.objectContaining({
        workplaceId: wp.id,
        from: null,
        to: 'indifferent',
        reason: '集会への参加が少ない',
        changedBy: t.admin.id,
        changedByName: 'admin user',
      }),
    ]);

    // The same atmosphere again is no change.
    let res = await t.api('PATCH', `/api/workplaces/${wp.id}`, {
      atmosphere: 'indifferent',
      issues: '人手不足',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(await history(wp.id)).toHaveLength(1);

    res = await t.api('PATCH', `/api/workplaces/${wp.id}`, {
      atmosphere: 'split_risk',
      atmosphereReason: '第二組合の勧誘',
      version: 2,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ atmosphere: 'split_risk', version: 3 });
    res = await t.api('PATCH', `/api/workplaces/${wp.id}`, { atmosphere: 'normal', version: 3 });
    items = await history(wp.id);
    expect(items.map((h) => [h.from, h.to, h.reason])).toEqual([
      [null, 'indifferent', '集会への参加が少ない'],
      ['indifferent', 'split_risk', '第二組合の勧誘'],
      ['split_risk', 'normal', null],
    ]);
    expect(items[2]!.changedAt).toBe(res.body.updatedAt);
    expect(Date.parse(items[0]!.changedAt as string)).toBeLessThan(Date.parse(items[1]!.changedAt as string));
  });

  it('answers 404 for the history of an unknown workplace', async () => {
    expect(
      (await t.api('GET', '/api/workplaces/00000000-0000-4000-8000-000000000000/atmosphere-history')).status,
    ).toBe(404);
  });
});

describe('workplaces: conflicts and bad input', () => {
  it('rejects a stale version and changes nothing', async () => {
    const wp = await newWorkplace({ atmosphere: 'active', issues: '元の課題' });
    expect(
      (await t.api('PATCH', `/api/workplaces/${wp.id}`, { issues: '新しい課題', version: 1 })).status,
    ).toBe(200);
    const res = await t.api('PATCH', `/api/workplaces/${wp.id}`, {
      issues: '上書き',
      atmosphere: 'split_risk',
      version: 1,
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', fields: { version: 'stale' } });
    expect((await t.api('GET', `/api/workplaces/${wp.id}`)).body).toMatchObject({
      issues: '新しい課題',
      atmosphere: 'active',
      version: 2,
    });
    expect(await history(wp.id)).toHaveLength(1);
  });

  it('rejects a duplicate name with 409 on name', async () => {
    const wp = await newWorkplace();
    const before = await workplaceCount();
    let res = await t.api('POST', '/api/workplaces', { name: wp.name });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', fields: { name: expect.any(String) } });
    expect(await workplaceCount()).toBe(before);

    const other = await newWorkplace();
    res = await t.api('PATCH', `/api/workplaces/${other.id}`, { name: wp.name, version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.fields).toHaveProperty('name');
    expect((await t.api('GET', `/api/workplaces/${other.id}`)).body).toMatchObject({
      name: other.name,
      version: 1,
    });
  });

  it('rejects bad input with the fields at fault and writes nothing', async () => {
    const before = await workplaceCount();
    const cases: Array<[unknown, string[]]> = [
      [{ name: 'A', employeeCount: -1 }, ['employeeCount']],
      [{ name: 'A', employeeCount: 'abc' }, ['employeeCount']],
      [{ name: 'A', employeeCount: 2.5 }, ['employeeCount']],
      [{ name: 'A', atmosphere: 'bogus' }, ['atmosphere']],
      [{ name: 'x'.repeat(101) }, ['name']],
      [{ name: '   ' }, ['name']],
      [{}, ['name']],
      [{ name: 'A', issues: 'x'.repeat(4001) }, ['issues']],
      [{ name: 'A', repMemberId: '00000000-0000-4000-8000-000000000000' }, ['repMemberId']],
      [{ name: 'A', ownerId: '00000000-0000-4000-8000-000000000000' }, ['ownerId']],
      [{ name: 'A', repMemberId: 'not-an-id' }, ['repMemberId']],
      [{ name: 'A', headcount: 3 }, ['headcount']],
      [{ name: 'A', memberCount: 3 }, ['memberCount']],
    ];
    for (const [body, fields] of cases) {
      const res = await t.api('POST', '/api/workplaces', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields)).toEqual(fields);
    }
    const malformed = await t.api('POST', '/api/workplaces', '{"name":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('validation_failed');
    expect(await workplaceCount()).toBe(before);
  });

  it('rejects a bad change and leaves the workplace and its history as they were', async () => {
    const wp = await newWorkplace({ employeeCount: 10 });
    const path = `/api/workplaces/${wp.id}`;
    const cases: Array<[unknown, string[]]> = [
      [{ employeeCount: -1, version: 1 }, ['employeeCount']],
      [{ atmosphere: 'bogus', version: 1 }, ['atmosphere']],
      [{ name: null, version: 1 }, ['name']],
      [
        { atmosphere: 'active', repMemberId: '00000000-0000-4000-8000-000000000000', version: 1 },
        ['repMemberId'],
      ],
      [{ employeeCount: 5 }, ['version']],
      [{ employeeCount: 5, version: 1, extra: true }, ['extra']],
    ];
    for (const [body, fields] of cases) {
      const res = await t.api('PATCH', path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(fields);
    }
    expect((await t.api('PATCH', path, '{"name":')).status).toBe(400);
    expect((await t.api('GET', path)).body).toMatchObject({
      employeeCount: 10,
      atmosphere: 'normal',
      version: 1,
    });
    expect(await history(wp.id)).toHaveLength(1);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await t.api('GET', `/api/workplaces/${missing}`)).status).toBe(404);
    expect((await t.api('GET', '/api/workplaces/not-an-id')).status).toBe(404);
    expect((await t.api('PATCH', `/api/workplaces/${missing}`, { version: 1 })).status).toBe(404);
    expect((await t.api('DELETE', `/api/workplaces/${missing}?version=1`)).status).toBe(404);
  });
});

describe('deleting a workplace', () => {
  it('is for admins, checks the version, keeps the members and drops its tasks', async () => {
    const wp = await newWorkplace();
    const keep = await newWorkplace();
    const member = await newMember(wp.id);
    await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-01-01',
      title: '集会',
      attendeeCount: 1,
    });
    await t.db.insert(tasks).values([
      { title: '集会の設定', subjectType: 'workplace', subjectId: wp.id },
      { title: '別職場のタスク', subjectType: 'workplace', subjectId: keep.id },
    ]);

    const officer = await t.addUser('officer');
    const forbidden = await t.as(officer.cookie)('DELETE', `/api/workplaces/${wp.id}?version=1`);
    expect(forbidden.status).toBe(403);
    expect((await t.api('DELETE', `/api/workplaces/${wp.id}?version=2`)).status).toBe(409);
    expect((await t.api('DELETE', `/api/workplaces/${wp.id}`)).status).toBe(400);
    expect((await t.api('GET', `/api/workplaces/${wp.id}`)).status).toBe(200);

    expect((await t.api('DELETE', `/api/workplaces/${wp.id}?version=1`)).status).toBe(204);
    expect((await t.api('GET', `/api/workplaces/${wp.id}`)).status).toBe(404);
    expect((await t.api('GET', `/api/workplaces/${wp.id}/meetings`)).status).toBe(404);
    const after = await t.api('GET', `/api/members/${member.id}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ workplaceId: null, workplaceName: null, version: 2 });
    expect(await t.db.select().from(tasks).where(eq(tasks.subjectId, wp.id))).toHaveLength(0);
    expect(await t.db.select().from(tasks).where(eq(tasks.subjectId, keep.id))).toHaveLength(1);
  });
});

describe('listing workplaces', () => {
  const est = '一覧テスト事業所';
  let ownerId: string;

  beforeAll(async () => {
    ownerId = (await t.addUser('officer')).user.id;
    const make = async (name: string, body: Record<string, unknown>, members: number) => {
      const wp = await newWorkplace({ name, establishment: est, ...body });
      for (let i = 0; i < members; i++) await newMember(wp.id);
    };
    // Created in this order: updatedAt sorts follow it.
    await make('L-第一製造部', { employeeCount: 10, atmosphere: 'active', ownerId }, 5);
    await make('L-第二製造部', { employeeCount: 4, atmosphere: 'split_risk' }, 1);
    await make('L-営業部', { employeeCount: null, atmosphere: 'indifferent', ownerId }, 3);
    await make('L-Zeta 100%', { employeeCount: 2 }, 2);
    await make('L-アルファ', { employeeCount: 0 }, 0);
  });

  const names = (items: Array<{ name: string }>) => items.map((w) => w.name);
  const list = async (query: string) => {
    const res = await t.api('GET', `/api/workplaces?establishment=${encodeURIComponent(est)}&${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body as {
      items: Array<Record<string, unknown> & { name: string }>;
      total: number;
      nextCursor?: string;
    };
  };

  it('sorts by name in code-point order by default, and descending', async () => {
    expect(names((await list('')).items)).toEqual([
      'L-Zeta 100%',
      'L-アルファ',
      'L-営業部',
      'L-第一製造部',
      'L-第二製造部',
    ]);
    expect(names((await list('sort=-name')).items)).toEqual([
      'L-第二製造部',
      'L-第一製造部',
      'L-営業部',
      'L-アルファ',
      'L-Zeta 100%',
    ]);
  });

  it('sorts by computed organization rate and member count, nulls last', async () => {
    // Rates: a 0.5, b 0.25, c null, d 1, e null.
    expect(names((await list('sort=-organizationRate')).items).slice(0, 3)).toEqual([
      'L-Zeta 100%',
      'L-第一製造部',
      'L-第二製造部',
    ]);
    const ascending = await list('sort=organizationRate');
    expect(names(ascending.items).slice(0, 3)).toEqual(['L-第二製造部', 'L-第一製造部', 'L-Zeta 100%']);
    expect(ascending.items.slice(3).map((w) => w.organizationRate)).toEqual([null, null]);
    expect(names((await list('sort=-memberCount')).items)).toEqual([
      'L-第一製造部',
      'L-営業部',
      'L-Zeta 100%',
      'L-第二製造部',
      'L-アルファ',
    ]);
    expect((await list('sort=memberCount')).items.map((w) => w.memberCount)).toEqual([0, 1, 2, 3, 5]);
    // The SQL and the pure functions in core agree.
    for (const w of (await list('')).items) {
      const [members, employees] = [w.memberCount as number, w.employeeCount as number | null];
      expect(w.organizationRate, w.name).toBe(organizationRate(members, employees));
      expect(w.nonMemberCount, w.name).toBe(nonMemberCount(members, employees));
    }
  });

  it('sorts by atmosphere in its declared order and by updatedAt', async () => {
    expect((await list('sort=atmosphere')).items.map((w) => w.atmosphere)).toEqual([
      'active',
      'normal',
      'normal',
      'indifferent',
      'split_risk',
    ]);
    expect(names((await list('sort=-updatedAt')).items)[0]).toBe('L-アルファ');
    expect(names((await list('sort=updatedAt')).items)[0]).toBe('L-第一製造部');
  });

  it('filters by atmosphere, owner and establishment, and searches name and establishment', async () => {
    expect(names((await list('atmosphere=split_risk')).items)).toEqual(['L-第二製造部']);
    expect(names((await list(`ownerId=${ownerId}`)).items)).toEqual(['L-営業部', 'L-第一製造部']);
    expect(names((await list(`q=${encodeURIComponent('製造')}`)).items)).toEqual([
      'L-第一製造部',
      'L-第二製造部',
    ]);
    expect(names((await list('q=zeta')).items)).toEqual(['L-Zeta 100%']);
    // `%` is searched for literally, not as a wildcard.
    expect(names((await list('q=0%25')).items)).toEqual(['L-Zeta 100%']);
    expect((await list('q=_')).total).toBe(0);
    // The establishment is searched too.
    const byEstablishment = await t.api('GET', `/api/workplaces?q=${encodeURIComponent('一覧テスト')}`);
    expect(byEstablishment.body.total).toBe(5);
    const none = await t.api(
      'GET',
      `/api/workplaces?establishment=${encodeURIComponent('存在しない事業所')}`,
    );
    expect(none.body).toEqual({ items: [], total: 0 });
  });

  it('pages with limit, cursor and offset', async () => {
    const first = await list('limit=2');
    expect(first.total).toBe(5);
    expect(names(first.items)).toEqual(['L-Zeta 100%', 'L-アルファ']);
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    expect(names(second.items)).toEqual(['L-営業部', 'L-第一製造部']);
    const third = await list(`limit=2&cursor=${second.nextCursor}`);
    expect(names(third.items)).toEqual(['L-第二製造部']);
    expect(third.nextCursor).toBeUndefined();
    expect(names((await list('limit=2&offset=3')).items)).toEqual(['L-第一製造部', 'L-第二製造部']);
  });

  it('rejects bad list parameters', async () => {
    for (const [query, field] of [
      ['sort=bogus', 'sort'],
      ['atmosphere=bogus', 'atmosphere'],
      ['limit=501', 'limit'],
      ['limit=abc', 'limit'],
      ['ownerId=nope', 'ownerId'],
      ['cursor=forged', 'cursor'],
    ] as const) {
      const res = await t.api('GET', `/api/workplaces?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.fields).toHaveProperty(field);
    }
  });
});

describe('workplaces OpenAPI', () => {
  it('documents every route with its schemas', async () => {
    const res = await t.api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths;
    expect(Object.keys(paths['/workplaces'])).toEqual(['get', 'post']);
    expect(Object.keys(paths['/workplaces/{id}'])).toEqual(['get', 'patch', 'delete']);
    expect(Object.keys(paths['/workplaces/{id}/meetings'])).toEqual(['get', 'post']);
    expect(Object.keys(paths['/workplaces/{id}/meetings/{meetingId}'])).toEqual(['patch', 'delete']);
    expect(Object.keys(paths['/workplaces/{id}/atmosphere-history'])).toEqual(['get']);
    expect(paths['/workplaces'].get.tags).toEqual(['Workplaces 職場']);
    for (const id of ['Workplace', 'WorkplaceMeeting', 'AtmosphereChange']) {
      expect(res.body.components.schemas, id).toHaveProperty(id);
    }
    // Request bodies are written in place (openapi.ts, completeDocument).
    const body = (method: string, path: string) =>
      paths[path][method].requestBody.content['application/json'].schema;
    expect(body('post', '/workplaces').required).toEqual(['name']);
    expect(body('patch', '/workplaces/{id}').required).toEqual(['version']);
  });
});
