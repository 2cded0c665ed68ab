import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  dashboardMemberSchema,
  monthlyDashboardSchema,
  weeklyDashboardSchema,
} from '../../../core/dashboards/schemas';
import { get, type Page } from '../../http/client';

// What the dashboard API sends (type-only imports: no schema code reaches the browser).
export type WeeklyDashboard = z.infer<typeof weeklyDashboardSchema>;
export type MonthlyDashboard = z.infer<typeof monthlyDashboardSchema>;
export type DashboardMember = z.infer<typeof dashboardMemberSchema>;
export type FollowUp = WeeklyDashboard['followUps'][number];
export type AttritionRisk = WeeklyDashboard['attritionRisk'][number];
export type EarlyWarning = WeeklyDashboard['earlyWarnings'][number];
export type NextAction = WeeklyDashboard['nextActions'][number];
export type WorkplaceMapRow = WeeklyDashboard['workplaceMap'][number];
export type DemandFigure = MonthlyDashboard['demands'][number];
export type OrganizationRateRow = MonthlyDashboard['organizationRates'][number];

/** The drill-down lists of the monthly figures (GET /api/dashboards/members?figure=…). */
export type DrillFigure = 'at_risk_month' | 'month_end' | 'rated';

export type DrillParams = {
  figure: DrillFigure;
  month?: string | undefined;
  asOf?: string | undefined;
  offset: number;
  limit: number;
};

// Every key starts with 'dashboards': member, workplace and demand changes invalidate them all.
export const dashboardKeys = {
  all: ['dashboards'] as const,
  weekly: (asOf: string | undefined) => ['dashboards', 'weekly', asOf ?? 'today'] as const,
  monthly: (asOf: string | undefined, season?: string) =>
    ['dashboards', 'monthly', asOf ?? 'today', season ?? 'current'] as const,
  members: (params: DrillParams) => ['dashboards', 'members', params] as const,
};

export function useWeeklyDashboard(asOf: string | undefined) {
  return useQuery({
    queryKey: dashboardKeys.weekly(asOf),
    queryFn: () => get<WeeklyDashboard>('/dashboards/weekly', { asOf }),
    placeholderData: keepPreviousData,
  });
}

/** `season`: a season id or `all`; undefined: the season current on asOf (the API's default). */
export function useMonthlyDashboard(asOf: string | undefined, enabled = true, season?: string) {
  return useQuery({
    queryKey: dashboardKeys.monthly(asOf, season),
    queryFn: () => get<MonthlyDashboard>('/dashboards/monthly', { asOf, season }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function dashboardMembersPath(params: DrillParams): string {
  // at_risk_month has its own documented route; the others share /dashboards/members.
  return params.figure === 'at_risk_month' ? '/dashboards/at-risk-members' : '/dashboards/members';
}

export function fetchDashboardMembers(params: DrillParams) {
  const { figure, ...rest } = params;
  const query = figure === 'at_risk_month' ? rest : params;
  return get<Page<DashboardMember>>(dashboardMembersPath(params), query);
}

export function useDashboardMembers(params: DrillParams | null) {
  return useQuery({
    queryKey: params ? dashboardKeys.members(params) : ['dashboards', 'members', 'none'],
    queryFn: () => fetchDashboardMembers(params!),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}
