import { rateDistribution } from '../../../core/dashboards/rates';
import type { Page } from '../../http/client';
import type { DashboardMember, MonthlyDashboard, WeeklyDashboard, WorkplaceMapRow } from './queries';

// Dashboard answers in the API's response shape, for component tests.

let seq = 0;
export const uuid = () => `00000000-0000-4000-9000-${String(++seq).padStart(12, '0')}`;

export function buildMapRow(over: Partial<WorkplaceMapRow> = {}): WorkplaceMapRow {
  const counts = {
    active_core: 1,
    regular: 2,
    occasional: 3,
    rare: 4,
    indifferent: 5,
    at_risk: 6,
    ...over.counts,
  };
  return {
    workplaceId: uuid(),
    name: '製造一課',
    atmosphere: 'normal',
    memberCount: Object.values(counts).reduce((a, b) => a + b, 0),
    ...over,
    counts,
  };
}

export function buildWeekly(over: Partial<WeeklyDashboard> = {}): WeeklyDashboard {
  const data = {
    asOf: '2026-11-24',
    weekStart: '2026-11-23',
    weekEnd: '2026-11-29',
    earlyWarningBaselineOn: '2026-08-26',
    followUps: [],
    attritionRisk: [],
    workplaceMap: [],
    earlyWarnings: [],
    nextActions: [],
    engagementReviews: [],
    ...over,
  };
  return {
    ...data,
    totals: over.totals ?? {
      followUps: data.followUps.length,
      overdueFollowUps: data.followUps.filter((f) => f.overdue).length,
      attritionRisk: data.attritionRisk.length,
      earlyWarnings: data.earlyWarnings.length,
      nextActions: data.nextActions.length,
      engagementReviews: data.engagementReviews.length,
    },
  };
}

export function buildMember(over: Partial<DashboardMember> = {}): DashboardMember {
  return {
    memberId: uuid(),
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    workplaceId: null,
    workplaceName: null,
    engagement: 'at_risk',
    unionRole: 'general_member',
    status: 'active',
    ownerId: null,
    ownerName: null,
    ...over,
  };
}

export const page = <T>(items: T[], total = items.length): Page<T> => ({ items, total });

const MONTHS = [
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
];

/** The monthly dashboard for March 2026 (asOf 2026-03-31). */
export function buildMonthly(over: Partial<MonthlyDashboard> = {}): MonthlyDashboard {
  return {
    asOf: '2026-03-31',
    month: '2026-03',
    season: null,
    demands: [
      {
        demandId: uuid(),
        title: 'ベースアップ（月額12,000円）',
        priority: 'high',
        status: 'negotiating',
        relatedMemberCount: 248,
      },
      {
        demandId: uuid(),
        title: '年間休日の増加',
        priority: 'medium',
        status: 'not_submitted',
        relatedMemberCount: 142,
      },
      {
        demandId: uuid(),
        title: '通勤手当の上限引き上げ',
        priority: 'low',
        status: 'settled',
        relatedMemberCount: 41,
      },
    ],
    organizationRates: [
      {
        workplaceId: uuid(),
        name: '設備保全課',
        employeeCount: 39,
        memberCount: 37,
        organizationRate: 37 / 39,
      },
      {
        workplaceId: uuid(),
        name: '営業部',
        employeeCount: 132,
        memberCount: 63,
        organizationRate: 63 / 132,
      },
      {
        workplaceId: uuid(),
        name: '新設ライン',
        employeeCount: null,
        memberCount: 4,
        organizationRate: null,
      },
    ],
    overallOrganizationRate: 100 / 171,
    overallBasis: { workplaceCount: 2, memberCount: 100, employeeCount: 171 },
    organizationRateDistribution: [
      { band: '0-20', from: 0, to: 0.2, workplaceCount: 0 },
      { band: '20-40', from: 0.2, to: 0.4, workplaceCount: 0 },
      { band: '40-60', from: 0.4, to: 0.6, workplaceCount: 1 },
      { band: '60-80', from: 0.6, to: 0.8, workplaceCount: 0 },
      { band: '80-100', from: 0.8, to: null, workplaceCount: 1 },
      { band: 'unknown', from: null, to: null, workplaceCount: 1 },
    ],
    attritionTrend: MONTHS.map((month, i) => ({
      month,
      endOn: `${month}-28`,
      atRiskCount: [26, 22, 24, 19, 22, 22, 19, 18, 19, 22, 24, 22][i]!,
    })),
    organizationRateTrend: MONTHS.map((month, i) => ({
      month,
      memberCount: i === 0 ? null : 90 + i,
      employeeCount: i === 0 ? null : 171,
      organizationRate: i === 0 ? null : (90 + i) / 171,
      totalMemberCount: i === 0 ? null : 94 + i,
      source:
        i === 0 ? ('none' as const) : i === MONTHS.length - 1 ? ('live' as const) : ('snapshot' as const),
    })),
    ...over,
  };
}

/**
 * A federation's organization rates: `n` workplaces of 1,000 employees whose member
 * counts are 0…n−1 in a scrambled order (every rate distinct), sorted as the API
 * sends them (highest rate first), with the matching union rate and bands.
 */
export function buildManyRates(
  n: number,
): Pick<
  MonthlyDashboard,
  'organizationRates' | 'overallOrganizationRate' | 'overallBasis' | 'organizationRateDistribution'
> {
  const employees = 1000;
  const rows = Array.from({ length: n }, (_, i) => {
    const memberCount = (i * 7919) % n;
    return {
      workplaceId: uuid(),
      name: `職場${String(i + 1).padStart(5, '0')}`,
      employeeCount: employees,
      memberCount,
      organizationRate: memberCount / employees,
    };
  }).sort((a, b) => b.organizationRate - a.organizationRate);
  const members = rows.reduce((sum, r) => sum + r.memberCount, 0);
  return {
    organizationRates: rows,
    overallOrganizationRate: members / (employees * n),
    overallBasis: { workplaceCount: n, memberCount: members, employeeCount: employees * n },
    organizationRateDistribution: rateDistribution(rows),
  };
}

/** Every request the page made, for asserting its query parameters. */
export function recorder() {
  const seen: URL[] = [];
  return {
    seen,
    record: (url: string) => {
      const parsed = new URL(url, 'http://test');
      seen.push(parsed);
      return parsed;
    },
    last: (pathname: string) => [...seen].reverse().find((u) => u.pathname === pathname),
  };
}
