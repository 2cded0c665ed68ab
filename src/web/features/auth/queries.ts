import { useQuery } from '@tanstack/react-query';
import { ApiError, get } from '../../http/client';
import type { Me } from '../../http/types';

export type SetupState = { needsSetup: boolean; organizationName: string; timezone: string };

export const authKeys = {
  me: ['auth', 'me'] as const,
  setup: ['auth', 'setup'] as const,
};

/** The signed-in user, or null when not signed in. */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: async () => {
      try {
        return await get<Me>('/auth/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useSetupState() {
  return useQuery({ queryKey: authKeys.setup, queryFn: () => get<SetupState>('/setup'), staleTime: 300_000 });
}
