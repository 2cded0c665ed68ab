import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { demandLinkEvents, members, workplaces } from '../../db/schema';

/**
 * The link history (demand_link_events) names where each link and unlink came from:
 * one at a time (officer), in bulk, a merge, a removal; an erasure keeps the events
 * without the member's id. And the breakdown's inputs are refused with field messages.
 */

let t: TestApp;
let wp: string;
const NOW = new Date('2027-03-10T03:00:00Z');
const MISSING = '00000000-0000-4000-8000-000000000000';

async function newDemand(title: string): Promise<string> {
  const res = await t.api('POST', '/api/demands', { title });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

async function newMembers(n: number, prefix: string): Promise<{ id: string; name: string }[]> {
  return t.db
    .insert(members)
    .values(Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i}`, workplaceId: wp })))
    .returning({ id: members.id, name: members.name });
}

async function eventsOf(demandId: string) {
  const rows = await t.db.select().from(demandLinkEvents).where(eq(demandLinkEvents.demandId, demandId));
  return rows
    .sort((a, b) => a.id - b.id)
    .map((e) => ({ memberId: e.memberId, action: e.action, source: e.source, actorId: e.actorId }));
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const [w] = await t.db.insert(workplaces).values({ name: '第一製造部' }).returning({ id: workplaces.id });
  wp = w!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('link sources', () => {
  it('a single link and unlink are the officer’s; a bulk link and unlink are bulk', async () => {
    const demandId = await newDemand('一時金');
    const [m1, m2, m3] = await newMembers(3, '単独');
    expect((await t.api('PUT', `/api/demands/${demandId}/members/${m1!.id}`)).status).toBe(200);
    expect((await t.api('DELETE', `/api/demands/${demandId}/members/${m1!.id}`)).status).toBe(200);
    const ids = [m2!.id, m3!.id];
    expect((await t.api('PUT', `/api/demands/${demandId}/members`, { memberIds: ids })).status).toBe(200);
    expect((await t.api('DELETE', `/api/demands/${demandId}/members`, { memberIds: ids })).status).toBe(200);
    const admin = t.admin.id;
    const events = await eventsOf(demandId);
    expect(events.slice(0, 2)).toEqual([
      { memberId: m1!.id, action: 'link', source: 'officer', actorId: admin },
      { memberId: m1!.id, action: 'unlink', source: 'officer', actorId: admin },
    ]);
    const byMember = (a: { memberId: string | null }, b: { memberId: string | null }) =>
      a.memberId! < b.memberId! ? -1 : 1;
    expect(events.slice(2, 4).sort(byMember)).toEqual(
      ids.sort().map((memberId) => ({ memberId, action: 'link', source: 'bulk', actorId: admin })),
    );
    expect(events.slice(4).sort(byMember)).toEqual(
      ids.sort().map((memberId) => ({ memberId, action: 'unlink', source: 'bulk', actorId: admin })),
    );
  });

  it('a merge moves the links as merge unlinks and links, and leaves the count right', async () => {
    const demandId = await newDemand('休日');
    const otherDemand = await newDemand('手当');
    const [kept, other] = await newMembers(2, '統合');
    // Both hold 手当 (one person counted twice); only the removed record holds 休日.
    await t.api('PUT', `/api/demands/${demandId}/members/${other!.id}`);
    await t.api('PUT', `/api/demands/${otherDemand}/members`, { memberIds: [kept!.id, other!.id] });
    const version = async (id: string) => (await t.api('GET', `/api/members/${id}`)).body.version;
    const res = await t.api('POST', `/api/members/${kept!.id}/merge`, {
      otherId: other!.id,
      version: await version(kept!.id),
      otherVersion: await version(other!.id),
    });
    expect(res.status, res.text).toBe(200);
    const admin = t.admin.id;
    expect(await eventsOf(demandId)).toEqual([
      { memberId: other!.id, action: 'link', source: 'officer', actorId: admin },
      { memberId: other!.id, action: 'unlink', source: 'merge', actorId: admin },
      { memberId: kept!.id, action: 'link', source: 'merge', actorId: admin },
    ]);
    expect((await eventsOf(otherDemand)).slice(2)).toEqual([
      { memberId: other!.id, action: 'unlink', source: 'merge', actorId: admin },
    ]);
    // The history ends where the counts are: 1 on 休日, 1 on 手当 (no longer counted twice).
    for (const id of [demandId, otherDemand]) {
      const b = await t.api('GET', `/api/demands/${id}/breakdown`);
      expect(b.body.total).toBe(1);
      expect(b.body.history.points.at(-1)).toMatchObject({ date: '2027-03-10', count: 1 });
    }
    // The link keeps its own source; only the history says "merge".
    const list = await t.api('GET', `/api/demands/${demandId}/members`);
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([kept!.id]);
  });

  it('an erasure records its unlinks as removal and clears the member from every event', async () => {
    const demandId = await newDemand('残業削減');
    const [gone, stays] = await newMembers(2, '消去');
    await t.api('PUT', `/api/demands/${demandId}/members`, { memberIds: [gone!.id, stays!.id] });
    const res = await t.api('POST', `/api/members/${gone!.id}/erasure`, { confirmName: gone!.name });
    expect(res.status, res.text).toBe(200);
    const events = await eventsOf(demandId);
    const admin = t.admin.id;
    expect(events).toHaveLength(3);
    expect(events.slice(0, 2)).toEqual(
      expect.arrayContaining([
        { memberId: stays!.id, action: 'link', source: 'bulk', actorId: admin },
        { memberId: null, action: 'link', source: 'bulk', actorId: admin },
      ]),
    );
    expect(events[2]).toEqual({ memberId: null, action: 'unlink', source: 'removal', actorId: admin });
    const anywhere = await t.db
      .select()
      .from(demandLinkEvents)
      .where(eq(demandLinkEvents.memberId, gone!.id));
    expect(anywhere).toEqual([]);
    // The union's history keeps the erased member's link and unlink; the count is right.
    const b = await t.api('GET', `/api/demands/${demandId}/breakdown`);
    expect(b.body.total).toBe(1);
    expect(b.body.history.points).toEqual([
      { date: '2027-03-10', count: 1, links: { bulk: 2 }, unlinks: { removal: 1 } },
    ]);
  });

  it('the history refuses any other change', async () => {
    const demandId = await newDemand('福利厚生');
    const [m] = await newMembers(1, '不変');
    await t.api('PUT', `/api/demands/${demandId}/members/${m!.id}`);
    await expect(
      t.db.update(demandLinkEvents).set({ source: 'bulk' }).where(eq(demandLinkEvents.demandId, demandId)),
    ).rejects.toThrow();
  });
});

describe('GET /api/demands/:id/breakdown and the drill-down filters', () => {
  it('404 for an unknown demand, 404 for a malformed id', async () => {
    expect((await t.api('GET', `/api/demands/${MISSING}/breakdown`)).status).toBe(404);
    expect((await t.api('GET', '/api/demands/nope/breakdown')).status).toBe(404);
  });

  it('an empty demand without a season has no history', async () => {
    const demandId = await newDemand('空');
    const b = await t.api('GET', `/api/demands/${demandId}/breakdown`);
    expect(b.status).toBe(200);
    expect(b.body).toEqual({
      demandId,
      total: 0,
      workplaces: [],
      jobTypes: [],
      grades: [],
      engagements: [],
      unionRoles: [],
      history: { from: null, to: null, points: [] },
    });
  });

  it('bad filters are 400 with the field named', async () => {
    const demandId = await newDemand('フィルタ');
    for (const [query, field] of [
      ['unset=department', 'unset'],
      ['counted=yes', 'counted'],
      ['engagement=hot', 'engagement'],
      ['unionRole=boss', 'unionRole'],
      [`jobType=${'x'.repeat(201)}`, 'jobType'],
      ['grade=%00', 'grade'],
    ]) {
      const res = await t.api('GET', `/api/demands/${demandId}/members?${query}`);
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.body.error.fields), query).toContain(field);
    }
  });
});
