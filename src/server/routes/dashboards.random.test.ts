import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { monthlySnapshots } from '../../db/schema';
import { addDays, localDay, oracle } from '../../services/dashboards/dashboard-oracle.test-helper';
import {
  generateRandomUnion,
  loadUnion,
  type Union,
} from '../../services/dashboards/random-union.test-helper';
import { takeMonthlySnapshots } from '../../services/dashboards/take-monthly-snapshots';
import { seedDemo } from '../../services/demo/seed-demo';

// Every dashboard figure on random unions, against the independent computation
// in dashboard-oracle.test-helper.ts over the same rows read back. A failing
// seed replays exactly.
type Fill = (db: TestApp['db'], p: { now: Date; today: string; timeZone: string }) => Promise<unknown>;
const random =
  (seed: number): Fill =>
  (db, p) =>
    generateRandomUnion(db, { seed, ...p });
const demo: Fill = (db, p) => seedDemo(db, { seed: 3, now: p.now });

const UNIONS = [
  // A Monday noon in Tokyo.
  { name: 'seed 101', fill: random(101), timeZone: 'Asia/Tokyo', now: new Date('2026-03-16T03:00:00Z') },
  // Sunday 23:59 in Tokyo, the last day of May (while UTC still says 14:59 the same day).
  { name: 'seed 202', fill: random(202), timeZone: 'Asia/Tokyo', now: new Date('2026-05-31T14:59:00Z') },
  { name: 'seed 303', fill: random(303), timeZone: 'UTC', now: new Date('2026-04-01T00:30:00Z') },
  // Daylight saving time moves the cut-offs by an hour in summer.
  {
    name: 'seed 404',
    fill: random(404),
    timeZone: 'America/Los_Angeles',
    now: new Date('2026-07-15T19:00:00Z'),
  },
  // The demo union: 600 members with 18 months of history written by its own generator.
  { name: 'the demo union', fill: demo, timeZone: 'Asia/Tokyo', now: new Date('2026-05-20T03:00:00Z') },
];

