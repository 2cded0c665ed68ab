import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, type Page } from '../../http/client';
import type { AtmosphereChange, Meeting, Member, Workplace } from '../../http/types';

export type WorkplaceListParams = {
  q?: string | undefined;
  atmosphere?: string | undefined;
  establishment?: string | undefined;
  ownerId?: string | undefined;
  sort?: string | undefined;
  offset?: number | undefined;
  limit: number;
} & {
  /** Custom field filters (issue 17), sent as they are: `cf.<key>=<value>`. */
  [filter: `cf.${string}`]: string;
};

export const workplaceKeys = {
  all: ['workplaces'] as const,
  lists: () => ['workplaces', 'list'] as const,
  list: (params: WorkplaceListParams) => ['workplaces', 'list', params] as const,
  establishments: () => ['workplaces', 'list', 'establishments'] as const,
  detail: (id: string) => ['workplaces', 'detail', id] as const,
  meetings: (id: string, offset: number) => ['workplaces', 'detail', id, 'meetings', offset] as const,
  allMeetings: (id: string) => ['workplaces', 'detail', id, 'meetings'] as const,
  atmosphereHistory: (id: string) => ['workplaces', 'detail', id, 'atmosphere-history'] as const,
  // Under ['members'] so every member change (engagement, workplace, role) refreshes the grouping.
  members: (id: string) => ['members', 'by-workplace', id] as const,
};

export function useWorkplaces(params: WorkplaceListParams) {
  return useQuery({
    queryKey: workplaceKeys.list(params),
    queryFn: () => get<Page<Workplace>>('/workplaces', params),
    placeholderData: keepPreviousData,
  });
}

/** Every establishment name, for the filter select (a union has tens of workplaces, not thousands). */
export function useEstablishments() {
  return useQuery({
    queryKey: workplaceKeys.establishments(),
    queryFn: async () => {
      const page = await get<Page<Workplace>>('/workplaces', { limit: 500, sort: 'name' });
      const names = new Set(page.items.map((w) => w.establishment).filter((e): e is string => Boolean(e)));
      return [...names].sort((a, b) => a.localeCompare(b, 'ja'));
    },
    staleTime: 60_000,
  });
}

export function useWorkplace(id: string) {
  return useQuery({ queryKey: workplaceKeys.detail(id), queryFn: () => get<Workplace>(`/workplaces/${id}`) });
}

export const MEMBER_LIMIT = 500;

export function useWorkplaceMembers(id: string) {
  return useQuery({
    queryKey: workplaceKeys.members(id),
    queryFn: () =>
      get<Page<Member>>('/members', {
        workplaceId: id,
        status: 'active',
        limit: MEMBER_LIMIT,
        sort: 'nameKana',
      }),
  });
}

export const MEETING_LIMIT = 10;

export function useMeetings(id: string, offset: number) {
  return useQuery({
    queryKey: workplaceKeys.meetings(id, offset),
    queryFn: () => get<Page<Meeting>>(`/workplaces/${id}/meetings`, { limit: MEETING_LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
}

export function useAtmosphereHistory(id: string) {
  return useQuery({
    queryKey: workplaceKeys.atmosphereHistory(id),
    // The API answers oldest first; the page shows the latest change on top.
    queryFn: async () => {
      const page = await get<Page<AtmosphereChange>>(`/workplaces/${id}/atmosphere-history`, { limit: 500 });
      return { ...page, items: [...page.items].reverse() };
    },
  });
}

/** After a workplace changes: its page, every list and the dashboards that count it. */
export function useInvalidateWorkplace() {
  const queryClient = useQueryClient();
  return (id?: string) =>
    Promise.all([
      id ? queryClient.invalidateQueries({ queryKey: workplaceKeys.detail(id) }) : undefined,
      queryClient.invalidateQueries({ queryKey: workplaceKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['dashboards'] }),
      // Atmosphere and meetings decide the workplace_gathering rule's tasks.
      queryClient.invalidateQueries({ queryKey: ['tasks'] }),
    ]);
}
