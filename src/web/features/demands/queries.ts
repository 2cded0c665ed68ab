import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { seasonListSchema, seasonSchema } from '../../../core/demands/seasons';
import { get, type Page } from '../../http/client';
import type { Demand, DemandMember, DemandNote, Member } from '../../http/types';

/** A bargaining season (交渉シーズン) and the list with the current one, as the API sends them. */
export type Season = z.infer<typeof seasonSchema>;
export type SeasonList = z.infer<typeof seasonListSchema>;

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
