import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { auditLog, demandMembers, members, workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

/**
 * Linking many members to a demand at once (PUT/DELETE /api/demands/:id/members):
 * by ids or by the member list's filters, within the caller's scope, set-based,
 * one audit event per operation beside the row audit of each link.
 */

let t: TestApp;
let A: string;
let B: string;
let repCall: TestApp['api'];
let repId: string;
const MISSING = '00000000-0000-4000-8000-000000000000';

/** Members: 6 in A (4 active general members, 1 left, 1 organizing target), 3 in B, 1 without a workplace. */
const inA: string[] = [];
const inB: string[] = [];
let nowhere: string;

async function newDemand(title: string): Promise<string> {
  const res = await t.api('POST', '/api/demands', { title });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

/** The links in the database, independently of the API. */
async function linksOf(demandId: string): Promise<{ memberId: string; source: string }[]> {
  return t.db
    .select({ memberId: demandMembers.memberId, source: demandMembers.source })
    .from(demandMembers)
    .where(eq(demandMembers.demandId, demandId));
}

beforeAll(async () => {
  t = await createTestApp();
  const [a, b] = await t.db
    .insert(workplaces)
    .values([{ name: '第一製造部' }, { name: '第二製造部' }])
    .returning({ id: workplaces.id });
  A = a!.id;
  B = b!.id;
  const rows = await t.db
    .insert(members)
    .values([
      { name: '青木 一郎', nameKana: 'アオキ イチロウ', workplaceId: A, engagement: 'active_core' as const },
      { name: '石井 二郎', nameKana: 'イシイ ジロウ', workplaceId: A, engagement: 'active_core' as const },
      { name: '上田 三郎', nameKana: 'ウエダ サブロウ', workplaceId: A },
      { name: '江藤 四郎', nameKana: 'エトウ シロウ', workplaceId: A },
      {
        name: '小川 五郎',
        nameKana: 'オガワ ゴロウ',
        workplaceId: A,
        status: 'left' as const,
        leftOn: '2026-01-31',
      },
      {
        name: '加藤 六郎',
        nameKana: 'カトウ ロクロウ',
        workplaceId: A,
        unionRole: 'organizing_target' as const,
      },
      { name: '木村 七子', nameKana: 'キムラ ナナコ', workplaceId: B, engagement: 'active_core' as const },
      { name: '工藤 八子', nameKana: 'クドウ ハチコ', workplaceId: B },
      { name: '小林 九子', nameKana: 'コバヤシ キュウコ', workplaceId: B },
      { name: '佐藤 十子', nameKana: 'サトウ トオコ', workplaceId: null },
    ])
    .returning({ id: members.id, workplaceId: members.workplaceId });
  for (const r of rows) {
    if (r.workplaceId === A) inA.push(r.id);
    else if (r.workplaceId === B) inB.push(r.id);
    else nowhere = r.id;
  }
  const email = 'rep-bulk@example.org';
  const rep = await createUser(t.db, {
    email,
    displayName: 'rep user',
    role: 'rep',
    password: TEST_PASSWORD,
    workplaceIds: [A],
  });
  repId = rep.id;
  repCall = t.as(await t.signIn(email));
});

afterAll(async () => {
  await t?.close();
});

describe('PUT /api/demands/:id/members', () => {
  it('links every member of a filter, counts only the links made, and marks them bulk', async () => {
    const demand = await newDemand('賃上げ 一括');
    const res = await t.api('PUT', `/api/demands/${demand}/members`, { filter: { workplaceId: A } });
    expect(res.status, res.text).toBe(200);
    // 6 links made; 4 count (the left member and the organizing target do not).
    expect(res.body).toEqual({ linked: 6, relatedMemberCount: 4 });
    const links = await linksOf(demand);
    expect(links.map((l) => l.memberId).sort()).toEqual([...inA].sort());
    expect(new Set(links.map((l) => l.source))).toEqual(new Set(['bulk']));

    // Again, with the whole union: only the 4 not yet linked are new.
    const again = await t.api('PUT', `/api/demands/${demand}/members`, { filter: {} });
    expect(again.body).toEqual({ linked: 4, relatedMemberCount: 8 });
    const got = await t.api('GET', `/api/demands/${demand}`);
    expect(got.body.relatedMemberCount).toBe(8);
  });

  it('combines the filters as the member list does (search and engagement)', async () => {
    const demand = await newDemand('休憩室の改善');
    const filter = { engagement: 'active_core', q: 'き' };
    const list = await t.api(
      'GET',
      `/api/members?engagement=active_core&q=${encodeURIComponent('き')}&limit=100`,
    );
    expect(list.status, list.text).toBe(200);
    const res = await t.api('PUT', `/api/demands/${demand}/members`, { filter });
    expect(res.status, res.text).toBe(200);
    expect(res.body.linked).toBe(list.body.total);
    expect((await linksOf(demand)).map((l) => l.memberId).sort()).toEqual(
      list.body.items.map((m: { id: string }) => m.id).sort(),
    );
    expect(res.body.linked).toBeGreaterThan(0);
  });

  it('links by ids, skipping unknown ids and repeated ones', async () => {
    const demand = await newDemand('夜勤手当');
    const res = await t.api('PUT', `/api/demands/${demand}/members`, {
      memberIds: [inA[0], inA[0], inB[0], MISSING],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ linked: 2, relatedMemberCount: 2 });
  });

  it('leaves an officer’s single link as it was (who, when, source officer)', async () => {
    const demand = await newDemand('通勤手当');
    expect((await t.api('PUT', `/api/demands/${demand}/members/${inA[0]}`)).status).toBe(200);
    const res = await t.api('PUT', `/api/demands/${demand}/members`, { memberIds: [inA[0], inA[1]] });
    expect(res.body.linked).toBe(1);
    const sources = Object.fromEntries((await linksOf(demand)).map((l) => [l.memberId, l.source]));
    expect(sources).toEqual({ [inA[0]!]: 'officer', [inA[1]!]: 'bulk' });
  });

  it('records one link_members event with the count, besides one audit row per link', async () => {
    const demand = await newDemand('育児休業');
    await t.api('PUT', `/api/demands/${demand}/members`, { filter: { workplaceId: B } });
    const events = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, demand), eq(auditLog.action, 'link_members')));
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ linked: 3, selection: 'filter', source: 'bulk' });
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tableName, 'demand_members'),
          eq(auditLog.subjectId, demand),
          eq(auditLog.action, 'insert'),
        ),
      );
    expect(rows.map((r) => r.recordId).sort()).toEqual([...inB].sort());
  });

  it('answers 404 for an unknown demand and 400 with field messages for a bad body, writing nothing', async () => {
    const before = (await t.db.select().from(demandMembers)).length;
    const missing = await t.api('PUT', `/api/demands/${MISSING}/members`, { memberIds: [inA[0]] });
    expect(missing.status).toBe(404);
    const demand = await newDemand('退職金');
    for (const [body, field] of [
      [{}, 'memberIds'],
      [{ memberIds: [inA[0]], filter: {} }, 'memberIds'],
      [{ memberIds: [] }, 'memberIds'],
      [{ memberIds: ['not-an-id'] }, 'memberIds'],
      [{ memberIds: Array.from({ length: 10_001 }, () => inA[0]) }, 'memberIds'],
      [{ filter: { workplaceId: 'x' } }, 'filter'],
      [{ filter: { engagement: 'loud' } }, 'filter'],
      [{ filter: { sort: 'name' } }, 'filter'],
      [{ filter: { q: 'a\u0000b' } }, 'filter'],
      [{ ids: [inA[0]] }, 'ids'],
    ] as const) {
      const res = await t.api('PUT', `/api/demands/${demand}/members`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(
        Object.keys(res.body.error.fields ?? {}).some((k) => k === field || k.startsWith(`${field}.`)),
        `${JSON.stringify(body).slice(0, 80)} ${res.text}`,
      ).toBe(true);
    }
    expect((await t.db.select().from(demandMembers)).length).toBe(before);
  });
});

