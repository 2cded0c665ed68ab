import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { z } from 'zod';
import type { staffSchema } from '../../../core/users/schemas';
import { useCan } from '../../components/access';
import { get, type Page } from '../../http/client';
import { useMe } from '../auth/queries';

/** `GET /staff`: a staff user's id, name and role (what pickers need, nothing more). */
export type Staff = z.infer<typeof staffSchema>;
/** A staff user in a picker; `disabled` is set only on lists that include disabled accounts. */
export type StaffOption = Staff & { disabled?: boolean };

export const userKeys = {
  all: ['users'] as const,
  options: ['users', 'options'] as const,
  withDisabled: ['users', 'options', 'with-disabled'] as const,
};

/** Staff lists are short: one request holds them all (the API's maximum). */
const STAFF_LIMIT = 500;

/**
 * The enabled staff users, for owner selects, assignee pickers and filters, shared
 * by every feature. Every signed-in role may list them (`GET /staff`: names and
 * roles only); the admin's user management reads `/users` instead. Pass
 * `enabled: false` where the signed-in role would not use the list.
 */
export function useStaffOptions(enabled = true) {
  const me = useMe();
  return useQuery({
    queryKey: userKeys.options,
    enabled: enabled && Boolean(me.data),
    queryFn: async (): Promise<StaffOption[]> =>
      (await get<Page<Staff>>('/staff', { limit: STAFF_LIMIT })).items,
    staleTime: 300_000,
  });
}

/**
 * The enabled staff who may own a record of this workplace (`null`: of no workplace), for
 * owner selects: a rep is offered only for the workplaces they cover, as the server requires.
 */
export function useOwnerOptions(workplaceId: string | null, enabled = true) {
  const me = useMe();
  return useQuery({
    queryKey: [...userKeys.options, 'owners', workplaceId ?? 'none'] as const,
    enabled: enabled && Boolean(me.data),
    queryFn: async (): Promise<StaffOption[]> =>
      (await get<Page<Staff>>('/staff', { limit: STAFF_LIMIT, canOwnIn: workplaceId ?? 'none' })).items,
    staleTime: 300_000,
    // Keep the last list while another workplace's loads, so the select does not flicker.
    placeholderData: (previous) => previous,
  });
}

/**
 * Every staff user, disabled accounts included and marked `disabled` (the list of
 * enabled ones tells them apart), for choosing whose portfolio to hand over and for
 * naming past actors. Needs the handover permission; for anyone else nothing is
 * requested and the data stays undefined.
 */
export function useAllStaff() {
  const allowed = useCan('handover');
  const enabledStaff = useStaffOptions();
  const everyone = useQuery({
    queryKey: userKeys.withDisabled,
    enabled: allowed,
    queryFn: async () =>
      (await get<Page<Staff>>('/staff', { limit: STAFF_LIMIT, includeDisabled: true })).items,
    staleTime: 300_000,
  });
  const data = useMemo((): StaffOption[] | undefined => {
    if (!everyone.data || !enabledStaff.data) return undefined;
    const enabled = new Set(enabledStaff.data.map((u) => u.id));
    return everyone.data.map((u) => ({ ...u, disabled: !enabled.has(u.id) }));
  }, [everyone.data, enabledStaff.data]);
  return {
    data,
    isLoading: everyone.isLoading || enabledStaff.isLoading,
    error: everyone.error ?? enabledStaff.error,
    refetch: () => Promise.all([everyone.refetch(), enabledStaff.refetch()]),
  };
}

/** Accounts that can own records now (disabled ones keep their history but get nothing new). */
export const enabledStaff = <T extends StaffOption>(users: T[] | null | undefined) =>
  users?.filter((u) => !u.disabled) ?? users;
