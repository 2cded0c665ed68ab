import { useQuery } from '@tanstack/react-query';
import { get, type Page } from '../../http/client';
import type { Task } from '../../http/types';

export const taskKeys = {
  all: ['tasks'] as const,
  myOpenCount: ['tasks', 'my-open-count'] as const,
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
