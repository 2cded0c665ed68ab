import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { demandMembers, demands, workplaces } from '../../db/schema';

let t: TestApp;
// A fixed clock: 2026-03-31T15:30Z is already 2026-04-01 in Asia/Tokyo.
const NOW = new Date('2026-03-31T15:30:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
});
afterAll(async () => {
  await t?.close();
});

async function memberCount() {
  const rows = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from members`);
  return Number(
    (rows as unknown as { rows: { n: number }[] }).rows?.[0]?.n ?? (rows as unknown as { n: number }[])[0]?.n,
  );
}

async function historyCount() {
  const rows = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from engagement_history`);
  return Number(
    (rows as unknown as { rows: { n: number }[] }).rows?.[0]?.n ?? (rows as unknown as { n: number }[])[0]?.n,
  );
}

async function newWorkplace(name: string) {
  const [w] = await t.db.insert(workplaces).values({ name, employeeCount: 10 }).returning();
  return w!;
}

const fullMember = (workplaceId: string, ownerId: string) => ({
  name: '佐藤 花子',
  nameKana: 'さとう はなこ',
  employeeNumber: 'E1001',
  workplaceId,
  department: '製造部',
  jobType: '技能職',
  grade: 'G3',
  joinedOn: '2016-04-01',
  engagement: 'regular',
  concerns: '夜間作業の手当が低すぎる',
  nextAction: '職場集会で声をかける',
  nextActionDueOn: '2026-04-15',
  parentOrganization: '○○産業労働組合連合会',
  unionRole: 'workplace_rep',
  status: 'active',
  leftOn: null,
  ownerId,
});

describe('members: create and read', () => {
  it('round-trips every SPEC field and computes workplaceName, ownerName and tenureYears in the organization time zone', async () => {
    const w = await newWorkplace('第一製造課');
    const input = fullMember(w.id, t.admin.id);
    const res = await t.api('POST', '/api/members', input);
    expect(res.status).toBe(201);
    const { nameKana: _k, ...rest } = input;
    expect(res.body).toMatchObject({
      ...rest,
      nameKana: 'サトウ ハナコ',
      workplaceName: '第一製造課',
      ownerName: t.admin.displayName,
      // 2016-04-01 → 2026-04-01 (JST today) is exactly 10 years, although UTC is still March 31.
      tenureYears: 10,
      openCaseCount: 0,
      demandIds: [],
      version: 1,
    });
    expect(res.body.createdAt).toBe(NOW.toISOString());
    const again = await t.api('GET', `/api/members/${res.body.id}`);
    expect(again.status).toBe(200);
    // The member's page adds the engagement review (no meetings here: none).
    expect(again.body).toEqual({ ...res.body, engagementReview: null });
  });

  it('applies SPEC defaults: engagement occasional, unionRole general_member, status active', async () => {
    const res = await t.api('POST', '/api/members', { name: '田中 一郎' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      engagement: 'occasional',
      unionRole: 'general_member',
      status: 'active',
      nameKana: null,
      tenureYears: null,
      workplaceId: null,
      workplaceName: null,
    });
  });

  it('writes the initial engagement to the history in the same transaction', async () => {
    const res = await t.api('POST', '/api/members', {
      name: '初期 値子',
      engagement: 'at_risk',
      engagementReason: '残業代未払いの不満',
    });
    const history = await t.api('GET', `/api/members/${res.body.id}/engagement-history`);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        from: null,
        to: 'at_risk',
        reason: '残業代未払いの不満',
        changedBy: t.admin.id,
      }),
    ]);
  });

  it('lists demandIds and openCaseCount from SQL', async () => {
    const m = await t.api('POST', '/api/members', { name: '要求 持子' });
    const [d1] = await t.db.insert(demands).values({ title: '夜勤手当の引き上げ' }).returning();
    const [d2] = await t.db.insert(demands).values({ title: '育児短時間勤務の拡大' }).returning();
    await t.db.insert(demandMembers).values([
      { demandId: d1!.id, memberId: m.body.id, createdAt: new Date('2026-01-01') },
      { demandId: d2!.id, memberId: m.body.id, createdAt: new Date('2026-02-01') },
    ]);
    await t.api('POST', `/api/members/${m.body.id}/cases`, { title: '配置転換の相談' });
    await t.api('POST', `/api/members/${m.body.id}/cases`, { title: '解決済みの相談', status: 'closed' });
    const res = await t.api('GET', `/api/members/${m.body.id}`);
    expect(res.body.demandIds).toEqual([d1!.id, d2!.id]);
    expect(res.body.openCaseCount).toBe(1);
  });
});

