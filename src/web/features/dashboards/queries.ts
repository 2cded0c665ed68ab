import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  dashboardMemberSchema,
  monthlyDashboardSchema,
  weeklyDashboardSchema,
} from '../../../core/dashboards/schemas';
import type { Priority } from '../../../core/enums';
import type { demandFromVoicesResultSchema, unmatchedVoicesSchema } from '../../../core/matching/schemas';
import { get, type Page, post } from '../../http/client';
import { demandKeys } from '../demands/queries';

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
export type UnmatchedVoices = z.infer<typeof unmatchedVoicesSchema>;
export type VoiceCluster = UnmatchedVoices['items'][number];
export type DemandFromVoicesResult = z.infer<typeof demandFromVoicesResultSchema>;

/** The drill-down lists of the monthly figures (GET /api/dashboards/members?figure=…). */
export type DrillFigure = 'at_risk_month' | 'month_end' | 'rated';

export type DrillParams = {
  figure: DrillFigure;
  month?: string | undefined;
  asOf?: string | undefined;
  offset: number;
  limit: number;
  /** 自分の担当だけ: the drill-down of the narrowed figure. */
  mine?: 1 | undefined;
};

// Every key starts with 'dashboards': member, workplace and demand changes invalidate them all.
export const dashboardKeys = {
  all: ['dashboards'] as const,
  weekly: (asOf: string | undefined, mine = false) =>
    ['dashboards', 'weekly', asOf ?? 'today', mine ? 'mine' : 'all'] as const,
  monthly: (asOf: string | undefined, season?: string, mine = false) =>
    ['dashboards', 'monthly', asOf ?? 'today', season ?? 'current', mine ? 'mine' : 'all'] as const,
  members: (params: DrillParams) => ['dashboards', 'members', params] as const,
  // Under 'dashboards' too: a demand created or a member linked elsewhere changes what no demand holds.
  voices: ['dashboards', 'voices'] as const,
};

/** `mine`: 自分の担当だけ (the members the signed-in user owns). */
export function useWeeklyDashboard(asOf: string | undefined, mine = false) {
  return useQuery({
    queryKey: dashboardKeys.weekly(asOf, mine),
    queryFn: () => get<WeeklyDashboard>('/dashboards/weekly', { asOf, mine: mine ? 1 : undefined }),
    placeholderData: keepPreviousData,
  });
}

/** `season`: a season id or `all`; undefined: the season current on asOf (the API's default). */
export function useMonthlyDashboard(asOf: string | undefined, enabled = true, season?: string, mine = false) {
  return useQuery({
    queryKey: dashboardKeys.monthly(asOf, season, mine),
    queryFn: () => get<MonthlyDashboard>('/dashboards/monthly', { asOf, season, mine: mine ? 1 : undefined }),
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

/** While the server still matches recent changes (`pending`), ask again now and then. */
const PENDING_REFETCH_MS = 5_000;

/** 要求になっていない声: what members said that no demand of the current season holds, by topic. */
export function useUnmatchedVoices() {
  return useQuery({
    queryKey: dashboardKeys.voices,
    queryFn: () => get<UnmatchedVoices>('/voices/unmatched'),
    refetchInterval: (query) => (query.state.data?.pending ? PENDING_REFETCH_MS : false),
  });
}

export type DemandFromVoicesBody = {
  demand: { title: string; priority: Priority };
  memberIds: string[];
};

/**
 * 要求として登録: creates the demand and links the cluster's members in one request. Afterwards
 * the demand is known (its page opens without waiting), and every demand list, member (their
 * demands), dashboard and the voices themselves are read again.
 */
export function useCreateDemandFromVoices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DemandFromVoicesBody) =>
      post<DemandFromVoicesResult>('/voices/unmatched/demand', body),
    onSuccess: (result) => {
      queryClient.setQueryData(demandKeys.detail(result.demand.id), result.demand);
      // Not awaited: the new demand's page opens at once; what is shown refetches, the rest when shown.
      void Promise.all([
        // Lists, seasons (their counts) and the new demand's members.
        queryClient.invalidateQueries({ queryKey: demandKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['members'] }),
        queryClient.invalidateQueries({ queryKey: dashboardKeys.all }),
      ]);
    },
  });
}
