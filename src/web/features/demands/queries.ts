import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { seasonListSchema, seasonSchema } from '../../../core/demands/seasons';
import type {
  acceptResultSchema,
  demandSuggestionSchema,
  demandSuggestionsSchema,
  MatchSource,
  rejectResultSchema,
} from '../../../core/matching/schemas';
import { get, type Page, post } from '../../http/client';
import type { Demand, DemandMember, DemandNote, Member } from '../../http/types';

/** A bargaining season (交渉シーズン) and the list with the current one, as the API sends them. */
export type Season = z.infer<typeof seasonSchema>;
export type SeasonList = z.infer<typeof seasonListSchema>;

/** A member whose words match a demand (issue 16), with the reasons, as the API sends it. */
export type DemandSuggestion = z.infer<typeof demandSuggestionSchema>;
export type DemandSuggestions = z.infer<typeof demandSuggestionsSchema>;
export type SuggestionsAccepted = z.infer<typeof acceptResultSchema>;
export type SuggestionsRejected = z.infer<typeof rejectResultSchema>;
export type { MatchSource };

export type DemandListParams = {
  season?: string | undefined;
  q?: string | undefined;
  status?: string | undefined;
  priority?: string | undefined;
  sort?: string | undefined;
  offset?: number | undefined;
  limit: number;
};

export const demandKeys = {
  all: ['demands'] as const,
  lists: () => ['demands', 'list'] as const,
  list: (params: DemandListParams) => ['demands', 'list', params] as const,
  detail: (id: string) => ['demands', 'detail', id] as const,
  members: (id: string) => ['demands', 'detail', id, 'members'] as const,
  notes: (id: string, offset: number) => ['demands', 'detail', id, 'notes', offset] as const,
  allNotes: (id: string) => ['demands', 'detail', id, 'notes'] as const,
  // Under the demand's detail: every change to the demand or its links refreshes them.
  suggestions: (id: string) => ['demands', 'detail', id, 'suggestions'] as const,
  seasons: ['demands', 'seasons'] as const,
  // Under ['members'] so it refreshes with every member change (and demandIds after a link).
  memberSearch: (q: string) => ['members', 'search', q] as const,
};

export function useDemands(params: DemandListParams, enabled = true) {
  return useQuery({
    queryKey: demandKeys.list(params),
    enabled,
    queryFn: () => get<Page<Demand>>('/demands', params),
    placeholderData: keepPreviousData,
  });
}

export function useDemand(id: string) {
  return useQuery({ queryKey: demandKeys.detail(id), queryFn: () => get<Demand>(`/demands/${id}`) });
}

/** Every season with the current one's id; under ['demands'] so a demand change refreshes the counts. */
export function useSeasons() {
  return useQuery({ queryKey: demandKeys.seasons, queryFn: () => get<SeasonList>('/seasons') });
}

export const DEMAND_MEMBER_LIMIT = 500;

export function useDemandMembers(id: string) {
  return useQuery({
    queryKey: demandKeys.members(id),
    queryFn: () => get<Page<DemandMember>>(`/demands/${id}/members`, { limit: DEMAND_MEMBER_LIMIT }),
  });
}

export const NOTE_LIMIT = 20;

export function useDemandNotes(id: string, offset: number) {
  return useQuery({
    queryKey: demandKeys.notes(id, offset),
    queryFn: () => get<Page<DemandNote>>(`/demands/${id}/notes`, { limit: NOTE_LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
}

export const SUGGESTION_LIMIT = 50;
/** While recent changes are still being matched (`pending`), ask again now and then. */
const PENDING_POLL_MS = 5000;

/** Members whose words match the demand and who are not linked to it yet, best first. */
export function useDemandSuggestions(id: string) {
  return useQuery({
    queryKey: demandKeys.suggestions(id),
    queryFn: () => get<DemandSuggestions>(`/demands/${id}/suggestions`, { limit: SUGGESTION_LIMIT }),
    refetchInterval: (query) => (query.state.data?.pending ? PENDING_POLL_MS : false),
  });
}

/** Links suggested members to the demand (source: matched). */
export const acceptSuggestions = (demandId: string, memberIds: string[]) =>
  post<SuggestionsAccepted>(`/demands/${demandId}/suggestions/accept`, { memberIds });

/** Turns suggestions down: these members are never suggested for the demand again. */
export const rejectSuggestions = (demandId: string, memberIds: string[]) =>
  post<SuggestionsRejected>(`/demands/${demandId}/suggestions/reject`, { memberIds });

export function useMemberSearch(q: string) {
  return useQuery({
    queryKey: demandKeys.memberSearch(q),
    queryFn: () => get<Page<Member>>('/members', { q, limit: 10 }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

/**
 * After a demand or its links change: the demand, its members and log, every demand list,
 * the members (whose demandIds changed) and the dashboards that rank demands.
 */
export function useInvalidateDemand() {
  const queryClient = useQueryClient();
  return (id?: string) =>
    Promise.all([
      id ? queryClient.invalidateQueries({ queryKey: demandKeys.detail(id) }) : undefined,
      queryClient.invalidateQueries({ queryKey: demandKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: ['members'] }),
      queryClient.invalidateQueries({ queryKey: ['dashboards'] }),
    ]);
}
