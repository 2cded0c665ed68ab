import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import type { Engagement } from '../../core/enums';
import {
  demandMembers,
  demands,
  engagementHistory,
  memberCases,
  members,
  monthlySnapshots,
  workplaces,
} from '../../db/schema';
import { takeMonthlySnapshots } from '../../services/dashboards/take-monthly-snapshots';
import { sweepAndLog } from '../workflow-scheduler';

// Wednesday 2026-03-18, noon in Tokyo: the week runs Monday 03-16 to Sunday 03-22.
const NOW = new Date('2026-03-18T03:00:00Z');

let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}`;

function helpers(t: () => TestApp) {
  return {
    async workplace(values: Partial<typeof workplaces.$inferInsert> = {}) {
      const [w] = await t()
        .db.insert(workplaces)
        .values({ name: unique('職場'), employeeCount: 10, ...values })
        .returning();
      return w!;
    },
    /**
     * A member inserted as an import would, with an engagement history given as
     * [value, instant] pairs in time order (the last one is the current value).
     */
    async member(values: Partial<typeof members.$inferInsert>, story: [Engagement, string][] = []) {
      const createdAt = new Date(story[0]?.[1] ?? '2025-01-01T00:00:00Z');
      const [m] = await t()
        .db.insert(members)
        .values({
          name: unique('組合員'),
          engagement: story.at(-1)?.[0] ?? 'occasional',
          createdAt,
          updatedAt: createdAt,
          ...values,
        })
        .returning();
      let from: Engagement | null = null;
      for (const [to, at] of story) {
        await t()
          .db.insert(engagementHistory)
          .values({ memberId: m!.id, from, to, changedAt: new Date(at) });
        from = to;
      }
      return m!;
    },
    async openCase(
      memberId: string,
      dueOn: string | null,
      values: Partial<typeof memberCases.$inferInsert> = {},
    ) {
      const [c] = await t()
        .db.insert(memberCases)
        .values({ memberId, title: unique('相談'), openedOn: '2026-01-05', dueOn, ...values })
        .returning();
      return c!;
    },
  };
}

describe('weekly dashboard', () => {
  let t: TestApp;
  const h = helpers(() => t);
  beforeAll(async () => {
    t = await createTestApp({ now: () => NOW });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('follows up open cases due by the week’s Sunday: Sunday in, the next Monday out, overdue before asOf', async () => {
    const w = await h.workplace();
    const m = await h.member({ workplaceId: w.id, ownerId: t.admin.id });
    const sunday = await h.openCase(m.id, '2026-03-22');
    const monday = await h.openCase(m.id, '2026-03-23');
    const yesterday = await h.openCase(m.id, '2026-03-17', { sensitive: true });
    const today = await h.openCase(m.id, '2026-03-18');
    const longAgo = await h.openCase(m.id, '2025-12-01');
    await h.openCase(m.id, null);
    await h.openCase(m.id, '2026-03-10', { status: 'closed', closedOn: '2026-03-11' });
    const gone = await h.member({ status: 'left', leftOn: '2026-02-01' });
    const goneCase = await h.openCase(gone.id, '2026-03-20');

    const res = await t.api('GET', '/api/dashboards/weekly');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2026-03-18', weekStart: '2026-03-16', weekEnd: '2026-03-22' });
    expect(res.body.followUps.map((f: { caseId: string }) => f.caseId)).toEqual([
      longAgo.id,
      yesterday.id,
      today.id,
      goneCase.id,
      sunday.id,
    ]);
    expect(res.body.followUps).not.toContainEqual(expect.objectContaining({ caseId: monday.id }));
    expect(res.body.followUps[1]).toEqual({
      memberId: m.id,
      memberName: m.name,
      caseId: yesterday.id,
      caseTitle: yesterday.title,
      dueOn: '2026-03-17',
      overdue: true,
      sensitive: true,
      ownerId: t.admin.id,
      ownerName: t.admin.displayName,
    });
    // Due today is not overdue yet.
    expect(res.body.followUps[2]).toMatchObject({ caseId: today.id, overdue: false });
    expect(res.body.totals).toMatchObject({ followUps: 5, overdueFollowUps: 2 });

    // asOf on the Sunday: the same week, so Monday's case stays out; the Sunday case is due today.
    const onSunday = await t.api('GET', '/api/dashboards/weekly?asOf=2026-03-22');
    expect(onSunday.body).toMatchObject({ weekStart: '2026-03-16', weekEnd: '2026-03-22' });
    expect(onSunday.body.followUps.map((f: { caseId: string }) => f.caseId)).not.toContain(monday.id);
    expect(onSunday.body.followUps.at(-1)).toMatchObject({ caseId: sunday.id, overdue: false });
    // asOf on the next Monday: a new week that reaches to 03-29, and the Sunday case is overdue.
    const onMonday = await t.api('GET', '/api/dashboards/weekly?asOf=2026-03-23');
    expect(onMonday.body).toMatchObject({ weekStart: '2026-03-23', weekEnd: '2026-03-29' });
    expect(onMonday.body.followUps.map((f: { caseId: string }) => f.caseId)).toContain(monday.id);
    expect(onMonday.body.followUps.find((f: { caseId: string }) => f.caseId === sunday.id).overdue).toBe(
      true,
    );
    expect(onMonday.body.totals).toMatchObject({ followUps: 6, overdueFollowUps: 5 });
  });

  it('alerts counted members at risk, longest first, since the start of their current at-risk spell', async () => {
    const w = await h.workplace();
    const back = await h.member({ workplaceId: w.id }, [
      ['regular', '2025-06-01T00:00:00Z'],
      ['at_risk', '2025-07-01T00:00:00Z'],
      ['occasional', '2025-09-01T00:00:00Z'],
      ['at_risk', '2026-02-10T05:00:00Z'],
    ]);
    const long = await h.member({ workplaceId: w.id }, [['at_risk', '2025-10-01T00:00:00Z']]);
    // Counted as memberCount counts: no organizing target, no one who left.
    await h.member({ unionRole: 'organizing_target' }, [['at_risk', '2025-05-01T00:00:00Z']]);
    await h.member({ status: 'left', leftOn: '2026-03-01' }, [['at_risk', '2025-05-01T00:00:00Z']]);
    // Through the API: the initial value is history too.
    const created = await t.api('POST', '/api/members', { name: unique('新人'), engagement: 'at_risk' });

    const res = await t.api('GET', '/api/dashboards/weekly');
    const ids = res.body.attritionRisk.map((a: { memberId: string }) => a.memberId);
    expect(ids).toEqual([long.id, back.id, created.body.id]);
    expect(res.body.attritionRisk[1]).toEqual({
      memberId: back.id,
      name: back.name,
      workplaceId: w.id,
      workplaceName: w.name,
      since: '2026-02-10T05:00:00.000Z',
      sinceOn: '2026-02-10',
      ownerId: null,
      ownerName: null,
    });
    expect(res.body.attritionRisk[2]).toMatchObject({ since: NOW.toISOString(), sinceOn: '2026-03-18' });
    expect(res.body.totals.attritionRisk).toBe(3);
  });

  it('warns of a fall of two or more steps within the 90 days up to asOf, biggest first', async () => {
    // asOf 2026-03-18: the baseline is the end of 2025-12-18 in Tokyo = 2025-12-18T15:00Z.
    const w = await h.workplace({ name: unique('早期警戒') });
    const slid = await h.member({ workplaceId: w.id }, [
      ['regular', '2025-06-01T00:00:00Z'],
      ['rare', '2026-01-10T00:00:00Z'],
      ['occasional', '2026-02-01T00:00:00Z'],
      ['indifferent', '2026-03-01T00:00:00Z'],
    ]);
    // Fell two steps, then recovered one: one step below the baseline now.
    await h.member({ workplaceId: w.id }, [
      ['regular', '2025-06-01T00:00:00Z'],
      ['rare', '2026-01-10T00:00:00Z'],
      ['occasional', '2026-02-01T00:00:00Z'],
    ]);
    // Recorded inside the window: compared with the first recorded value.
    const newcomer = await h.member({ workplaceId: w.id }, [
      ['active_core', '2026-02-01T00:00:00Z'],
      ['at_risk', '2026-03-10T00:00:00Z'],
    ]);
    // The fall one millisecond before the baseline is before the window; at the baseline it is inside.
    await h.member({ workplaceId: w.id }, [
      ['regular', '2025-06-01T00:00:00Z'],
      ['indifferent', '2025-12-18T14:59:59.999Z'],
    ]);
    const atBaseline = await h.member({ workplaceId: w.id }, [
      ['regular', '2025-06-01T00:00:00Z'],
      ['rare', '2025-12-18T15:00:00.000Z'],
    ]);
    // Not counted members are not warned about.
    await h.member({ workplaceId: w.id, unionRole: 'organizing_target' }, [
      ['active_core', '2025-06-01T00:00:00Z'],
      ['at_risk', '2026-03-01T00:00:00Z'],
    ]);

    const res = await t.api('GET', '/api/dashboards/weekly');
    expect(res.body.earlyWarningBaselineOn).toBe('2025-12-18');
    const mine = res.body.earlyWarnings.filter((e: { workplaceId: string }) => e.workplaceId === w.id);
    expect(mine).toEqual([
      expect.objectContaining({ memberId: newcomer.id, from: 'active_core', to: 'at_risk', steps: 5 }),
      {
        memberId: slid.id,
        name: slid.name,
        workplaceId: w.id,
        workplaceName: w.name,
        from: 'regular',
        to: 'indifferent',
        steps: 3,
        changedAt: '2026-03-01T00:00:00.000Z',
        ownerId: null,
        ownerName: null,
      },
      expect.objectContaining({ memberId: atBaseline.id, from: 'regular', to: 'rare', steps: 2 }),
    ]);
    expect(mine[0].changedAt).toBe('2026-03-10T00:00:00.000Z');
  });

  it('maps every workplace: split_risk, then indifferent, then by name; counts as memberCount counts', async () => {
    const fresh = await createTestApp({ now: () => NOW });
    try {
      const f = helpers(() => fresh);
      const b = await f.workplace({ name: 'B職場', atmosphere: 'normal' });
      const a = await f.workplace({ name: 'A職場', atmosphere: 'active' });
      const z = await f.workplace({ name: 'Z職場', atmosphere: 'split_risk' });
      const y = await f.workplace({ name: 'Y職場', atmosphere: 'indifferent' });
      await f.member({ workplaceId: a.id, engagement: 'regular' });
      await f.member({ workplaceId: a.id, engagement: 'regular' });
      await f.member({ workplaceId: a.id, engagement: 'at_risk' });
      await f.member({ workplaceId: a.id, engagement: 'regular', unionRole: 'organizing_target' });
      await f.member({ workplaceId: a.id, engagement: 'rare', status: 'left', leftOn: '2026-01-01' });
      const res = await fresh.api('GET', '/api/dashboards/weekly');
      expect(res.body.workplaceMap.map((w: { workplaceId: string }) => w.workplaceId)).toEqual([
        z.id,
        y.id,
        a.id,
        b.id,
      ]);
      expect(res.body.workplaceMap[2]).toEqual({
        workplaceId: a.id,
        name: 'A職場',
        atmosphere: 'active',
        counts: { active_core: 0, regular: 2, occasional: 0, rare: 0, indifferent: 0, at_risk: 1 },
        memberCount: 3,
      });
      const wp = await fresh.api('GET', `/api/workplaces/${a.id}`);
      expect(wp.body.memberCount).toBe(3);
    } finally {
      await fresh.close();
    }
  });

  it('rejects a bad asOf or limit with the field named', async () => {
    for (const [query, field] of [
      ['asOf=2025-02-30', 'asOf'],
      ['asOf=2026-3-1', 'asOf'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
    ]) {
      const res = await t.api('GET', `/api/dashboards/weekly?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
    expect((await t.api('GET', '/api/dashboards/monthly?asOf=2026-02-29')).body.error.fields).toEqual({
      asOf: expect.any(String),
    });
  });

  it('needs a signed-in user', async () => {
    expect((await t.raw('GET', '/api/dashboards/weekly')).status).toBe(401);
    expect((await t.raw('GET', '/api/dashboards/monthly')).status).toBe(401);
    expect((await t.raw('GET', '/api/dashboards/members?figure=rated')).status).toBe(401);
  });
});

