import type { DashboardMember, MonthlyDashboard } from './queries';

export type MonthlyChanges = {
  atRisk: { previous: number | null; current: number | null };
  rate: { previous: number | null; current: number | null; points: number | null };
  /** At risk at this month's end but not at the previous one's. */
  newAtRisk: DashboardMember[];
  /** At risk at the previous month's end but not now (back to a warmer level, or left). */
  noLongerAtRisk: DashboardMember[];
};

const percentTenths = (rate: number) => Math.round(rate * 1000) / 10;

/**
 * 今月の変化: the last two points of the trends, and who entered and left the
 * at-risk list between the two month-ends (the at-risk-members drill-down of each).
 */
export function monthlyChanges(
  data: Pick<MonthlyDashboard, 'attritionTrend' | 'organizationRateTrend'>,
  current: DashboardMember[],
  previous: DashboardMember[],
): MonthlyChanges {
  const risks = data.attritionTrend;
  const rates = data.organizationRateTrend;
  const curRate = rates.at(-1)?.organizationRate ?? null;
  const prevRate = rates.length > 1 ? (rates.at(-2)?.organizationRate ?? null) : null;
  const before = new Set(previous.map((m) => m.memberId));
  const now = new Set(current.map((m) => m.memberId));
  return {
    atRisk: {
      previous: risks.length > 1 ? (risks.at(-2)?.atRiskCount ?? null) : null,
      current: risks.at(-1)?.atRiskCount ?? null,
    },
    rate: {
      previous: prevRate,
      current: curRate,
      // On the rounded percentages, so the difference agrees with the two numbers printed.
      points:
        prevRate == null || curRate == null
          ? null
          : Math.round((percentTenths(curRate) - percentTenths(prevRate)) * 10) / 10,
    },
    newAtRisk: current.filter((m) => !before.has(m.memberId)),
    noLongerAtRisk: previous.filter((m) => !now.has(m.memberId)),
  };
}
