import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { demandMembers, demandNotes, demands, tasks, workplaces } from '../../db/schema';

// 2026-03-31T15:30Z is already April 1 in Tokyo: "today" must be the organization's.
let clock = new Date('2026-03-31T15:30:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(async () => {
  await t?.close();
});

const MISSING = '00000000-0000-4000-8000-000000000000';

async function createDemand(body: Record<string, unknown>) {
  const res = await t.api('POST', '/api/demands', body);
  expect(res.status).toBe(201);
  return res.body;
}

async function createMember(body: Record<string, unknown>) {
  const res = await t.api('POST', '/api/members', body);
  expect(res.status).toBe(201);
  return res.body;
}

async function createWorkplace(name: string) {
  const [row] = await t.db.insert(workplaces).values({ name }).returning({ id: workplaces.id });
  return row!.id;
}

async function demandCount() {
  const [row] = await t.db.select({ n: count() }).from(demands);
  return row!.n;
}

describe('demands API: records', () => {
  it('creates a demand with defaults and round-trips every field', async () => {
    clock = new Date('2026-03-31T15:30:00Z');
    const minimal = await createDemand({ title: '  賃上げ要求  ' });
    expect(minimal).toMatchObject({
      title: '賃上げ要求',
      description: null,
      priority: 'medium',
      status: 'not_submitted',
      nextNegotiationOn: null,
      relatedMemberCount: 0,
      version: 1,
    });
    expect(minimal.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(minimal.createdAt).toBe('2026-03-31T15:30:00.000Z');

    const full = await createDemand({
      title: '夜勤手当の増額',
      description: '夜勤手当を一回あたり1,000円増額する',
      priority: 'high',
      status: 'negotiating',
      nextNegotiationOn: '2026-04-15',
    });
    const got = await t.api('GET', `/api/demands/${full.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(full);
    expect(got.body).toMatchObject({
      title: '夜勤手当の増額',
      description: '夜勤手当を一回あたり1,000円増額する',
      priority: 'high',
      status: 'negotiating',
      nextNegotiationOn: '2026-04-15',
    });

    clock = new Date('2026-04-01T01:00:00Z');
    const patched = await t.api('PATCH', `/api/demands/${full.id}`, {
      title: '夜勤手当の増額(改)',
      description: '',
      priority: 'low',
      status: 'carried_over',
      nextNegotiationOn: null,
      version: 1,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      title: '夜勤手当の増額(改)',
      description: null,
      priority: 'low',
      status: 'carried_over',
      nextNegotiationOn: null,
      version: 2,
      createdAt: '2026-03-31T15:30:00.000Z',
      updatedAt: '2026-04-01T01:00:00.000Z',
    });
    expect((await t.api('GET', `/api/demands/${full.id}`)).body).toEqual(patched.body);

    const settled = await t.api('PATCH', `/api/demands/${full.id}`, { status: 'settled', version: 2 });
    expect(settled.body).toMatchObject({ status: 'settled', priority: 'low', version: 3 });
  });

  it('rejects a stale version with 409 and writes nothing', async () => {
    const d = await createDemand({ title: '休日出勤の削減' });
    expect((await t.api('PATCH', `/api/demands/${d.id}`, { priority: 'high', version: 1 })).status).toBe(200);
    const stale = await t.api('PATCH', `/api/demands/${d.id}`, { title: '上書き', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', fields: { version: 'stale' } });
    const after = await t.api('GET', `/api/demands/${d.id}`);
    expect(after.body).toMatchObject({ title: '休日出勤の削減', priority: 'high', version: 2 });
  });

  it('rejects bad input with 400 and field errors, writing nothing', async () => {
    const before = await demandCount();
    const cases: [unknown, string][] = [
      [{ title: 'x', priority: 'urgent' }, 'priority'],
      [{ title: 'x', status: 'done' }, 'status'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: '   ' }, 'title'],
      [{}, 'title'],
      [{ title: 'x', nextNegotiationOn: '2025-02-30' }, 'nextNegotiationOn'],
      [{ title: 'x', nextNegotiationOn: '2025/03/01' }, 'nextNegotiationOn'],
      [{ title: 42 }, 'title'],
      [{ title: 'x', priority: 1 }, 'priority'],
      [{ title: 'x', description: 'y'.repeat(10001) }, 'description'],
      [{ title: 'x', relatedMemberCount: 5 }, 'relatedMemberCount'],
      [{ title: 'x', version: 1 }, 'version'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api('POST', '/api/demands', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields).toHaveProperty(field);
    }
    const malformed = await t.api('POST', '/api/demands', '{"title": "x",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('validation_failed');
    expect(await demandCount()).toBe(before);

    const d = await createDemand({ title: '通勤手当' });
    for (const body of [
      { priority: 'urgent', version: 1 },
      { title: '', version: 1 },
      { nextNegotiationOn: '2025-02-30', version: 1 },
      { title: 'ok' },
      { title: 'ok', version: '1' },
      { title: 'ok', version: 1, id: MISSING },
    ]) {
      const res = await t.api('PATCH', `/api/demands/${d.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields).toBeDefined();
    }
    expect((await t.api('GET', `/api/demands/${d.id}`)).body).toEqual(d);
  });

  it('answers 404 for unknown or malformed ids', async () => {
    expect((await t.api('GET', `/api/demands/${MISSING}`)).status).toBe(404);
    expect((await t.api('GET', '/api/demands/not-a-uuid')).status).toBe(404);
    expect((await t.api('PATCH', `/api/demands/${MISSING}`, { title: 'x', version: 1 })).status).toBe(404);
    expect((await t.api('DELETE', `/api/demands/${MISSING}?version=1`)).status).toBe(404);
    expect((await t.api('GET', `/api/demands/${MISSING}/members`)).status).toBe(404);
    expect((await t.api('GET', `/api/demands/${MISSING}/notes`)).status).toBe(404);
    expect(
      (await t.api('POST', `/api/demands/${MISSING}/notes`, { kind: 'internal', body: 'x' })).status,
    ).toBe(404);
  });

  it('deletes a demand (admin only) with its links, notes and tasks', async () => {
    const d = await createDemand({ title: '削除する要求' });
    const m = await createMember({ name: '削除 花子' });
    expect((await t.api('PUT', `/api/demands/${d.id}/members/${m.id}`)).status).toBe(200);
    expect(
      (await t.api('POST', `/api/demands/${d.id}/notes`, { kind: 'internal', body: 'メモ' })).status,
    ).toBe(201);
    const task = await t.api('POST', '/api/tasks', {
      title: '要求の準備',
      subjectType: 'demand',
      subjectId: d.id,
    });
    expect(task.status).toBe(201);

    const officer = await t.addUser('officer');
    const forbidden = await t.as(officer.cookie)('DELETE', `/api/demands/${d.id}?version=1`);
    expect(forbidden.status).toBe(403);
    expect((await t.api('DELETE', `/api/demands/${d.id}?version=2`)).status).toBe(409);
    expect((await t.api('DELETE', `/api/demands/${d.id}`)).status).toBe(400);
    expect((await t.api('GET', `/api/demands/${d.id}`)).status).toBe(200);

    expect((await t.api('DELETE', `/api/demands/${d.id}?version=1`)).status).toBe(204);
    expect((await t.api('GET', `/api/demands/${d.id}`)).status).toBe(404);
    expect((await t.api('GET', `/api/tasks/${task.body.id}`)).status).toBe(404);
    expect(await t.db.select().from(demandMembers).where(eq(demandMembers.demandId, d.id))).toEqual([]);
    expect(await t.db.select().from(demandNotes).where(eq(demandNotes.demandId, d.id))).toEqual([]);
    expect(await t.db.select().from(tasks).where(eq(tasks.subjectId, d.id))).toEqual([]);
    // The member stays: only the link went.
    expect((await t.api('GET', `/api/members/${m.id}`)).body.demandIds).toEqual([]);
  });
});

describe('demands API: member links and relatedMemberCount', () => {
  it('counts only active, non-organizing-target linked members, rising and falling with links', async () => {
    const d = await createDemand({ title: '人員増の要求' });
    const active = await createMember({ name: '在籍 一郎' });
    const rep = await createMember({ name: '委員 二郎', unionRole: 'workplace_rep' });
    const left = await createMember({ name: '脱退 三郎', status: 'left', leftOn: '2026-01-31' });
    const target = await createMember({ name: 'オルグ 四郎', unionRole: 'organizing_target' });

    const countOf = async () => (await t.api('GET', `/api/demands/${d.id}`)).body.relatedMemberCount;
    const link = (memberId: string) => t.api('PUT', `/api/demands/${d.id}/members/${memberId}`);

    const first = await link(active.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: d.id, relatedMemberCount: 1, version: 1 });
    // Linking twice is fine and changes nothing.
    const again = await link(active.id);
    expect(again.status).toBe(200);
    expect(again.body.relatedMemberCount).toBe(1);

    expect((await link(rep.id)).body.relatedMemberCount).toBe(2);
    expect((await link(left.id)).body.relatedMemberCount).toBe(2);
    expect((await link(target.id)).body.relatedMemberCount).toBe(2);
    expect(await countOf()).toBe(2);
    const linked = await t.api('GET', `/api/demands/${d.id}/members`);
    expect(linked.body.total).toBe(4);

    // Links are a set, not a field edit: the demand's version stays.
    expect((await t.api('GET', `/api/demands/${d.id}`)).body.version).toBe(1);
    expect((await t.api('GET', `/api/members/${active.id}`)).body.demandIds).toEqual([d.id]);

    // A linked member who leaves no longer counts.
    const leaving = await t.api('PATCH', `/api/members/${rep.id}`, {
      status: 'left',
      leftOn: '2026-03-31',
      version: 1,
    });
    expect(leaving.status).toBe(200);
    expect(await countOf()).toBe(1);

    const unlinked = await t.api('DELETE', `/api/demands/${d.id}/members/${active.id}`);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.relatedMemberCount).toBe(0);
    expect((await t.api('DELETE', `/api/demands/${d.id}/members/${active.id}`)).status).toBe(404);
    expect(await countOf()).toBe(0);
    expect((await t.api('GET', `/api/demands/${d.id}/members`)).body.total).toBe(3);
  });

  it('answers 404 when linking or unlinking unknown demands or members, writing nothing', async () => {
    const d = await createDemand({ title: 'リンク404' });
    const m = await createMember({ name: 'リンク 五郎' });
    expect((await t.api('PUT', `/api/demands/${d.id}/members/${MISSING}`)).status).toBe(404);
    expect((await t.api('PUT', `/api/demands/${MISSING}/members/${m.id}`)).status).toBe(404);
    expect((await t.api('PUT', `/api/demands/${d.id}/members/nope`)).status).toBe(404);
    expect((await t.api('DELETE', `/api/demands/${d.id}/members/${m.id}`)).status).toBe(404);
    expect((await t.api('DELETE', `/api/demands/${MISSING}/members/${m.id}`)).status).toBe(404);
    expect(await t.db.select().from(demandMembers).where(eq(demandMembers.demandId, d.id))).toEqual([]);
  });

  it('lists linked members by workplace name then kana, filtered by workplace', async () => {
    const d = await createDemand({ title: '職場別の名簿' });
    const wpB = await createWorkplace('B工場');
    const wpA = await createWorkplace('A工場');
    const m1 = await createMember({
      name: '渡辺 一',
      nameKana: 'わたなべ はじめ',
      workplaceId: wpA,
      employeeNumber: 'E-1',
    });
    const m2 = await createMember({ name: '青木 二', nameKana: 'アオキ ジ', workplaceId: wpB });
    const m3 = await createMember({
      name: '井上 三',
      nameKana: 'イノウエ サン',
      workplaceId: wpA,
      engagement: 'at_risk',
    });
    const m4 = await createMember({ name: '無所属 四', nameKana: 'ア' });
    for (const m of [m1, m2, m3, m4]) {
      expect((await t.api('PUT', `/api/demands/${d.id}/members/${m.id}`)).status).toBe(200);
    }
    const res = await t.api('GET', `/api/demands/${d.id}/members`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([m3.id, m1.id, m2.id, m4.id]);
    expect(res.body.items[1]).toEqual({
      id: m1.id,
      name: '渡辺 一',
      nameKana: 'ワタナベ ハジメ',
      employeeNumber: 'E-1',
      workplaceId: wpA,
      workplaceName: 'A工場',
      jobType: null,
      grade: null,
      engagement: 'occasional',
      unionRole: 'general_member',
      status: 'active',
      linkedAt: clock.toISOString(),
      linkedBy: t.admin.id,
      linkedByName: 'admin user',
    });
    expect(res.body.items[0]).toMatchObject({ engagement: 'at_risk' });

    const filtered = await t.api('GET', `/api/demands/${d.id}/members?workplaceId=${wpA}`);
    expect(filtered.body.total).toBe(2);
    expect(filtered.body.items.map((m: { id: string }) => m.id)).toEqual([m3.id, m1.id]);

    const page1 = await t.api('GET', `/api/demands/${d.id}/members?limit=3`);
    expect(page1.body.items).toHaveLength(3);
    expect(page1.body.nextCursor).toBeTypeOf('string');
    const page2 = await t.api('GET', `/api/demands/${d.id}/members?limit=3&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((m: { id: string }) => m.id)).toEqual([m4.id]);
    expect(page2.body.nextCursor).toBeUndefined();

    expect((await t.api('GET', `/api/demands/${d.id}/members?workplaceId=xyz`)).status).toBe(400);
  });
});

describe('demands API: list', () => {
  it('orders by related member count, then priority high→low, then title by default', async () => {
    const low = await createDemand({ title: 'ORD 低い要求', priority: 'low' });
    const high = await createDemand({ title: 'ORD 高い要求', priority: 'high' });
    const many = await createDemand({ title: 'ORD 多い要求', priority: 'low' });
    const mid = await createDemand({ title: 'ORD 中くらい', priority: 'medium', status: 'negotiating' });
    const members = [];
    for (const name of ['順番 一', '順番 二', '順番 三']) members.push(await createMember({ name }));
    for (const m of members) await t.api('PUT', `/api/demands/${many.id}/members/${m.id}`);
    await t.api('PUT', `/api/demands/${mid.id}/members/${members[0]!.id}`);
    await t.api('PUT', `/api/demands/${low.id}/members/${members[1]!.id}`);

    const ids = async (query: string) => {
      const res = await t.api('GET', `/api/demands?q=ORD&${query}`);
      expect(res.status, query).toBe(200);
      return res.body.items.map((d: { id: string }) => d.id);
    };
    const res = await t.api('GET', '/api/demands?q=ord');
    expect(res.body.total).toBe(4);
    expect(res.body.items.map((d: { relatedMemberCount: number }) => d.relatedMemberCount)).toEqual([
      3, 1, 1, 0,
    ]);
    expect(res.body.items.map((d: { id: string }) => d.id)).toEqual([many.id, mid.id, low.id, high.id]);

    expect(await ids('sort=relatedMemberCount')).toEqual([high.id, mid.id, low.id, many.id]);
    // Code-point order (COLLATE "C"): 中 < 低 < 多 < 高.
    expect(await ids('sort=title')).toEqual([mid.id, low.id, many.id, high.id]);
    expect(await ids('sort=-title')).toEqual([high.id, many.id, low.id, mid.id]);
    expect(await ids('sort=priority')).toEqual([high.id, mid.id, many.id, low.id]);
    expect(await ids('priority=low')).toEqual([many.id, low.id]);
    expect(await ids('status=negotiating')).toEqual([mid.id]);

    const page1 = await t.api('GET', '/api/demands?q=ORD&limit=3');
    expect(page1.body.items).toHaveLength(3);
    const page2 = await t.api('GET', `/api/demands?q=ORD&limit=3&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((d: { id: string }) => d.id)).toEqual([high.id]);
    expect(
      (await t.api('GET', '/api/demands?q=ORD&limit=2&offset=2')).body.items.map((d: { id: string }) => d.id),
    ).toEqual([low.id, high.id]);
  });

  it('sorts by next negotiation date with undated demands last', async () => {
    const a = await createDemand({ title: 'NEG a', nextNegotiationOn: '2026-05-01' });
    const b = await createDemand({ title: 'NEG b' });
    const c = await createDemand({ title: 'NEG c', nextNegotiationOn: '2026-04-10' });
    const ids = async (sort: string) =>
      (await t.api('GET', `/api/demands?q=NEG&sort=${sort}`)).body.items.map((d: { id: string }) => d.id);
    expect(await ids('nextNegotiationOn')).toEqual([c.id, a.id, b.id]);
    expect(await ids('-nextNegotiationOn')).toEqual([a.id, c.id, b.id]);
  });

  it('treats % and _ in q literally and rejects unknown filters values', async () => {
    const pct = await createDemand({ title: '賃上げ5%以上' });
    await createDemand({ title: '賃上げ5割' });
    const res = await t.api('GET', `/api/demands?q=${encodeURIComponent('5%')}`);
    expect(res.body.items.map((d: { id: string }) => d.id)).toEqual([pct.id]);
    for (const query of [
      'sort=members',
      'priority=urgent',
      'status=x',
      'limit=501',
      'limit=0',
      'cursor=bogus',
    ]) {
      const bad = await t.api('GET', `/api/demands?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
    }
  });
});

describe('demands API: negotiation log', () => {
  it('creates, lists newest first, updates and deletes log entries', async () => {
    clock = new Date('2026-03-31T15:30:00Z');
    const d = await createDemand({ title: '交渉の記録' });
    const first = await t.api('POST', `/api/demands/${d.id}/notes`, {
      kind: 'management_response',
      body: '会社側は検討すると回答',
    });
    expect(first.status).toBe(201);
    // Today in Asia/Tokyo, not the server's UTC date.
    expect(first.body).toMatchObject({
      demandId: d.id,
      occurredOn: '2026-04-01',
      kind: 'management_response',
      body: '会社側は検討すると回答',
      authorId: t.admin.id,
      authorName: 'admin user',
      version: 1,
    });
    const older = await t.api('POST', `/api/demands/${d.id}/notes`, {
      occurredOn: '2026-03-01',
      kind: 'negotiation',
      body: '第1回団体交渉',
    });
    expect(older.status).toBe(201);
    const newest = await t.api('POST', `/api/demands/${d.id}/notes`, {
      occurredOn: '2026-06-01',
      kind: 'internal',
      body: '執行委員会で方針確認',
    });

    const list = await t.api('GET', `/api/demands/${d.id}/notes`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((n: { id: string }) => n.id)).toEqual([
      newest.body.id,
      first.body.id,
      older.body.id,
    ]);
    expect(list.body.items[2]).toEqual(older.body);

    const patched = await t.api('PATCH', `/api/demands/${d.id}/notes/${older.body.id}`, {
      occurredOn: '2026-03-02',
      kind: 'management_response',
      body: '第1回団体交渉(訂正)',
      version: 1,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      occurredOn: '2026-03-02',
      kind: 'management_response',
      body: '第1回団体交渉(訂正)',
      version: 2,
    });
    const stale = await t.api('PATCH', `/api/demands/${d.id}/notes/${older.body.id}`, {
      body: '上書き',
      version: 1,
    });
    expect(stale.status).toBe(409);
    for (const body of [
      { kind: 'rumor', version: 2 },
      { body: '', version: 2 },
      { occurredOn: null, version: 2 },
      { occurredOn: '2025-02-30', version: 2 },
      { authorId: MISSING, version: 2 },
    ]) {
      const bad = await t.api('PATCH', `/api/demands/${d.id}/notes/${older.body.id}`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.fields).toBeDefined();
    }
    const other = await createDemand({ title: '別の要求' });
    expect(
      (await t.api('PATCH', `/api/demands/${other.id}/notes/${older.body.id}`, { body: 'x', version: 2 }))
        .status,
    ).toBe(404);
    expect((await t.api('DELETE', `/api/demands/${other.id}/notes/${older.body.id}?version=2`)).status).toBe(
      404,
    );
    expect((await t.api('GET', `/api/demands/${d.id}/notes`)).body.items[2]).toEqual(patched.body);

    expect((await t.api('DELETE', `/api/demands/${d.id}/notes/${older.body.id}?version=1`)).status).toBe(409);
    expect((await t.api('DELETE', `/api/demands/${d.id}/notes/${older.body.id}?version=2`)).status).toBe(204);
    expect((await t.api('DELETE', `/api/demands/${d.id}/notes/${older.body.id}?version=2`)).status).toBe(404);
    expect((await t.api('GET', `/api/demands/${d.id}/notes`)).body.total).toBe(2);
    // Logging does not touch the demand itself.
    expect((await t.api('GET', `/api/demands/${d.id}`)).body.version).toBe(1);
  });

  it('rejects bad log entries with 400 and writes nothing', async () => {
    const d = await createDemand({ title: '不正な記録' });
    for (const [body, field] of [
      [{ body: 'x' }, 'kind'],
      [{ kind: 'rumor', body: 'x' }, 'kind'],
      [{ kind: 'internal' }, 'body'],
      [{ kind: 'internal', body: 'x'.repeat(10001) }, 'body'],
      [{ kind: 'internal', body: 'x', occurredOn: '2025-02-30' }, 'occurredOn'],
      [{ kind: 'internal', body: 'x', authorId: MISSING }, 'authorId'],
    ] as const) {
      const res = await t.api('POST', `/api/demands/${d.id}/notes`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields).toHaveProperty(field);
    }
    expect((await t.api('POST', `/api/demands/${d.id}/notes`, '{"kind":')).status).toBe(400);
    expect((await t.api('GET', `/api/demands/${d.id}/notes`)).body.total).toBe(0);
  });
});

describe('demands API: OpenAPI', () => {
  it('documents every demand route under its tag', async () => {
    const res = await t.api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths;
    const expected: [string, string[]][] = [
      ['/demands', ['get', 'post']],
      ['/demands/{id}', ['get', 'patch', 'delete']],
      ['/demands/{id}/members', ['get']],
      ['/demands/{id}/members/{memberId}', ['put', 'delete']],
      ['/demands/{id}/notes', ['get', 'post']],
      ['/demands/{id}/notes/{noteId}', ['patch', 'delete']],
    ];
    for (const [path, methods] of expected) {
      for (const method of methods)
        expect(paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['Demands 交渉・要求']);
    }
    expect(res.body.components.schemas).toHaveProperty('Demand');
    expect(res.body.components.schemas).toHaveProperty('DemandMember');
    expect(res.body.components.schemas).toHaveProperty('DemandNote');
  });
});
