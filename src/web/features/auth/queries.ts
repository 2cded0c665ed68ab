import { useQuery } from '@tanstack/react-query';
import { get } from '../../http/client';
import type { Session } from '../../http/types';

export type SetupState = { needsSetup: boolean; organizationName: string; timezone: string };

export const authKeys = {
  me: ['auth', 'me'] as const,
  setup: ['auth', 'setup'] as const,
};

/**
 * The signed-in user, or null when not signed in. `/auth/session` answers a signed-out
 * visitor with `{ user: null }` (200), so asking does not log a failed request.
 */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: async () => (await get<Session>('/auth/session')).user,
    staleTime: 60_000,
  });
}

export function useSetupState() {
  return useQuery({ queryKey: authKeys.setup, queryFn: () => get<SetupState>('/setup'), staleTime: 300_000 });
}
