import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { engagementHistory, members, workplaces } from '../../db/schema';

// 自分の担当だけ (issue 17): mine=1 narrows the dashboards to the members the signed-in user owns.
const NOW = new Date('2026-03-18T03:00:00Z');
let t: TestApp;
let a: Awaited<ReturnType<TestApp['addUser']>>;
let b: Awaited<ReturnType<TestApp['addUser']>>;
beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  a = await t.addUser('officer');
  b = await t.addUser('officer');
  const [w1, w2] = await t.db
    .insert(workplaces)
    .values([
      { name: '第一', employeeCount: 10 },
      { name: '第二', employeeCount: 10 },
    ])
    .returning();
  const at = new Date('2025-06-01T00:00:00Z');
  const rows = await t.db
    .insert(members)
    .values(
      (
        [
          {
            name: 'Aの要注意',
            workplaceId: w1!.id,
            ownerId: a.user.id,
            engagement: 'at_risk',
            nextActionDueOn: '2026-03-17',
            nextAction: '電話',
          },
          { name: 'Aの普通', workplaceId: w1!.id, ownerId: a.user.id, engagement: 'regular' },
          {
            name: 'Bの要注意',
            workplaceId: w2!.id,
            ownerId: b.user.id,
            engagement: 'at_risk',
            nextActionDueOn: '2026-03-17',
            nextAction: '訪問',
          },
          { name: '担当なし要注意', workplaceId: w2!.id, engagement: 'at_risk' },
        ] as (typeof members.$inferInsert)[]
      ).map((m) => ({ ...m, createdAt: at, updatedAt: at })),
    )
    .returning();
  for (const m of rows) {
    await t.db
      .insert(engagementHistory)
      .values({ memberId: m.id, from: null, to: m.engagement, changedAt: at });
  }
});
afterAll(async () => {
  await t?.close();
});

const names = (items: { name: string }[]) => items.map((i) => i.name).sort();

describe('自分の担当だけ on the dashboards', () => {
  it('weekly: lists, totals and the workplace map hold the user’s own members only; the cache keeps users apart', async () => {
    const everyone = await t.as(a.cookie)('GET', '/api/dashboards/weekly');
    expect(everyone.status, everyone.text).toBe(200);
    expect(everyone.body.totals.attritionRisk).toBe(3);

    const mineA = await t.as(a.cookie)('GET', '/api/dashboards/weekly?mine=1');
    expect(mineA.status, mineA.text).toBe(200);
    expect(names(mineA.body.attritionRisk)).toEqual(['Aの要注意']);
    expect(mineA.body.totals.attritionRisk).toBe(1);
    expect(names(mineA.body.nextActions)).toEqual(['Aの要注意']);
    expect(mineA.body.workplaceMap.map((w: { name: string }) => w.name)).toEqual(['第一']);
    expect(mineA.body.workplaceMap[0].memberCount).toBe(2);

    // Same data version, another user: their own figures, not A's from the cache.
    const mineB = await t.as(b.cookie)('GET', '/api/dashboards/weekly?mine=1');
    expect(names(mineB.body.attritionRisk)).toEqual(['Bの要注意']);
    expect(mineB.body.workplaceMap.map((w: { name: string }) => w.name)).toEqual(['第二']);
    expect(mineB.body.workplaceMap[0].memberCount).toBe(1);

    // The admin owns no one: empty lists.
    const admin = await t.api('GET', '/api/dashboards/weekly?mine=1');
    expect(admin.body.totals.attritionRisk).toBe(0);
    expect(admin.body.workplaceMap).toEqual([]);

    // The drill-down follows the narrowed figure.
    const drill = await t.as(a.cookie)('GET', '/api/dashboards/members?figure=attrition_risk&mine=1');
    expect(names(drill.body.items)).toEqual(['Aの要注意']);
    expect((await t.as(a.cookie)('GET', '/api/dashboards/weekly?mine=yes')).status).toBe(400);
  });

  it('monthly: the at-risk trend counts the user’s members; organization rates stay the scope’s', async () => {
    const all = await t.as(a.cookie)('GET', '/api/dashboards/monthly');
    const mine = await t.as(a.cookie)('GET', '/api/dashboards/monthly?mine=1');
    expect(mine.status, mine.text).toBe(200);
    expect(all.body.attritionTrend.at(-1).atRiskCount).toBe(3);
    expect(mine.body.attritionTrend.at(-1).atRiskCount).toBe(1);
    expect(mine.body.organizationRates).toEqual(all.body.organizationRates);
  });
});