describe('monthly dashboard', () => {
  let t: TestApp;
  const h = helpers(() => t);
  beforeAll(async () => {
    t = await createTestApp({ now: () => NOW });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rates: a workplace without employees has no rate, sorts last, is left out of the overall rate and is unknown', async () => {
    const full = await h.workplace({ name: '満員', employeeCount: 4 });
    const half = await h.workplace({ name: '半分', employeeCount: 10 });
    const none = await h.workplace({ name: '空', employeeCount: 0 });
    const unknown = await h.workplace({ name: '不明', employeeCount: null });
    for (let i = 0; i < 4; i++) await h.member({ workplaceId: full.id });
    for (let i = 0; i < 5; i++) await h.member({ workplaceId: half.id });
    for (let i = 0; i < 3; i++) await h.member({ workplaceId: none.id });
    await h.member({ workplaceId: unknown.id });
    await h.member({ workplaceId: null });

    const res = await t.api('GET', '/api/dashboards/monthly');
    expect(res.status).toBe(200);
    expect(res.body.organizationRates).toEqual([
      { workplaceId: full.id, name: '満員', employeeCount: 4, memberCount: 4, organizationRate: 1 },
      { workplaceId: half.id, name: '半分', employeeCount: 10, memberCount: 5, organizationRate: 0.5 },
      { workplaceId: unknown.id, name: '不明', employeeCount: null, memberCount: 1, organizationRate: null },
      { workplaceId: none.id, name: '空', employeeCount: 0, memberCount: 3, organizationRate: null },
    ]);
    // (4 + 5) / (4 + 10): the workplace with 0 employees and the one without a workplace are left out.
    expect(res.body.overallOrganizationRate).toBe(9 / 14);
    expect(res.body.overallBasis).toEqual({ workplaceCount: 2, memberCount: 9, employeeCount: 14 });
    expect(res.body.organizationRateDistribution).toEqual([
      { band: '0-20', from: 0, to: 0.2, workplaceCount: 0 },
      { band: '20-40', from: 0.2, to: 0.4, workplaceCount: 0 },
      { band: '40-60', from: 0.4, to: 0.6, workplaceCount: 1 },
      { band: '60-80', from: 0.6, to: 0.8, workplaceCount: 0 },
      { band: '80-100', from: 0.8, to: null, workplaceCount: 1 },
      { band: 'unknown', from: null, to: null, workplaceCount: 2 },
    ]);
    const rated = await t.api('GET', '/api/dashboards/members?figure=rated');
    expect(rated.body.total).toBe(9);
  });

  it('overall rate is null when no workplace has a headcount', async () => {
    const fresh = await createTestApp({ now: () => NOW });
    try {
      await helpers(() => fresh).workplace({ employeeCount: null });
      const res = await fresh.api('GET', '/api/dashboards/monthly');
      expect(res.body.overallOrganizationRate).toBeNull();
      expect(res.body.overallBasis).toEqual({ workplaceCount: 0, memberCount: 0, employeeCount: null });
    } finally {
      await fresh.close();
    }
  });

  it('demands: relatedMemberCount counts active members only (not left, not organizing targets), most first', async () => {
    const [d1] = await t.db.insert(demands).values({ title: '要求A', priority: 'low' }).returning();
    const [d2] = await t.db.insert(demands).values({ title: '要求B', priority: 'high' }).returning();
    const a = await h.member({});
    const b = await h.member({});
    const left = await h.member({ status: 'left', leftOn: '2026-01-01' });
    const target = await h.member({ unionRole: 'organizing_target' });
    await t.db.insert(demandMembers).values([
      { demandId: d1!.id, memberId: a.id },
      { demandId: d1!.id, memberId: b.id },
      { demandId: d2!.id, memberId: a.id },
      { demandId: d2!.id, memberId: left.id },
      { demandId: d2!.id, memberId: target.id },
    ]);
    const res = await t.api('GET', '/api/dashboards/monthly');
    const mine = res.body.demands.filter((d: { demandId: string }) => [d1!.id, d2!.id].includes(d.demandId));
    expect(mine).toEqual([
      { demandId: d1!.id, title: '要求A', priority: 'low', status: 'not_submitted', relatedMemberCount: 2 },
      { demandId: d2!.id, title: '要求B', priority: 'high', status: 'not_submitted', relatedMemberCount: 1 },
    ]);
    const demand = await t.api('GET', `/api/demands/${d2!.id}`);
    expect(demand.body.relatedMemberCount).toBe(1);
    const drill = await t.api('GET', `/api/dashboards/members?figure=demand&demandId=${d2!.id}`);
    expect(drill.body.items.map((m: { memberId: string }) => m.memberId)).toEqual([a.id]);
  });

  it('attritionTrend: 12 months ending with asOf’s month, measured at each month’s end in Tokyo', async () => {
    const fresh = await createTestApp({ now: () => NOW });
    try {
      const f = helpers(() => fresh);
      // At risk from 2026-02-01 00:00 in Tokyo (still January 31 in UTC): February, not January.
      const feb = await f.member({ joinedOn: '2020-01-01' }, [
        ['regular', '2025-01-01T00:00:00Z'],
        ['at_risk', '2026-01-31T15:00:00.000Z'],
      ]);
      // One millisecond earlier: the last moment of January in Tokyo.
      const jan = await f.member({ joinedOn: '2020-01-01' }, [
        ['regular', '2025-01-01T00:00:00Z'],
        ['at_risk', '2026-01-31T14:59:59.999Z'],
      ]);
      // Joined mid-December: not a member at November's end, a member at December's.
      const joined = await f.member({ joinedOn: '2025-12-15' }, [['at_risk', '2025-11-01T00:00:00Z']]);
      // Left mid-February: counted at January's end, not at February's.
      const leftFeb = await f.member({ joinedOn: '2020-01-01', status: 'left', leftOn: '2026-02-14' }, [
        ['at_risk', '2025-10-01T00:00:00Z'],
      ]);
      // Left on January 31: gone at January's end already.
      const leftJan31 = await f.member({ joinedOn: '2020-01-01', status: 'left', leftOn: '2026-01-31' }, [
        ['at_risk', '2025-10-01T00:00:00Z'],
      ]);
      // Made an organizing target (no role history): never counted.
      await f.member({ joinedOn: '2020-01-01', unionRole: 'organizing_target' }, [
        ['at_risk', '2025-10-01T00:00:00Z'],
      ]);
      // No join date: counted from the day they were recorded.
      const recorded = await f.member({ joinedOn: null }, [['at_risk', '2026-03-02T00:00:00Z']]);
      // Recovered in March after asOf 2026-03-10: asOf's month is measured at the end of asOf.
      const recovered = await f.member({ joinedOn: '2020-01-01' }, [
        ['at_risk', '2025-12-20T00:00:00Z'],
        ['regular', '2026-03-10T15:00:00.000Z'],
      ]);

      const res = await fresh.api('GET', '/api/dashboards/monthly?asOf=2026-03-10');
      expect(res.status).toBe(200);
      const trend = res.body.attritionTrend as { month: string; endOn: string; atRiskCount: number }[];
      expect(trend.map((p) => p.month)).toEqual([
        '2025-04',
        '2025-05',
        '2025-06',
        '2025-07',
        '2025-08',
        '2025-09',
        '2025-10',
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
      ]);
      expect(trend.at(-1)!.endOn).toBe('2026-03-10');
      expect(trend.at(-2)!.endOn).toBe('2026-02-28');

      const membersOf = async (month: string, asOf = '2026-03-10') => {
        const r = await fresh.api('GET', `/api/dashboards/at-risk-members?month=${month}&asOf=${asOf}`);
        expect(r.status).toBe(200);
        expect(r.body.total).toBe(trend.find((p) => p.month === month)?.atRiskCount ?? r.body.total);
        return new Set((r.body.items as { memberId: string }[]).map((m) => m.memberId));
      };
      expect(await membersOf('2025-11')).toEqual(new Set([leftFeb.id, leftJan31.id]));
      expect(await membersOf('2025-12')).toEqual(
        new Set([joined.id, leftFeb.id, leftJan31.id, recovered.id]),
      );
      expect(await membersOf('2026-01')).toEqual(new Set([jan.id, joined.id, leftFeb.id, recovered.id]));
      expect(await membersOf('2026-02')).toEqual(new Set([feb.id, jan.id, joined.id, recovered.id]));
      // At the end of March 10 in Tokyo the recovery (March 11 00:00 JST) has not happened yet.
      expect(await membersOf('2026-03')).toEqual(
        new Set([feb.id, jan.id, joined.id, recovered.id, recorded.id]),
      );
      // As of March 11 it has.
      const later = await fresh.api('GET', '/api/dashboards/monthly?asOf=2026-03-11');
      expect(later.body.attritionTrend.at(-1)).toEqual({
        month: '2026-03',
        endOn: '2026-03-11',
        atRiskCount: 4,
      });

      const months = await fresh.api('GET', '/api/dashboards/at-risk-members?month=2026-04&asOf=2026-03-10');
      expect(months.status).toBe(400);
      expect(months.body.error.fields).toEqual({ month: expect.any(String) });
    } finally {
      await fresh.close();
    }
  });
});

