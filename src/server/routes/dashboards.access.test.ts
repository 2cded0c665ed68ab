import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import type { StaffRole } from '../../core/enums';
import { auditLog } from '../../db/schema';
import { addDays, localDay, oracle } from '../../services/dashboards/dashboard-oracle.test-helper';
import {
  generateRandomUnion,
  loadUnion,
  type Union,
} from '../../services/dashboards/random-union.test-helper';
import { takeMonthlySnapshots } from '../../services/dashboards/take-monthly-snapshots';
import { createUser } from '../../services/users/create-user';

// Who sees what on the dashboards (SPEC §5 with the access matrix): every role
// reads them; sensitive cases only for admins and officers; a rep only over
// their own workplaces. A rep's figures must equal the independent computation
// (dashboard-oracle.test-helper.ts) over the union cut down to their workplaces.

/** The union as a rep sees it: their workplaces, those workplaces' members and their non-sensitive cases. */
function repView(u: Union, workplaceIds: readonly string[]): Union {
  const inScope = new Set(workplaceIds);
  const members = u.members.filter((m) => m.workplaceId !== null && inScope.has(m.workplaceId));
  const memberIds = new Set(members.map((m) => m.id));
  return {
    ...u,
    workplaces: u.workplaces.filter((w) => inScope.has(w.id)),
    members,
    history: u.history.filter((h) => memberIds.has(h.memberId)),
    cases: u.cases.filter((c) => memberIds.has(c.memberId) && !c.sensitive),
    links: u.links.filter((l) => memberIds.has(l.memberId)),
  };
}

/** The union as an executive sees it: everything but sensitive cases. */
const withoutSensitive = (u: Union): Union => ({ ...u, cases: u.cases.filter((c) => !c.sensitive) });

const UNIONS = [
  { name: 'seed 515', seed: 515, timeZone: 'Asia/Tokyo', now: new Date('2026-03-18T03:00:00Z') },
  { name: 'seed 616', seed: 616, timeZone: 'UTC', now: new Date('2026-05-31T23:00:00Z') },
];

