import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { StaffRole } from '../../../core/enums';
import type { SavedViewList, savedViewSchema } from '../../../core/saved-views/schemas';
import { del, get, patch, post } from '../../http/client';

export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewKeys = { all: ['saved-views'] as const };

/** Every view the user sees (all lists: the navigation shows them all, each list page its own). */
export function useSavedViews(enabled = true) {
  return useQuery({
    queryKey: savedViewKeys.all,
    queryFn: async () => (await get<{ items: SavedView[] }>('/saved-views')).items,
    staleTime: 30_000,
    enabled,
  });
}

export type SavedViewDraft = {
  name: string;
  list: SavedViewList;
  params: Record<string, string>;
  sharedRoles: StaffRole[];
};

export function useSavedViewMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: savedViewKeys.all });
  return {
    create: useMutation({
      mutationFn: (d: SavedViewDraft) =>
        post<SavedView>('/saved-views', {
          name: d.name,
          list: d.list,
          state: { params: d.params },
          sharedRoles: d.sharedRoles,
        }),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: (v: {
        id: string;
        version: number;
        name?: string;
        params?: Record<string, string>;
        sharedRoles?: StaffRole[];
      }) =>
        patch<SavedView>(`/saved-views/${v.id}`, {
          version: v.version,
          ...(v.name === undefined ? {} : { name: v.name }),
          ...(v.params === undefined ? {} : { state: { params: v.params } }),
          ...(v.sharedRoles === undefined ? {} : { sharedRoles: v.sharedRoles }),
        }),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (v: { id: string; version: number }) => del(`/saved-views/${v.id}`, { version: v.version }),
      onSuccess,
    }),
  };
}