describe('monthly snapshots', () => {
  let t: TestApp;
  const h = helpers(() => t);
  beforeAll(async () => {
    t = await createTestApp({ now: () => NOW });
  });
  afterAll(async () => {
    await t?.close();
  });
  const snapshotRows = (month: string) =>
    t.db.select().from(monthlySnapshots).where(eq(monthlySnapshots.month, month));

  it('are written on demand by an admin only, and a month written again is replaced', async () => {
    const w = await h.workplace({ employeeCount: 8 });
    await h.member({ workplaceId: w.id, joinedOn: '2020-01-01' }, [['at_risk', '2025-06-01T00:00:00Z']]);
    await h.member({ workplaceId: w.id, joinedOn: '2026-02-10' });

    const officer = await t.addUser('officer');
    const denied = await t.as(officer.cookie)('POST', '/api/dashboards/snapshots', { month: '2026-01' });
    expect(denied.status).toBe(403);
    expect(await snapshotRows('2026-01')).toHaveLength(0);

    const first = await t.api('POST', '/api/dashboards/snapshots', { month: '2026-01' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      month: '2026-01',
      endOn: '2026-01-31',
      provisional: false,
      memberCount: 1,
      ratedMemberCount: 1,
      employeeCount: 8,
      organizationRate: 1 / 8,
      atRiskCount: 1,
      workplaceCount: 1,
      createdAt: NOW.toISOString(),
    });
    await t.db.update(workplaces).set({ employeeCount: 16 }).where(eq(workplaces.id, w.id));
    const again = await t.api('POST', '/api/dashboards/snapshots', { month: '2026-01' });
    expect(again.body).toMatchObject({ employeeCount: 16, organizationRate: 1 / 16 });
    const rows = await snapshotRows('2026-01');
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.workplaceId === w.id)).toMatchObject({ memberCount: 1, employeeCount: 16 });

    // The current month is measured as of today and is provisional.
    const current = await t.api('POST', '/api/dashboards/snapshots', { month: '2026-03' });
    expect(current.body).toMatchObject({ endOn: '2026-03-18', provisional: true, memberCount: 2 });
  });

  it('rejects a future month, a malformed month or an unknown field, writing nothing', async () => {
    for (const [body, field] of [
      [{ month: '2026-04' }, 'month'],
      [{ month: '2026-13' }, 'month'],
      [{ month: '2026-1' }, 'month'],
      [{}, 'month'],
      [{ month: '2026-02', extra: 1 }, 'extra'],
    ] as const) {
      const res = await t.api('POST', '/api/dashboards/snapshots', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
    expect(await snapshotRows('2026-04')).toHaveLength(0);
    expect(await snapshotRows('2026-02')).toHaveLength(0);
  });

  it('keep one overall row per month although PostgreSQL treats NULL workplace ids as distinct', async () => {
    await t.api('POST', '/api/dashboards/snapshots', { month: '2025-12' });
    const duplicate = t.db
      .insert(monthlySnapshots)
      .values({ month: '2025-12', workplaceId: null, memberCount: 0, ratedMemberCount: 0 });
    await expect(duplicate).rejects.toThrow();
    const overall = await t.db
      .select()
      .from(monthlySnapshots)
      .where(and(eq(monthlySnapshots.month, '2025-12'), isNull(monthlySnapshots.workplaceId)));
    expect(overall).toHaveLength(1);
  });

  it('go with a deleted workplace', async () => {
    const w = await h.workplace();
    await t.api('POST', '/api/dashboards/snapshots', { month: '2026-02' });
    expect((await snapshotRows('2026-02')).some((r) => r.workplaceId === w.id)).toBe(true);
    await t.db.delete(workplaces).where(eq(workplaces.id, w.id));
    expect((await snapshotRows('2026-02')).some((r) => r.workplaceId === w.id)).toBe(false);
  });
});