describe('DELETE /api/demands/:id/members', () => {
  it('unlinks by ids and by filter, counting what was removed, with one unlink_members event', async () => {
    const demand = await newDemand('安全衛生');
    await t.api('PUT', `/api/demands/${demand}/members`, { filter: {} });
    const byIds = await t.api('DELETE', `/api/demands/${demand}/members`, {
      memberIds: [inA[0], inA[1], MISSING],
    });
    expect(byIds.status, byIds.text).toBe(200);
    expect(byIds.body).toEqual({ unlinked: 2, relatedMemberCount: 6 });
    const byFilter = await t.api('DELETE', `/api/demands/${demand}/members`, { filter: { workplaceId: B } });
    expect(byFilter.body).toEqual({ unlinked: 3, relatedMemberCount: 3 });
    expect((await linksOf(demand)).map((l) => l.memberId).sort()).toEqual([...inA.slice(2), nowhere].sort());
    const events = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, demand), eq(auditLog.action, 'unlink_members')));
    expect(events.map((e) => e.details)).toEqual([
      { unlinked: 2, selection: 'ids', requested: 3 },
      { unlinked: 3, selection: 'filter' },
    ]);
  });
});

describe('a rep', () => {
  it('links by filter only the members of the rep’s workplaces, counted in the database', async () => {
    const demand = await newDemand('職場の人員増');
    const res = await repCall('PUT', `/api/demands/${demand}/members`, { filter: {} });
    expect(res.status, res.text).toBe(200);
    const [row] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from demand_members dm
        join members m on m.id = dm.member_id
        where dm.demand_id = ${demand} and m.workplace_id is distinct from ${A}`),
    );
    expect(Number(row!.n)).toBe(0);
    expect((await linksOf(demand)).map((l) => l.memberId).sort()).toEqual([...inA].sort());
    expect(res.body).toEqual({ linked: 6, relatedMemberCount: 4 });
    // Filtering by another workplace reaches nobody.
    const other = await repCall('PUT', `/api/demands/${demand}/members`, { filter: { workplaceId: B } });
    expect(other.body).toEqual({ linked: 0, relatedMemberCount: 4 });
  });

  it('skips ids outside the scope without telling them apart from unknown ids', async () => {
    const demand = await newDemand('有給休暇');
    const outside = await repCall('PUT', `/api/demands/${demand}/members`, { memberIds: [inB[0], nowhere] });
    const unknown = await repCall('PUT', `/api/demands/${demand}/members`, { memberIds: [MISSING] });
    expect(outside.status).toBe(200);
    expect(outside.body).toEqual(unknown.body);
    expect(outside.body).toEqual({ linked: 0, relatedMemberCount: 0 });
    expect(await linksOf(demand)).toEqual([]);
  });

  it('unlinks only the members of the rep’s workplaces', async () => {
    const demand = await newDemand('残業削減');
    await t.api('PUT', `/api/demands/${demand}/members`, { filter: {} });
    const res = await repCall('DELETE', `/api/demands/${demand}/members`, { filter: {} });
    expect(res.body).toEqual({ unlinked: 6, relatedMemberCount: 0 });
    expect((await linksOf(demand)).map((l) => l.memberId).sort()).toEqual([...inB, nowhere].sort());
    const [event] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, demand), eq(auditLog.action, 'unlink_members')));
    expect(event!.actorId).toBe(repId);
  });
});

describe('a link’s source', () => {
  it('moves with the link when a duplicate record is merged into another', async () => {
    const demand = await newDemand('統合の確認');
    const [kept, other] = await t.db
      .insert(members)
      .values([
        { name: '統合 太郎', nameKana: 'トウゴウ タロウ', workplaceId: A },
        { name: '統合 太郎', nameKana: 'トウゴウ タロウ', workplaceId: A },
      ])
      .returning({ id: members.id, version: members.version });
    await t.api('PUT', `/api/demands/${demand}/members`, { memberIds: [other!.id] });
    const merged = await t.api('POST', `/api/members/${kept!.id}/merge`, {
      otherId: other!.id,
      version: kept!.version,
      otherVersion: other!.version,
    });
    expect(merged.status, merged.text).toBe(200);
    expect(await linksOf(demand)).toEqual([{ memberId: kept!.id, source: 'bulk' }]);
  });
});
