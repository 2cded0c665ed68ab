import { useQuery } from '@tanstack/react-query';
import { ApiError, get, type Page } from '../../http/client';
import type { User } from '../../http/types';
import { useMe } from '../auth/queries';

export const userKeys = { all: ['users'] as const, options: ['users', 'options'] as const };

/**
 * Staff users for owner selects and filters, shared by every feature. Only
 * admins may list them: for anyone else nothing is requested (no 403 in the
 * console) and the data stays undefined; a 403 all the same (a role changed
 * since sign-in) also means "none".
 */
export function useStaffOptions() {
  const me = useMe();
  return useQuery({
    queryKey: userKeys.options,
    enabled: me.data?.role === 'admin',
    queryFn: async (): Promise<User[] | null> => {
      try {
        return (await get<Page<User>>('/users', { limit: 500 })).items;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 403 || err.status === 401)) return null;
        throw err;
      }
    },
    staleTime: 300_000,
  });
}

/** Accounts that can own records now (disabled ones keep their history but get nothing new). */
export const enabledStaff = (users: User[] | null | undefined) => users?.filter((u) => !u.disabled) ?? users;