describe('the daily sweep’s snapshots', () => {
  let t: TestApp;
  let clock = NOW;
  const h = helpers(() => t);
  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
  });
  afterAll(async () => {
    await t?.close();
  });
  const overall = async () =>
    t.db
      .select({ month: monthlySnapshots.month, createdAt: monthlySnapshots.createdAt })
      .from(monthlySnapshots)
      .where(isNull(monthlySnapshots.workplaceId))
      .orderBy(monthlySnapshots.month);

  it('backfill from the union’s first member on record, write the month’s last day, finalize it the day after', async () => {
    expect((await takeMonthlySnapshots({ db: t.db, now: clock })).written).toEqual([]);
    await h.member({ joinedOn: '2025-09-15' }, [['regular', '2025-12-01T00:00:00Z']]);
    const first = await takeMonthlySnapshots({ db: t.db, now: clock });
    expect(first).toEqual({
      asOf: '2026-03-18',
      written: ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'],
    });
    // Before the history begins the at-risk count is unknown, not zero.
    const sept = await t.db
      .select()
      .from(monthlySnapshots)
      .where(and(eq(monthlySnapshots.month, '2025-09'), isNull(monthlySnapshots.workplaceId)));
    expect(sept[0]).toMatchObject({ memberCount: 1, atRiskCount: null });

    // 2026-03-31 00:05 in Tokyo: the last day of March is written, provisional.
    clock = new Date('2026-03-30T15:05:00Z');
    const logged: string[] = [];
    await sweepAndLog(t.db, (level, message) => logged.push(`${level}: ${message}`), clock);
    expect(logged).toContain('info: Monthly snapshots as of 2026-03-31: wrote 2026-03');
    // The next day March is rewritten with the whole month in view; February stays as it was.
    clock = new Date('2026-03-31T15:05:00Z');
    expect((await takeMonthlySnapshots({ db: t.db, now: clock })).written).toEqual(['2026-03']);
    expect((await takeMonthlySnapshots({ db: t.db, now: clock })).written).toEqual([]);
    const rows = await overall();
    expect(rows.map((r) => r.month)).toEqual([
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(rows.at(-1)!.createdAt).toEqual(clock);
    expect(rows.at(-2)!.createdAt).toEqual(NOW);

    // The monthly dashboard reads them.
    const res = await t.api('GET', '/api/dashboards/monthly?asOf=2026-04-01');
    const trend = res.body.organizationRateTrend as { month: string; source: string }[];
    // 2025-05 … 2025-08 precede the first member; 2025-09 … 2026-03 were written; April is live.
    expect(trend.map((p) => p.source)).toEqual([
      'none',
      'none',
      'none',
      'none',
      'snapshot',
      'snapshot',
      'snapshot',
      'snapshot',
      'snapshot',
      'snapshot',
      'snapshot',
      'live',
    ]);
  });
});

