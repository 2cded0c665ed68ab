import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  memberDemandSuggestionSchema,
  memberDemandSuggestionsSchema,
} from '../../../core/matching/schemas';
import { get, type Page } from '../../http/client';
import type { Demand, Member, MemberCase, MemberDetail, TimelineItem, Workplace } from '../../http/types';

export type MemberListParams = {
  q?: string | undefined;
  workplaceId?: string | undefined;
  engagement?: string | undefined;
  unionRole?: string | undefined;
  ownerId?: string | undefined;
  status?: string | undefined;
  nextActionDue?: string | undefined;
  sort: string;
  limit: number;
  offset: number;
} & {
  /** Custom field filters (issue 17), sent as they are: `cf.<key>=<value>`. */
  [filter: `cf.${string}`]: string;
};

/** A demand of the current season a member's words match (issue 16), with the reasons. */
export type MemberDemandSuggestion = z.infer<typeof memberDemandSuggestionSchema>;
export type MemberDemandSuggestions = z.infer<typeof memberDemandSuggestionsSchema>;

export const TIMELINE_PAGE = 20;

// Everything about one member lives under its detail key, so invalidating the
// member refreshes its timeline and cases too.
export const memberKeys = {
  all: ['members'] as const,
  lists: () => ['members', 'list'] as const,
  list: (params: MemberListParams) => ['members', 'list', params] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
  timeline: (id: string) => ['members', 'detail', id, 'timeline'] as const,
  cases: (id: string) => ['members', 'detail', id, 'cases'] as const,
  demandSuggestions: (id: string) => ['members', 'detail', id, 'demand-suggestions'] as const,
  search: (q: string) => ['members', 'search', q] as const,
};

// Options loaded by this feature, kept under the owning resource's prefix so
// that other pages invalidating ['workplaces'] or ['demands'] refresh them too.
export const optionKeys = {
  workplaces: ['workplaces', 'options'] as const,
  demands: ['demands', 'options'] as const,
};

export function useMembers(params: MemberListParams, enabled = true) {
  return useQuery({
    queryKey: memberKeys.list(params),
    queryFn: () => get<Page<Member>>('/members', params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMember(id: string) {
  return useQuery({ queryKey: memberKeys.detail(id), queryFn: () => get<MemberDetail>(`/members/${id}`) });
}

export function useTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: memberKeys.timeline(id),
    queryFn: ({ pageParam }) =>
      get<Page<TimelineItem>>(`/members/${id}/timeline`, { limit: TIMELINE_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
  });
}

/** A few members matching a search (a picker: moving a note to another member). */
export function useMemberSearch(q: string) {
  return useQuery({
    queryKey: memberKeys.search(q),
    queryFn: () => get<Page<Member>>('/members', { q, limit: 10 }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useMemberCases(id: string) {
  return useQuery({
    queryKey: memberKeys.cases(id),
    queryFn: () => get<Page<MemberCase>>(`/members/${id}/cases`, { limit: 100 }),
  });
}

/** The demands of the current season this member's words match, best first. */
export function useMemberDemandSuggestions(id: string) {
  return useQuery({
    queryKey: memberKeys.demandSuggestions(id),
    queryFn: () => get<MemberDemandSuggestions>(`/members/${id}/demand-suggestions`),
    refetchInterval: (query) => (query.state.data?.pending ? 5000 : false),
  });
}

export function useWorkplaceOptions() {
  return useQuery({
    queryKey: optionKeys.workplaces,
    queryFn: () => get<Page<Workplace>>('/workplaces', { limit: 500, sort: 'name' }),
    staleTime: 60_000,
  });
}

export function useDemandOptions() {
  return useQuery({
    queryKey: optionKeys.demands,
    queryFn: () => get<Page<Demand>>('/demands', { limit: 500 }),
  });
}

/** After any change to a member: the member, its timeline and cases, and every list. */
export function useInvalidateMember() {
  const queryClient = useQueryClient();
  return (options: { demands?: boolean; workplaces?: boolean } = {}) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: memberKeys.all }),
      // An engagement change to at_risk makes a follow-up task in the same transaction.
      queryClient.invalidateQueries({ queryKey: ['tasks'] }),
      // Engagement, workplace and cases feed every dashboard figure.
      queryClient.invalidateQueries({ queryKey: ['dashboards'] }),
      options.demands ? queryClient.invalidateQueries({ queryKey: ['demands'] }) : undefined,
      options.workplaces ? queryClient.invalidateQueries({ queryKey: ['workplaces'] }) : undefined,
    ]);
}

export { todayIn, useToday } from '../../components/today';