describe.each(UNIONS)('dashboards by role, $name ($timeZone)', ({ seed, timeZone, now }) => {
  let t: TestApp;
  let u: Union;
  const today = localDay(now.getTime(), timeZone);
  const cookies = {} as Record<'officer' | 'executive' | 'rep' | 'emptyRep', string>;
  let officerId: string;
  let executiveId: string;
  let repWorkplaces: string[];
  let outside: string;
  let full: ReturnType<typeof oracle>;
  let rep: ReturnType<typeof oracle>;
  let executive: ReturnType<typeof oracle>;

  async function addStaff(role: StaffRole, workplaceIds: string[] = []) {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
    const user = await createUser(t.db, {
      email,
      displayName: `${role} user`,
      role,
      password: TEST_PASSWORD,
      workplaceIds,
    });
    return { user, cookie: await t.signIn(email) };
  }

  beforeAll(async () => {
    t = await createTestApp({ now: () => now });
    await generateRandomUnion(t.db, { seed, now, today, timeZone });
    u = await loadUnion(t.db);
    // Three workplaces: one without a headcount, one with a headcount of 0 and one with one.
    const sorted = [...u.workplaces].sort((a, b) => (a.id < b.id ? -1 : 1));
    const pick = [
      sorted.find((w) => w.employeeCount === null)!,
      sorted.find((w) => w.employeeCount === 0)!,
      sorted.find((w) => (w.employeeCount ?? 0) > 0)!,
      sorted.filter((w) => (w.employeeCount ?? 0) > 0)[1]!,
    ];
    repWorkplaces = pick.map((w) => w.id);
    outside = sorted.find((w) => !repWorkplaces.includes(w.id))!.id;
    const officer = await addStaff('officer');
    const exec = await addStaff('executive');
    officerId = officer.user.id;
    executiveId = exec.user.id;
    cookies.officer = officer.cookie;
    cookies.executive = exec.cookie;
    cookies.rep = (await addStaff('rep', repWorkplaces)).cookie;
    cookies.emptyRep = (await addStaff('rep')).cookie;
    full = oracle(u);
    rep = oracle(repView(u, repWorkplaces));
    executive = oracle(withoutSensitive(u));
  });
  afterAll(async () => {
    await t?.close();
  });

  const asOfs = () => {
    const { weekStart, weekEnd } = full.week(today);
    return [today, weekStart, weekEnd, addDays(weekEnd, 1), addDays(today, -45)];
  };

  it('has members, cases and sensitive follow-ups both in and out of the rep’s workplaces', () => {
    const weekly = full.weekly(today);
    expect(rep.weekly(today).followUps.length).toBeGreaterThan(0);
    expect(rep.weekly(today).attritionRisk.length).toBeGreaterThan(0);
    expect(weekly.followUps.length).toBeGreaterThan(rep.weekly(today).followUps.length);
    expect(weekly.followUps.some((f) => f.sensitive)).toBe(true);
    expect(weekly.attritionRisk.length).toBeGreaterThan(rep.weekly(today).attritionRisk.length);
    expect(rep.weekly(today).nextActions.length).toBeGreaterThan(0);
    expect(weekly.nextActions.length).toBeGreaterThan(rep.weekly(today).nextActions.length);
  });

  it('next actions as a rep: only their workplaces’ members, in the items and in totals.nextActions', async () => {
    const inScope = new Set(repWorkplaces);
    const res = await t.as(cookies.rep)('GET', `/api/dashboards/weekly?asOf=${today}&limit=1`);
    expect(res.status).toBe(200);
    expect(res.body.nextActions).toEqual(rep.weekly(today).nextActions.slice(0, 1));
    expect(res.body.totals.nextActions).toBe(rep.weekly(today).nextActions.length);
    const all = await t.as(cookies.rep)('GET', `/api/dashboards/weekly?asOf=${today}`);
    expect(
      all.body.nextActions.every(
        (n: { workplaceId: string | null }) => n.workplaceId && inScope.has(n.workplaceId),
      ),
    ).toBe(true);
    // A rep without workplaces sees no next action and counts none.
    const empty = await t.as(cookies.emptyRep)('GET', `/api/dashboards/weekly?asOf=${today}`);
    expect(empty.body.nextActions).toEqual([]);
    expect(empty.body.totals.nextActions).toBe(0);
  });

  it('weekly as a rep: every list and total covers their workplaces only, without sensitive cases', async () => {
    for (const asOf of asOfs()) {
      const res = await t.as(cookies.rep)('GET', `/api/dashboards/weekly?asOf=${asOf}`);
      expect(res.status, asOf).toBe(200);
      expect(res.body, `rep weekly as of ${asOf}`).toEqual(rep.weekly(asOf));
    }
    const capped = await t.as(cookies.rep)('GET', `/api/dashboards/weekly?asOf=${today}&limit=2`);
    expect(capped.body.followUps).toEqual(rep.weekly(today).followUps.slice(0, 2));
    expect(capped.body.totals).toEqual(rep.weekly(today).totals);
  });

  it('weekly as an executive: no sensitive follow-up, in the items or the totals', async () => {
    for (const asOf of asOfs()) {
      const res = await t.as(cookies.executive)('GET', `/api/dashboards/weekly?asOf=${asOf}`);
      expect(res.status, asOf).toBe(200);
      expect(res.body, `executive weekly as of ${asOf}`).toEqual(executive.weekly(asOf));
      expect(res.body.followUps.some((f: { sensitive: boolean }) => f.sensitive)).toBe(false);
    }
    expect(executive.weekly(today).totals.followUps).toBeLessThan(full.weekly(today).totals.followUps);
  });

  it('weekly as an officer: sensitive follow-ups are shown, each recorded as a sensitive read', async () => {
    const reads = () =>
      t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'read_sensitive'), eq(auditLog.actorId, officerId)));
    const before = (await reads()).length;
    const res = await t.as(cookies.officer)('GET', `/api/dashboards/weekly?asOf=${today}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(full.weekly(today));
    const shown = full.weekly(today).followUps.filter((f) => f.sensitive);
    expect(shown.length).toBeGreaterThan(0);
    const rows = (await reads()).slice(before);
    expect(rows.map((r) => r.recordId).sort()).toEqual(shown.map((f) => f.caseId).sort());
    for (const row of rows) {
      expect(row).toMatchObject({ tableName: 'member_cases', details: { via: 'weekly_dashboard' } });
      expect(row.subjectId).toBe(shown.find((f) => f.caseId === row.recordId)!.memberId);
    }
    // Capped lists record what was shown, no more.
    const capped = await t.as(cookies.officer)('GET', `/api/dashboards/weekly?asOf=${today}&limit=1`);
    const cappedSensitive = capped.body.followUps.filter((f: { sensitive: boolean }) => f.sensitive).length;
    expect((await reads()).length - before - rows.length).toBe(cappedSensitive);
  });

  it('weekly as an executive or rep records no sensitive read', async () => {
    const count = async () =>
      (await t.db.select().from(auditLog).where(eq(auditLog.action, 'read_sensitive'))).length;
    const before = await count();
    await t.as(cookies.executive)('GET', '/api/dashboards/weekly');
    await t.as(cookies.rep)('GET', '/api/dashboards/weekly');
    expect(await count()).toBe(before);
    expect(
      (await t.db.select().from(auditLog).where(eq(auditLog.actorId, executiveId))).filter(
        (r) => r.action === 'read_sensitive',
      ),
    ).toEqual([]);
  });

  it('monthly as a rep: demands, rates, overall rate, distribution and attritionTrend over their workplaces', async () => {
    const lastMonthEnd = addDays(`${today.slice(0, 7)}-01`, -1);
    for (const asOf of [today, lastMonthEnd, addDays(today, -200)]) {
      const res = await t.as(cookies.rep)('GET', `/api/dashboards/monthly?asOf=${asOf}`);
      expect(res.status, asOf).toBe(200);
      const rates = rep.organizationRates();
      expect(res.body.demands).toEqual(rep.demands(asOf));
      // Every demand of the season shown, counted over the rep's members.
      expect(res.body.demands).toHaveLength(full.demands(asOf).length);
      expect(res.body.organizationRates).toEqual(rates.organizationRates);
      expect(res.body.organizationRates).toHaveLength(repWorkplaces.length);
      expect(res.body.overallOrganizationRate).toBe(rates.overallOrganizationRate);
      expect(res.body.overallBasis).toEqual(rates.overallBasis);
      expect(
        res.body.organizationRateDistribution.map((d: { band: string; workplaceCount: number }) => ({
          band: d.band,
          workplaceCount: d.workplaceCount,
        })),
      ).toEqual(rates.distribution);
      expect(res.body.attritionTrend, `trend as of ${asOf}`).toEqual(rep.attritionTrend(asOf));
    }
    // Other roles see the whole union.
    for (const cookie of [cookies.officer, cookies.executive]) {
      const res = await t.as(cookie)('GET', `/api/dashboards/monthly?asOf=${today}`);
      expect(res.body.demands).toEqual(full.demands(today));
      expect(res.body.overallBasis).toEqual(full.organizationRates().overallBasis);
      expect(res.body.attritionTrend).toEqual(full.attritionTrend(today));
    }
  });

  it('organizationRateTrend as a rep: the sum of their workplaces’ snapshot rows, and live for asOf’s month', async () => {
    const months = rep.months(today);
    const trendOf = (o: ReturnType<typeof oracle>, recorded: boolean) =>
      months.map(({ month, endOn }) => {
        const live = month === today.slice(0, 7);
        if (!live && !recorded) {
          return {
            month,
            memberCount: null,
            employeeCount: null,
            organizationRate: null,
            totalMemberCount: null,
            source: 'none',
          };
        }
        const f = o.monthFigures(endOn);
        return {
          month,
          memberCount: f.memberCount,
          employeeCount: f.employeeCount,
          organizationRate: f.employeeCount ? f.memberCount / f.employeeCount : null,
          totalMemberCount: f.totalMemberCount,
          source: live ? 'live' : 'snapshot',
        };
      });
    const before = await t.as(cookies.rep)('GET', '/api/dashboards/monthly');
    expect(before.body.organizationRateTrend).toEqual(trendOf(rep, false));

    const swept = await takeMonthlySnapshots({ db: t.db, now });
    expect(swept.written).toEqual(expect.arrayContaining(months.slice(0, 11).map((m) => m.month)));
    const res = await t.as(cookies.rep)('GET', '/api/dashboards/monthly');
    expect(res.status).toBe(200);
    expect(res.body.organizationRateTrend).toEqual(trendOf(rep, true));
    // The union's overall rows for everyone else.
    const other = await t.as(cookies.executive)('GET', '/api/dashboards/monthly');
    expect(other.body.organizationRateTrend).toEqual(trendOf(full, true));
    // A rep without workplaces: nothing counted, every month still recorded.
    const empty = await t.as(cookies.emptyRep)('GET', '/api/dashboards/monthly');
    expect(empty.body.organizationRateTrend.map((p: { source: string }) => p.source)).toEqual(
      months.map((m) => (m.month === today.slice(0, 7) ? 'live' : 'snapshot')),
    );
    expect(
      empty.body.organizationRateTrend.every(
        (p: { memberCount: number; employeeCount: number | null; totalMemberCount: number }) =>
          p.memberCount === 0 && p.employeeCount === null && p.totalMemberCount === 0,
      ),
    ).toBe(true);
  });

  it('drill-downs as a rep list the members each of their figures counts', async () => {
    const list = async (cookie: string, query: string) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      let total: number | undefined;
      do {
        const sep = query.includes('?') ? '&' : '?';
        const res = await t.as(cookie)(
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
    for (const w of rep.weekly(today).workplaceMap) {
      expect(await list(cookies.rep, `members?figure=workplace&workplaceId=${w.workplaceId}`)).toEqual(
        rep.drill.workplace(w.workplaceId),
      );
      expect(
        await list(cookies.rep, `members?figure=workplace&workplaceId=${w.workplaceId}&engagement=at_risk`),
      ).toEqual(rep.drill.workplace(w.workplaceId, 'at_risk'));
    }
    expect(await list(cookies.rep, 'members?figure=rated')).toEqual(rep.drill.rated());
    expect(await list(cookies.rep, 'members?figure=attrition_risk')).toEqual(rep.drill.attritionRisk());
    for (const asOf of asOfs().slice(0, 3)) {
      expect(await list(cookies.rep, `members?figure=early_warning&asOf=${asOf}`)).toEqual(
        rep.drill.earlyWarning(asOf),
      );
      expect(await list(cookies.rep, `members?figure=follow_up&asOf=${asOf}`)).toEqual(
        rep.drill.followUp(asOf),
      );
      expect(await list(cookies.rep, `members?figure=next_action&asOf=${asOf}`)).toEqual(
        rep.drill.nextAction(asOf),
      );
      // An executive's follow-up members are those with a follow-up it may see.
      expect(await list(cookies.executive, `members?figure=follow_up&asOf=${asOf}`)).toEqual(
        executive.drill.followUp(asOf),
      );
    }
    for (const d of rep.demands(today, 'all')) {
      const ids = await list(cookies.rep, `members?figure=demand&demandId=${d.demandId}`);
      expect(ids).toEqual(rep.drill.demand(d.demandId));
      expect(ids).toHaveLength(d.relatedMemberCount);
    }
    for (const { month, endOn, atRiskCount } of rep.attritionTrend(today).slice(-4)) {
      const ids = await list(cookies.rep, `at-risk-members?month=${month}`);
      expect(ids, month).toEqual(rep.drill.atRiskMonth(endOn));
      expect(ids).toHaveLength(atRiskCount);
      expect(await list(cookies.rep, `members?figure=month_end&month=${month}`)).toEqual(
        rep.drill.monthEnd(endOn),
      );
    }
  });

  it('drill-downs: a workplace outside a rep’s workplaces is a 404, exactly like a missing one', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const denied = await t.as(cookies.rep)(
      'GET',
      `/api/dashboards/members?figure=workplace&workplaceId=${outside}`,
    );
    const unknown = await t.as(cookies.rep)(
      'GET',
      `/api/dashboards/members?figure=workplace&workplaceId=${missing}`,
    );
    expect(denied.status).toBe(404);
    expect(denied.body).toEqual(unknown.body);
    expect(unknown.status).toBe(404);
    // Anyone else sees it.
    const res = await t.as(cookies.executive)(
      'GET',
      `/api/dashboards/members?figure=workplace&workplaceId=${outside}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(full.drill.workplace(outside).length);
  });

  it('snapshots stay admin only, and a refused one writes nothing', async () => {
    const count = async () =>
      (
        (await t.db.execute(sql`select count(*)::int as n from monthly_snapshots`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
    const before = await count();
    for (const cookie of [cookies.officer, cookies.executive, cookies.rep]) {
      const res = await t.as(cookie)('POST', '/api/dashboards/snapshots', { month: today.slice(0, 7) });
      expect(res.status).toBe(403);
    }
    expect(await count()).toBe(before);
  });
});