describe('drill-down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: () => NOW });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the missing parameter of a figure, and answers 404 for an unknown workplace or demand', async () => {
    for (const [query, field] of [
      ['figure=workplace', 'workplaceId'],
      ['figure=demand', 'demandId'],
      ['figure=at_risk_month', 'month'],
      ['figure=month_end', 'month'],
      ['figure=nothing', 'figure'],
      ['', 'figure'],
      ['figure=at_risk_month&month=2026-13', 'month'],
      ['figure=workplace&workplaceId=nope', 'workplaceId'],
      ['figure=month_end&month=2026-04', 'month'],
    ]) {
      const res = await t.api('GET', `/api/dashboards/members?${query}`);
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.body.error.fields), query).toEqual([field]);
    }
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await t.api('GET', `/api/dashboards/members?figure=workplace&workplaceId=${id}`)).status).toBe(
      404,
    );
    expect((await t.api('GET', `/api/dashboards/members?figure=demand&demandId=${id}`)).status).toBe(404);
    expect((await t.api('GET', '/api/dashboards/at-risk-members')).body.error.fields).toEqual({
      month: 'is required',
    });
  });

  it('is documented in the OpenAPI document under the Dashboards tag', async () => {
    const res = await t.api('GET', '/api/openapi.json');
    const paths = res.body.paths as Record<string, Record<string, { tags: string[] }>>;
    for (const [path, method] of [
      ['/dashboards/weekly', 'get'],
      ['/dashboards/monthly', 'get'],
      ['/dashboards/members', 'get'],
      ['/dashboards/at-risk-members', 'get'],
      ['/dashboards/snapshots', 'post'],
    ] as const) {
      expect(paths[path]?.[method]?.tags, path).toEqual(['Dashboards ダッシュボード']);
    }
    const schemas = res.body.components.schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['WeeklyDashboard', 'MonthlyDashboard', 'DashboardMember', 'MonthlySnapshot']),
    );
    expect(JSON.stringify(schemas.MonthlyDashboard)).toContain('figure=rated');
  });
});

// The dashboards must not write: a GET leaves every table as it was.
describe('reading a dashboard', () => {
  it('writes nothing', async () => {
    const t = await createTestApp({ now: () => NOW });
    try {
      await helpers(() => t).member({}, [['at_risk', '2026-01-01T00:00:00Z']]);
      const count = async () =>
        (
          (await t.db.execute(sql`select (select count(*) from monthly_snapshots)::int as s,
            (select count(*) from tasks)::int as t, (select count(*) from engagement_history)::int as h`)) as unknown as {
            rows: unknown[];
          }
        ).rows[0];
      const before = await count();
      await t.api('GET', '/api/dashboards/weekly');
      await t.api('GET', '/api/dashboards/monthly');
      expect(await count()).toEqual(before);
    } finally {
      await t.close();
    }
  });
});