describe('members: bad input is rejected with field messages and writes nothing', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['missing name', {}, 'name'],
    ['blank name', { name: '   ' }, 'name'],
    ['name over 100 characters', { name: 'あ'.repeat(101) }, 'name'],
    ['concerns over 4000 characters', { name: '長文', concerns: 'x'.repeat(4001) }, 'concerns'],
    ['wrong type for name', { name: 42 }, 'name'],
    ['unknown engagement', { name: 'x', engagement: 'lukewarm' }, 'engagement'],
    ['unknown union role', { name: 'x', unionRole: 'boss' }, 'unionRole'],
    ['impossible date 2025-02-30', { name: 'x', joinedOn: '2025-02-30' }, 'joinedOn'],
    ['date in the wrong form', { name: 'x', joinedOn: '2025/04/01' }, 'joinedOn'],
    ['workplaceId that is not an id', { name: 'x', workplaceId: 'abc' }, 'workplaceId'],
    [
      'unknown workplaceId',
      { name: 'x', workplaceId: '00000000-0000-4000-8000-000000000000' },
      'workplaceId',
    ],
    ['unknown ownerId', { name: 'x', ownerId: '00000000-0000-4000-8000-000000000000' }, 'ownerId'],
    ['status left without leftOn', { name: 'x', status: 'left' }, 'leftOn'],
    ['leftOn while active', { name: 'x', leftOn: '2026-01-01' }, 'leftOn'],
    ['an unknown field', { name: 'x', favouriteColour: 'red' }, 'favouriteColour'],
  ];
  it.each(cases)('%s → 400 validation_failed naming the field', async (_label, body, field) => {
    const before = [await memberCount(), await historyCount()];
    const res = await t.api('POST', '/api/members', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields).toHaveProperty(field);
    expect([await memberCount(), await historyCount()]).toEqual(before);
  });

  it('malformed JSON → 400, not 500', async () => {
    const before = await memberCount();
    const res = await t.api('POST', '/api/members', '{"name": "壊れた');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(await memberCount()).toBe(before);
  });

  it('a body that is not JSON → 415', async () => {
    const res = await t.api('POST', '/api/members', 'name=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('a duplicate employee number → 409 with fields.employeeNumber (after width folding)', async () => {
    const first = await t.api('POST', '/api/members', { name: '一人目', employeeNumber: 'D-777' });
    expect(first.status).toBe(201);
    const before = await memberCount();
    const res = await t.api('POST', '/api/members', { name: '二人目', employeeNumber: 'Ｄ－７７７' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'conflict',
      fields: { employeeNumber: expect.any(String) },
    });
    expect(await memberCount()).toBe(before);
  });

  it('empty strings clear optional fields instead of storing blanks', async () => {
    const res = await t.api('POST', '/api/members', { name: '空欄', department: '', employeeNumber: ' ' });
    expect(res.body).toMatchObject({ department: null, employeeNumber: null });
  });
});

