import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';
import type {
  HandoverPreview,
  handoverSchema,
  handoverSummarySchema,
  memberBriefingSchema,
  pendingHandoverSchema,
} from '../../../core/handover/schemas';
import { get, type Page } from '../../http/client';
import type { Member, Task, Workplace } from '../../http/types';

// What the API sends (type-only imports: no schema code reaches the bundle).
export type Handover = z.infer<typeof handoverSchema>;
export type MemberBriefing = z.infer<typeof memberBriefingSchema>;
export type PendingHandover = z.infer<typeof pendingHandoverSchema>;
export type HandoverSummary = z.infer<typeof handoverSummarySchema>;
export type { HandoverPreview };
/**
 * Whose portfolio a handover moves: from the needs-handover list (with its counts)
 * or any staff user (the form counts their portfolio itself).
 */
export type HandoverFrom = Pick<PendingHandover, 'userId' | 'displayName' | 'role'> &
  Partial<Pick<PendingHandover, 'memberCount' | 'workplaceCount' | 'taskCount'>>;

/** Briefings fetched per request when printing a handover (the API's maximum is 500). */
export const BRIEFING_PAGE = 100;

export const handoverKeys = {
  all: ['handovers'] as const,
  list: (page: { limit: number; offset: number }) => ['handovers', 'list', page] as const,
  // Under the users' key: disabling a user (which makes a handover pending) refreshes it.
  pending: ['users', 'pending-handover'] as const,
  detail: (id: string) => ['handovers', 'detail', id] as const,
  briefings: (id: string) => ['handovers', 'detail', id, 'briefings'] as const,
  summary: (id: string) => ['handovers', 'detail', id, 'summary'] as const,
  // Under the member's detail key: a change to the member refreshes its briefing.
  memberBriefing: (id: string) => ['members', 'detail', id, 'briefing'] as const,
  portfolio: (userId: string) => ['handovers', 'portfolio', userId] as const,
};

/** 要引き継ぎ (admin only: pass `enabled: false` for anyone else). */
export function usePendingHandovers(enabled = true) {
  return useQuery({
    queryKey: handoverKeys.pending,
    enabled,
    queryFn: () => get<Page<PendingHandover>>('/handover/pending'),
  });
}

export function useMemberBriefing(id: string) {
  return useQuery({
    queryKey: handoverKeys.memberBriefing(id),
    queryFn: () => get<MemberBriefing>(`/members/${id}/briefing`),
  });
}

export function useHandover(id: string) {
  return useQuery({ queryKey: handoverKeys.detail(id), queryFn: () => get<Handover>(`/handovers/${id}`) });
}

/** The first page of a handover's briefing: at-risk members, open cases and next actions due. */
export function useHandoverSummary(id: string) {
  return useQuery({
    queryKey: handoverKeys.summary(id),
    queryFn: () => get<HandoverSummary>(`/handovers/${id}/summary`),
  });
}

/**
 * Every briefing of a handover: a printed handover needs them all, so the
 * pages are fetched one after another until the last.
 */
export function useHandoverBriefings(id: string) {
  const query = useInfiniteQuery({
    queryKey: handoverKeys.briefings(id),
    queryFn: ({ pageParam }) =>
      get<Page<MemberBriefing>>(`/handovers/${id}/briefings`, { limit: BRIEFING_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
  });
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);
  return query;
}

/** The handover history, newest first (admins and officers). */
export function useHandovers(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: handoverKeys.list(page),
    queryFn: () => get<Page<Handover>>('/handovers', page),
    placeholderData: keepPreviousData,
  });
}

/**
 * How much a user owns: members and workplaces (every role that hands over reads
 * them all) and, with `withTasks` (only admins see every task), open tasks;
 * `taskCount` is null without it.
 */
export function usePortfolioCounts(userId: string, enabled: boolean, withTasks: boolean) {
  return useQuery({
    queryKey: [...handoverKeys.portfolio(userId), 'counts', withTasks] as const,
    enabled,
    queryFn: async () => {
      const [members, workplaces, tasks] = await Promise.all([
        get<Page<Member>>('/members', { ownerId: userId, limit: 1 }),
        get<Page<Workplace>>('/workplaces', { ownerId: userId, limit: 1 }),
        withTasks ? get<Page<Task>>('/tasks', { assignee: userId, status: 'open', limit: 1 }) : null,
      ]);
      return {
        memberCount: members.total,
        workplaceCount: workplaces.total,
        taskCount: tasks ? tasks.total : null,
      };
    },
  });
}

/** What a user owns, for choosing part of it (members of every status, workplaces). */
export function usePortfolio(userId: string, enabled: boolean) {
  return useQuery({
    queryKey: handoverKeys.portfolio(userId),
    enabled,
    queryFn: async () => {
      const [members, workplaces] = await Promise.all([
        get<Page<Member>>('/members', { ownerId: userId, limit: 500 }),
        get<Page<Workplace>>('/workplaces', { ownerId: userId, limit: 500, sort: 'name' }),
      ]);
      return { members, workplaces };
    },
  });
}

/** After a handover: owners changed on members, workplaces, tasks and the pending list. */
export function useHandoverDone() {
  const queryClient = useQueryClient();
  return () => {
    for (const key of [
      ['members'],
      ['workplaces'],
      ['tasks'],
      ['handovers'],
      ['dashboards'],
      handoverKeys.pending,
    ]) {
      void queryClient.invalidateQueries({ queryKey: key });
    }
  };
}
