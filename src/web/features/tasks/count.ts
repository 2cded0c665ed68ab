import { useQuery } from '@tanstack/react-query';
import { get, type Page } from '../../http/client';
import type { Task } from '../../http/types';

export type TaskListParams = {
  assignee?: string | undefined;
  status?: 'open' | 'done' | undefined;
  q?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  sort: string;
  limit: number;
  offset: number;
};

// Everything about tasks lives under ['tasks']: invalidating it after any
// change refreshes the inbox, the record pages' task lists and the nav badge.
export const taskKeys = {
  all: ['tasks'] as const,
  myOpenCount: ['tasks', 'my-open-count'] as const,
  lists: () => ['tasks', 'list'] as const,
  list: (params: TaskListParams) => ['tasks', 'list', params] as const,
  subject: (subjectType: string, subjectId: string) => ['tasks', 'subject', subjectType, subjectId] as const,
};

/** The number of my open tasks, for the navigation badge (limit=1: only the total is read). */
export function useMyOpenTaskCount() {
  return useQuery({
    queryKey: taskKeys.myOpenCount,
    queryFn: async () =>
      (await get<Page<Task>>('/tasks', { assignee: 'me', status: 'open', limit: 1 })).total,
    staleTime: 30_000,
    refetchInterval: 120_000,
  });
}