describe.each(UNIONS)('$name ($timeZone)', ({ fill, timeZone, now }) => {
  let t: TestApp;
  let u: Union;
  let o: ReturnType<typeof oracle>;
  const today = localDay(now.getTime(), timeZone);

  beforeAll(async () => {
    t = await createTestApp({ now: () => now });
    await fill(t.db, { now, today, timeZone });
    u = await loadUnion(t.db);
    o = oracle(u);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Today, the week's Sunday and Monday, the next Monday, and days further off. */
  const asOfs = () => {
    const { weekStart, weekEnd } = o.week(today);
    return [today, weekStart, weekEnd, addDays(weekEnd, 1), addDays(today, -45), addDays(today, -100)];
  };

  it('has enough of each kind of row to mean something', () => {
    expect(u.members.length).toBeGreaterThanOrEqual(150);
    expect(u.history.length).toBeGreaterThan(300);
    expect(u.members.filter((m) => m.status === 'left').length).toBeGreaterThan(10);
    expect(o.weekly(today).followUps.length).toBeGreaterThan(5);
    expect(o.weekly(today).attritionRisk.length).toBeGreaterThan(3);
    expect(o.weekly(today).earlyWarnings.length).toBeGreaterThan(3);
    const next = o.weekly(today).nextActions;
    expect(next.filter((n) => n.overdue).length).toBeGreaterThan(3);
    expect(next.filter((n) => !n.overdue).length).toBeGreaterThan(3);
  });

  it('weekly: followUps, attritionRisk, workplaceMap, earlyWarnings, nextActions and totals equal the independent computation', async () => {
    for (const asOf of asOfs()) {
      const res = await t.api('GET', `/api/dashboards/weekly?asOf=${asOf}`);
      expect(res.status, asOf).toBe(200);
      expect(res.body, `weekly as of ${asOf}`).toEqual(o.weekly(asOf));
    }
    // Without asOf: today in the organization's time zone.
    const res = await t.api('GET', '/api/dashboards/weekly');
    expect(res.body).toEqual(o.weekly(today));
  });

  it('weekly: lists stop at limit, totals count them all', async () => {
    const expected = o.weekly(today);
    const res = await t.api('GET', `/api/dashboards/weekly?asOf=${today}&limit=3`);
    expect(res.status).toBe(200);
    expect(res.body.followUps).toEqual(expected.followUps.slice(0, 3));
    expect(res.body.attritionRisk).toEqual(expected.attritionRisk.slice(0, 3));
    expect(res.body.earlyWarnings).toEqual(expected.earlyWarnings.slice(0, 3));
    expect(res.body.nextActions).toEqual(expected.nextActions.slice(0, 3));
    expect(res.body.workplaceMap).toEqual(expected.workplaceMap);
    expect(res.body.totals).toEqual(expected.totals);
  });

  it('monthly: demands, organization rates, overall rate, distribution and attritionTrend', async () => {
    const lastMonthEnd = addDays(`${today.slice(0, 7)}-01`, -1);
    for (const asOf of [today, lastMonthEnd, addDays(today, -200)]) {
      const res = await t.api('GET', `/api/dashboards/monthly?asOf=${asOf}`);
      expect(res.status, asOf).toBe(200);
      const rates = o.organizationRates();
      expect(res.body.asOf).toBe(asOf);
      expect(res.body.month).toBe(asOf.slice(0, 7));
      expect(res.body.demands).toEqual(o.demands(asOf));
      const all = await t.api('GET', `/api/dashboards/monthly?asOf=${asOf}&season=all`);
      expect(all.body.demands).toEqual(o.demands(asOf, 'all'));
      expect(all.body.season).toBeNull();
      expect(res.body.organizationRates).toEqual(rates.organizationRates);
      expect(res.body.overallOrganizationRate).toBe(rates.overallOrganizationRate);
      expect(res.body.overallBasis).toEqual(rates.overallBasis);
      expect(
        res.body.organizationRateDistribution.map((d: { band: string; workplaceCount: number }) => ({
          band: d.band,
          workplaceCount: d.workplaceCount,
        })),
      ).toEqual(rates.distribution);
      expect(res.body.attritionTrend, `trend as of ${asOf}`).toEqual(o.attritionTrend(asOf));
    }
  });

  it('organizationRateTrend: snapshots written on demand and by the sweep hold what the months’ ends held', async () => {
    const months = o.months(today);
    // Nothing stored yet: past months are missing, asOf's month is computed live.
    const before = await t.api('GET', '/api/dashboards/monthly');
    expect(
      before.body.organizationRateTrend.slice(0, 11).every((p: { source: string }) => p.source === 'none'),
    ).toBe(true);

    // The sweep backfills the past months (those after the union's first member on record).
    const swept = await takeMonthlySnapshots({ db: t.db, now });
    expect(swept.written).toEqual(expect.arrayContaining(months.slice(0, 11).map((m) => m.month)));
    // Half of them again on demand: the same figures, replaced rather than duplicated.
    for (const { month } of months.slice(0, 11).filter((_, i) => i % 2 === 0)) {
      const res = await t.api('POST', '/api/dashboards/snapshots', { month });
      expect(res.status, month).toBe(200);
      const f = o.monthFigures(months.find((m) => m.month === month)!.endOn);
      expect(res.body).toMatchObject({
        month,
        provisional: false,
        memberCount: f.totalMemberCount,
        ratedMemberCount: f.memberCount,
        employeeCount: f.employeeCount,
        atRiskCount: f.atRiskCount,
        workplaceCount: u.workplaces.length,
      });
    }

    const res = await t.api('GET', '/api/dashboards/monthly');
    expect(res.status).toBe(200);
    expect(res.body.organizationRateTrend).toEqual(
      months.map(({ month, endOn }) => {
        const f = o.monthFigures(endOn);
        return {
          month,
          memberCount: f.memberCount,
          employeeCount: f.employeeCount,
          organizationRate: f.employeeCount ? f.memberCount / f.employeeCount : null,
          totalMemberCount: f.totalMemberCount,
          source: month === today.slice(0, 7) ? 'live' : 'snapshot',
        };
      }),
    );
    // The snapshot's at-risk count is the trend's for every past month.
    const trend = o.attritionTrend(today);
    for (const { month, endOn } of months.slice(0, 11)) {
      const perWorkplace = await t.db
        .select()
        .from(monthlySnapshots)
        .where(and(eq(monthlySnapshots.month, month), isNotNull(monthlySnapshots.workplaceId)));
      const f = o.monthFigures(endOn);
      expect(perWorkplace).toHaveLength(u.workplaces.length);
      for (const row of perWorkplace) {
        const w = f.perWorkplace.get(row.workplaceId!)!;
        expect(row, `${month} ${row.workplaceId}`).toMatchObject({
          memberCount: w.memberCount,
          ratedMemberCount: (w.employeeCount ?? 0) > 0 ? w.memberCount : 0,
          employeeCount: w.employeeCount,
          atRiskCount: w.atRiskCount,
        });
      }
      expect(f.atRiskCount).toBe(trend.find((p) => p.month === month)!.atRiskCount);
    }
    // A second sweep the same day finds every past month final: nothing to write.
    const again = await takeMonthlySnapshots({ db: t.db, now });
    expect(again.written.filter((m) => m !== today.slice(0, 7))).toEqual([]);
  });

  it('drill-downs list exactly the members each figure counts', async () => {
    /** Every page of a drill-down: the ids listed, after checking `total` against them. */
    const list = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      let total: number | undefined;
      do {
        const sep = query.includes('?') ? '&' : '?';
        const res = await t.api(
          'GET',
          `/api/dashboards/${query}${sep}limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status, query).toBe(200);
        total = res.body.total;
        ids.push(...(res.body.items as { memberId: string }[]).map((m) => m.memberId));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(ids).toHaveLength(total!);
      return ids.sort();
    };
    const weekly = o.weekly(today);
    for (const w of weekly.workplaceMap) {
      expect(await list(`members?figure=workplace&workplaceId=${w.workplaceId}`)).toEqual(
        o.drill.workplace(w.workplaceId),
      );
      for (const e of ['at_risk', 'rare'] as const) {
        const ids = await list(`members?figure=workplace&workplaceId=${w.workplaceId}&engagement=${e}`);
        expect(ids).toEqual(o.drill.workplace(w.workplaceId, e));
        expect(ids).toHaveLength(w.counts[e]!);
      }
    }
    expect(await list('members?figure=rated')).toHaveLength(o.organizationRates().overallBasis.memberCount);
    expect(await list('members?figure=rated')).toEqual(o.drill.rated());
    expect(await list('members?figure=attrition_risk')).toEqual(o.drill.attritionRisk());
    for (const asOf of asOfs().slice(0, 4)) {
      expect(await list(`members?figure=early_warning&asOf=${asOf}`)).toEqual(o.drill.earlyWarning(asOf));
      expect(await list(`members?figure=follow_up&asOf=${asOf}`)).toEqual(o.drill.followUp(asOf));
      const next = await list(`members?figure=next_action&asOf=${asOf}`);
      expect(next, asOf).toEqual(o.drill.nextAction(asOf));
      expect(next).toHaveLength(o.weekly(asOf).totals.nextActions);
    }
    for (const d of o.demands(today, 'all')) {
      const ids = await list(`members?figure=demand&demandId=${d.demandId}`);
      expect(ids).toEqual(o.drill.demand(d.demandId));
      expect(ids).toHaveLength(d.relatedMemberCount);
    }
    for (const { month, endOn, atRiskCount } of o.attritionTrend(today)) {
      const ids = await list(`at-risk-members?month=${month}`);
      expect(ids, month).toEqual(o.drill.atRiskMonth(endOn));
      expect(ids).toHaveLength(atRiskCount);
      expect(await list(`members?figure=at_risk_month&month=${month}&asOf=${today}`)).toEqual(ids);
      expect(await list(`members?figure=month_end&month=${month}`)).toEqual(o.drill.monthEnd(endOn));
    }
  });

  it('drill-downs page in kana order (reading, then name, then id)', async () => {
    const all: { memberId: string; nameKana: string | null; name: string }[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.api(
        'GET',
        `/api/dashboards/members?figure=rated&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(all.map((m) => m.memberId).sort()).toEqual(o.drill.rated());
    const key = (m: { nameKana: string | null; name: string; memberId: string }) => [
      m.nameKana,
      m.name,
      m.memberId,
    ];
    const sorted = [...all].sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < 3; i++) {
        if (ka[i] === kb[i]) continue;
        if (ka[i] === null) return 1;
        if (kb[i] === null) return -1;
        return ka[i]! < kb[i]! ? -1 : 1;
      }
      return 0;
    });
    expect(all).toEqual(sorted);
  });
});
