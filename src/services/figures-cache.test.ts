import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { bumpDashboardsVersion, readDashboardsVersion } from '../db/queries/data-versions';
import { members, workplaces } from '../db/schema';

// The dashboards are computed once per state of the data: a change committed
// anywhere (this server, another one, psql) is seen on the next request; a
// change rolled back, or to a table the figures do not read, keeps the cache.
const NOW = new Date('2026-03-18T03:00:00Z');
let t: TestApp;
let workplaceId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const [w] = await t.db.insert(workplaces).values({ name: 'キャッシュ職場', employeeCount: 40 }).returning();
  workplaceId = w!.id;
  await t.db.insert(members).values(
    Array.from({ length: 10 }, (_, i) => ({
      name: `組合員${i}`,
      workplaceId,
      engagement: 'regular' as const,
      joinedOn: '2020-04-01',
    })),
  );
});
afterAll(async () => {
  await t?.close();
});

const weekly = async () => (await t.api('GET', '/api/dashboards/weekly')).body;
const monthly = async () => (await t.api('GET', '/api/dashboards/monthly')).body;
const mapRow = (body: { workplaceMap: { workplaceId: string; counts: Record<string, number> }[] }) =>
  body.workplaceMap.find((w) => w.workplaceId === workplaceId)!;

describe('figures cache (dashboards, demand counts)', () => {
  it('answers the same figures again without a change, and new ones after a change through the API', async () => {
    const before = await weekly();
    expect(await weekly()).toEqual(before);
    const [m] = await t.db.select().from(members).limit(1);
    const res = await t.api('PATCH', `/api/members/${m!.id}`, {
      engagement: 'at_risk',
      engagementReason: '面談で不満',
      version: m!.version,
    });
    expect(res.status).toBe(200);
    const after = await weekly();
    expect(after.totals.attritionRisk).toBe(before.totals.attritionRisk + 1);
    expect(mapRow(after).counts.at_risk).toBe((mapRow(before).counts.at_risk ?? 0) + 1);
  });

  it('sees a change committed outside the application (another server, psql)', async () => {
    const before = await monthly();
    const rate = (body: { organizationRates: { workplaceId: string; memberCount: number }[] }) =>
      body.organizationRates.find((w) => w.workplaceId === workplaceId)!.memberCount;
    await t.db.execute(sql`update members set status = 'left', left_on = '2026-03-01'
      where id = (select id from members where workplace_id = ${workplaceId} and status = 'active' order by name limit 1)`);
    expect(rate(await monthly())).toBe(rate(before) - 1);
  });

  it('moves the version once per committed transaction, not per row, and not on a rollback', async () => {
    const v0 = BigInt(await readDashboardsVersion(t.db));
    await t.db.execute(sql`update members set concerns = '人員不足' where workplace_id = ${workplaceId}`);
    const v1 = BigInt(await readDashboardsVersion(t.db));
    expect(v1).toBe(v0 + 1n);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.execute(sql`update members set concerns = null where workplace_id = ${workplaceId}`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(BigInt(await readDashboardsVersion(t.db))).toBe(v1);
    // Notes are not read by the dashboards: writing one keeps every cached figure.
    const [m] = await t.db.select().from(members).limit(1);
    await t.api('POST', `/api/members/${m!.id}/notes`, {
      occurredOn: '2026-03-18',
      channel: 'visit',
      body: '雑談',
    });
    expect(BigInt(await readDashboardsVersion(t.db))).toBe(v1);
    await bumpDashboardsVersion(t.db);
    expect(BigInt(await readDashboardsVersion(t.db))).toBe(v1 + 1n);
  });

  it("counts a demand's members anew after a link, in the demand and in the list", async () => {
    const created = await t.api('POST', '/api/demands', { title: '人員増', priority: 'high' });
    const id = created.body.id;
    const count = async () => (await t.api('GET', `/api/demands/${id}`)).body.relatedMemberCount;
    const listed = async () =>
      (await t.api('GET', '/api/demands?limit=100')).body.items.find((d: { id: string }) => d.id === id)
        .relatedMemberCount;
    expect(await count()).toBe(0);
    expect(await listed()).toBe(0);
    const [m] = await t.db.select().from(members).where(sql`status = 'active'`).limit(1);
    const linked = await t.api('PUT', `/api/demands/${id}/members/${m!.id}`);
    expect(linked.status).toBeLessThan(300);
    expect(linked.body.relatedMemberCount).toBe(1);
    expect(await count()).toBe(1);
    expect(await listed()).toBe(1);
  });

  it('keeps scopes apart: a rep sees their workplaces only, even right after an officer filled the cache', async () => {
    const officerView = await weekly();
    const rep = await t.addUser('rep', 'cache-rep@example.org');
    const repView = (await t.as(rep.cookie)('GET', '/api/dashboards/weekly')).body;
    expect(officerView.workplaceMap.length).toBeGreaterThan(0);
    expect(repView.workplaceMap).toEqual([]);
  });
});