describe('members: update with optimistic locking', () => {
  it('changes fields, bumps the version and records an engagement change with its reason', async () => {
    const m = await t.api('POST', '/api/members', { name: '変更 太郎', engagement: 'regular' });
    const res = await t.api('PATCH', `/api/members/${m.body.id}`, {
      version: 1,
      engagement: 'at_risk',
      engagementReason: '上司との関係が悪化',
      department: '品質保証部',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, engagement: 'at_risk', department: '品質保証部' });
    const history = await t.api('GET', `/api/members/${m.body.id}/engagement-history`);
    expect(history.body.items.map((h: { from: string; to: string }) => [h.from, h.to])).toEqual([
      [null, 'regular'],
      ['regular', 'at_risk'],
    ]);
    expect(history.body.items[1].reason).toBe('上司との関係が悪化');
  });

  it('does not add history when engagement is sent unchanged', async () => {
    const m = await t.api('POST', '/api/members', { name: '不変 次郎', engagement: 'rare' });
    await t.api('PATCH', `/api/members/${m.body.id}`, { version: 1, engagement: 'rare', grade: 'G2' });
    const history = await t.api('GET', `/api/members/${m.body.id}/engagement-history`);
    expect(history.body.total).toBe(1);
  });

  it('a stale version → 409 conflict and nothing is written', async () => {
    const m = await t.api('POST', '/api/members', { name: '競合 三郎', engagement: 'regular' });
    await t.api('PATCH', `/api/members/${m.body.id}`, { version: 1, grade: 'G1' });
    const stale = await t.api('PATCH', `/api/members/${m.body.id}`, {
      version: 1,
      engagement: 'at_risk',
      grade: 'G9',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'conflict',
      fields: { version: 'stale' },
      currentVersion: 2,
    });
    const now = await t.api('GET', `/api/members/${m.body.id}`);
    expect(now.body).toMatchObject({ version: 2, grade: 'G1', engagement: 'regular' });
    expect((await t.api('GET', `/api/members/${m.body.id}/engagement-history`)).body.total).toBe(1);
  });

  it('requires version on update', async () => {
    const m = await t.api('POST', '/api/members', { name: '版無 四郎' });
    const res = await t.api('PATCH', `/api/members/${m.body.id}`, { grade: 'G2' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('version');
  });

  it('validates the merged record: leaving needs leftOn, and nothing is written otherwise', async () => {
    const m = await t.api('POST', '/api/members', { name: '脱退 五郎', joinedOn: '2020-04-01' });
    const bad = await t.api('PATCH', `/api/members/${m.body.id}`, { version: 1, status: 'left' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('leftOn');
    const early = await t.api('PATCH', `/api/members/${m.body.id}`, {
      version: 1,
      status: 'left',
      leftOn: '2019-01-01',
    });
    expect(early.status).toBe(400);
    const ok = await t.api('PATCH', `/api/members/${m.body.id}`, {
      version: 1,
      status: 'left',
      leftOn: '2026-03-01',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'left', leftOn: '2026-03-01', version: 2 });
  });

  it('unknown and malformed ids → 404', async () => {
    const unknown = await t.api('PATCH', '/api/members/00000000-0000-4000-8000-000000000000', {
      version: 1,
      grade: 'x',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await t.api('GET', '/api/members/not-an-id')).status).toBe(404);
  });

  it('history rows are append-only in the database itself', async () => {
    await expect(t.db.execute(sql`update engagement_history set reason = 'edited'`)).rejects.toThrow();
  });
});

describe('members: list, search, filters, kana order, paging', () => {
  let wpA: string;
  beforeAll(async () => {
    wpA = (await newWorkplace('検索テスト課')).id;
    const people = [
      { name: '渡辺 健', nameKana: 'ワタナベ ケン', employeeNumber: 'S-0003', engagement: 'rare' },
      { name: '阿部 愛', nameKana: 'アベ アイ', employeeNumber: 'S-0001', engagement: 'active_core' },
      { name: '加藤 学', nameKana: 'カトウ マナブ', employeeNumber: 'S-0002', engagement: 'at_risk' },
      {
        name: '伊藤 翼',
        nameKana: 'イトウ ツバサ',
        employeeNumber: 'S-0004',
        unionRole: 'organizing_target',
      },
      {
        name: '後藤 誠',
        nameKana: 'ゴトウ マコト',
        employeeNumber: 'S-0005',
        status: 'left',
        leftOn: '2025-12-31',
      },
    ];
    for (const p of people) {
      const res = await t.api('POST', '/api/members', { ...p, workplaceId: wpA });
      expect(res.status).toBe(201);
    }
  });

  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((m) => m.name);

  it('sorts by kana reading (gojūon order) by default, voiced kana after their plain form', async () => {
    const res = await t.api('GET', `/api/members?workplaceId=${wpA}`);
    expect(names(res)).toEqual(['阿部 愛', '伊藤 翼', '加藤 学', '後藤 誠', '渡辺 健']);
    const desc = await t.api('GET', `/api/members?workplaceId=${wpA}&sort=-nameKana`);
    expect(names(desc)).toEqual(['渡辺 健', '後藤 誠', '加藤 学', '伊藤 翼', '阿部 愛']);
  });

  it('searches Japanese substrings of names, kana typed in hiragana, and employee numbers typed full-width', async () => {
    expect(
      names(await t.api('GET', `/api/members?q=${encodeURIComponent('藤')}&workplaceId=${wpA}`)),
    ).toEqual(['伊藤 翼', '加藤 学', '後藤 誠']);
    expect(names(await t.api('GET', `/api/members?q=${encodeURIComponent('わたなべ')}`))).toEqual([
      '渡辺 健',
    ]);
    expect(names(await t.api('GET', `/api/members?q=${encodeURIComponent('Ｓ－０００２')}`))).toEqual([
      '加藤 学',
    ]);
    expect(names(await t.api('GET', `/api/members?q=${encodeURIComponent('阿部愛')}`))).toEqual(['阿部 愛']);
    expect(names(await t.api('GET', `/api/members?q=${encodeURIComponent('%')}&workplaceId=${wpA}`))).toEqual(
      [],
    );
  });

  it('filters by engagement, union role and status', async () => {
    expect(names(await t.api('GET', `/api/members?workplaceId=${wpA}&engagement=at_risk`))).toEqual([
      '加藤 学',
    ]);
    expect(names(await t.api('GET', `/api/members?workplaceId=${wpA}&unionRole=organizing_target`))).toEqual([
      '伊藤 翼',
    ]);
    expect(names(await t.api('GET', `/api/members?workplaceId=${wpA}&status=left`))).toEqual(['後藤 誠']);
    const bad = await t.api('GET', '/api/members?engagement=warm');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('engagement');
  });

  it('pages with limit and an opaque cursor, reporting the total', async () => {
    const first = await t.api('GET', `/api/members?workplaceId=${wpA}&limit=2`);
    expect(first.body.total).toBe(5);
    expect(names(first)).toEqual(['阿部 愛', '伊藤 翼']);
    const second = await t.api(
      'GET',
      `/api/members?workplaceId=${wpA}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(names(second)).toEqual(['加藤 学', '後藤 誠']);
    const last = await t.api(
      'GET',
      `/api/members?workplaceId=${wpA}&limit=2&cursor=${second.body.nextCursor}`,
    );
    expect(names(last)).toEqual(['渡辺 健']);
    expect(last.body.nextCursor).toBeUndefined();
    expect(names(await t.api('GET', `/api/members?workplaceId=${wpA}&limit=2&offset=4`))).toEqual([
      '渡辺 健',
    ]);
  });

  it('rejects a limit over 500 and a forged cursor with 400', async () => {
    expect((await t.api('GET', '/api/members?limit=501')).status).toBe(400);
    const forged = await t.api('GET', '/api/members?cursor=bm9wZQ');
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields).toHaveProperty('cursor');
  });
});

describe('member notes and cases', () => {
  it('records notes with the author and today (organization time zone) by default, newest first', async () => {
    const m = await t.api('POST', '/api/members', { name: '相談 花子' });
    const a = await t.api('POST', `/api/members/${m.body.id}/notes`, {
      channel: 'visit',
      body: '職場でのハラスメントについて相談を受けた',
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      occurredOn: '2026-04-01',
      authorId: t.admin.id,
      authorName: t.admin.displayName,
    });
    await t.api('POST', `/api/members/${m.body.id}/notes`, {
      occurredOn: '2026-02-10',
      channel: 'phone',
      body: '電話で近況確認',
    });
    const list = await t.api('GET', `/api/members/${m.body.id}/notes`);
    expect(list.body.items.map((n: { occurredOn: string }) => n.occurredOn)).toEqual([
      '2026-04-01',
      '2026-02-10',
    ]);

    const edited = await t.api('PATCH', `/api/members/${m.body.id}/notes/${a.body.id}`, {
      version: 1,
      body: '訂正済み',
    });
    expect(edited.body).toMatchObject({ body: '訂正済み', version: 2 });
    expect(
      (await t.api('PATCH', `/api/members/${m.body.id}/notes/${a.body.id}`, { version: 1, body: 'x' }))
        .status,
    ).toBe(409);
    expect((await t.api('DELETE', `/api/members/${m.body.id}/notes/${a.body.id}?version=2`)).status).toBe(
      204,
    );
    expect((await t.api('GET', `/api/members/${m.body.id}/notes`)).body.total).toBe(1);
  });

  it('rejects an empty note body and a note for an unknown member', async () => {
    const m = await t.api('POST', '/api/members', { name: '空メモ' });
    const empty = await t.api('POST', `/api/members/${m.body.id}/notes`, { body: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toHaveProperty('body');
    const bad = await t.api('POST', `/api/members/${m.body.id}/notes`, { body: 'x', channel: 'fax' });
    expect(bad.body.error.fields).toHaveProperty('channel');
    const unknown = await t.api('POST', '/api/members/00000000-0000-4000-8000-000000000000/notes', {
      body: 'x',
    });
    expect(unknown.status).toBe(404);
    expect((await t.api('GET', `/api/members/${m.body.id}/notes`)).body.total).toBe(0);
  });

  it('opens, closes and reopens a case; openCaseCount follows', async () => {
    const m = await t.api('POST', '/api/members', { name: '案件 太郎' });
    const c = await t.api('POST', `/api/members/${m.body.id}/cases`, {
      title: '職場いじめの相談',
      description: '2ヶ月前に職場いじめの相談。対応中',
      dueOn: '2026-04-10',
      sensitive: true,
    });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ status: 'open', openedOn: '2026-04-01', closedOn: null, sensitive: true });
    expect((await t.api('GET', `/api/members/${m.body.id}`)).body.openCaseCount).toBe(1);

    const closed = await t.api('PATCH', `/api/members/${m.body.id}/cases/${c.body.id}`, {
      version: 1,
      status: 'closed',
      outcome: '上司と面談し解決',
    });
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-04-01', version: 2 });
    expect((await t.api('GET', `/api/members/${m.body.id}`)).body.openCaseCount).toBe(0);

    const reopened = await t.api('PATCH', `/api/members/${m.body.id}/cases/${c.body.id}`, {
      version: 2,
      status: 'open',
      reopenReason: '再発の相談あり',
    });
    expect(reopened.body).toMatchObject({ status: 'open', closedOn: null });
  });

  it('rejects a case due before it was opened, and a case of another member → 404', async () => {
    const m = await t.api('POST', '/api/members', { name: '期日 誤り' });
    const bad = await t.api('POST', `/api/members/${m.body.id}/cases`, {
      title: 'x',
      openedOn: '2026-03-01',
      dueOn: '2026-02-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('dueOn');
    const other = await t.api('POST', '/api/members', { name: '別人' });
    const c = await t.api('POST', `/api/members/${m.body.id}/cases`, { title: '正しい案件' });
    const cross = await t.api('PATCH', `/api/members/${other.body.id}/cases/${c.body.id}`, {
      version: 1,
      title: '乗っ取り',
    });
    expect(cross.status).toBe(404);
  });
});

describe('member deletion', () => {
  it('is for admins only; it removes the member with their notes, cases and history', async () => {
    const m = await t.api('POST', '/api/members', { name: '削除 対象' });
    await t.api('POST', `/api/members/${m.body.id}/notes`, { body: 'メモ' });
    const officer = await t.addUser('officer');
    const denied = await t.as(officer.cookie)('DELETE', `/api/members/${m.body.id}?version=1`);
    expect(denied.status).toBe(403);
    expect((await t.api('GET', `/api/members/${m.body.id}`)).status).toBe(200);

    expect((await t.api('DELETE', `/api/members/${m.body.id}?version=1`)).status).toBe(204);
    expect((await t.api('GET', `/api/members/${m.body.id}`)).status).toBe(404);
    const left = await t.db.execute(
      sql`select count(*)::int as n from member_notes where member_id = ${m.body.id}`,
    );
    expect(JSON.stringify(left)).toContain('"n":0');
  });
});
