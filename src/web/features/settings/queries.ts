import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { synonymTableSchema } from '../../../core/matching/schemas';
import type { SynonymGroup } from '../../../core/matching/synonyms';
import type { settingsSchema } from '../../../core/settings/schemas';
import type {
  workflowRulePreviewSchema,
  workflowRuleSchema,
  workflowRunSchema,
} from '../../../core/workflows/schemas';
import { api, get, type Page, post } from '../../http/client';
import type { Member, User, Workplace } from '../../http/types';
import { authKeys } from '../auth/queries';
import { userKeys } from '../users/queries';

// What the API sends (type-only imports: no schema code reaches the bundle).
export type Settings = z.infer<typeof settingsSchema>;
export type WorkflowRule = z.infer<typeof workflowRuleSchema>;
export type WorkflowRulePreview = z.infer<typeof workflowRulePreviewSchema>;
export type WorkflowRun = z.infer<typeof workflowRunSchema>;
export type SynonymTable = z.infer<typeof synonymTableSchema>;
export type SynonymCandidate = SynonymTable['candidates'][number];
export type { SynonymGroup };

export type PreviewRequest = {
  memberId?: string;
  workplaceId?: string;
  titleTemplate?: string | null;
  bodyTemplate?: string | null;
};

export const USER_PAGE = 50;

export const settingsKeys = {
  settings: ['settings'] as const,
  rules: ['workflow-rules'] as const,
  preview: (id: string, request: PreviewRequest) => ['workflow-rules', 'preview', id, request] as const,
  // Under ['users'] (the shared user key) so the owner selects elsewhere refresh with this list.
  users: (offset: number) => [...userKeys.all, 'admin-list', offset] as const,
  user: (id: string) => [...userKeys.all, 'detail', id] as const,
  workplaceOptions: ['workplaces', 'list', 'settings-options'] as const,
  previewMembers: ['members', 'list', 'settings-preview'] as const,
  // Not under ['settings']: saving the organization settings must not reload a table being edited.
  synonyms: ['synonyms'] as const,
};

export function useSettings() {
  return useQuery({ queryKey: settingsKeys.settings, queryFn: () => get<Settings>('/settings') });
}

/** After the settings change: the page, and the sign-in page's organization name. */
export function useSettingsSaved() {
  const queryClient = useQueryClient();
  return (saved: Settings) => {
    queryClient.setQueryData(settingsKeys.settings, saved);
    // The sample renderings use the first milestone year.
    void queryClient.invalidateQueries({ queryKey: settingsKeys.rules });
    void queryClient.invalidateQueries({ queryKey: authKeys.setup });
  };
}

export function useWorkflowRules() {
  return useQuery({
    queryKey: settingsKeys.rules,
    queryFn: async () => (await get<{ items: WorkflowRule[] }>('/workflow-rules')).items,
  });
}

/** Puts a rule the server answered with into the list, so the next change sends its new version. */
export function useRuleSaved() {
  const queryClient = useQueryClient();
  return (rule: WorkflowRule) => {
    queryClient.setQueryData<WorkflowRule[]>(settingsKeys.rules, (rules) =>
      rules?.map((r) => (r.id === rule.id ? rule : r)),
    );
    void queryClient.invalidateQueries({ queryKey: ['workflow-rules', 'preview', rule.id] });
  };
}

/** Renders templates on the server (writes nothing); `request` null skips it. */
export function useRulePreview(id: string, request: PreviewRequest | null) {
  return useQuery({
    queryKey: settingsKeys.preview(id, request ?? {}),
    enabled: request !== null,
    queryFn: () => post<WorkflowRulePreview>(`/workflow-rules/${id}/preview`, request),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** A few active members to render previews with (the list is for choosing, not browsing). */
export function usePreviewMembers() {
  return useQuery({
    queryKey: settingsKeys.previewMembers,
    queryFn: async () =>
      (await get<Page<Member>>('/members', { status: 'active', sort: 'nameKana', limit: 50 })).items,
    staleTime: 300_000,
  });
}

/** Every workplace (a union has tens, not thousands), for the rep's workplaces and the previews. */
export function useWorkplaceOptions() {
  return useQuery({
    queryKey: settingsKeys.workplaceOptions,
    queryFn: async () => (await get<Page<Workplace>>('/workplaces', { limit: 500, sort: 'name' })).items,
    staleTime: 60_000,
  });
}

export function useUserList(offset: number) {
  return useQuery({
    queryKey: settingsKeys.users(offset),
    queryFn: () => get<Page<User>>('/users', { limit: USER_PAGE, offset }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | null) {
  return useQuery({
    queryKey: settingsKeys.user(id ?? ''),
    enabled: Boolean(id),
    queryFn: () => get<User>(`/users/${id}`),
  });
}

/** After a user changes: the list, the owner selects everywhere, and the settings (書記長's name). */
export function useUserSaved() {
  const queryClient = useQueryClient();
  return (user?: User) => {
    if (user) queryClient.setQueryData(settingsKeys.user(user.id), user);
    // The user just answered is current: refresh the lists, not it.
    void queryClient.invalidateQueries({
      queryKey: userKeys.all,
      predicate: (q) => q.queryKey[1] !== 'detail',
    });
    void queryClient.invalidateQueries({ queryKey: settingsKeys.settings });
  };
}

/** The synonym and related-words table matching uses (every staff role reads it). */
export function useSynonyms() {
  return useQuery({
    queryKey: settingsKeys.synonyms,
    queryFn: () => get<SynonymTable>('/settings/synonyms'),
  });
}

/** Replaces the whole table; `version` is the one read (409 when someone saved meanwhile). */
export const saveSynonyms = (groups: SynonymGroup[], version: number) =>
  api<SynonymTable>('PUT', '/settings/synonyms', { groups, version });

/** Turns a suggested addition down (it is not suggested again). */
export const dismissSynonymCandidate = (candidate: { term: string; demandTerm: string }) =>
  post<SynonymTable>('/settings/synonyms/candidates/dismiss', {
    term: candidate.term,
    demandTerm: candidate.demandTerm,
  });

/**
 * After the table is saved or a suggestion dismissed: the answer is the table now. What no
 * demand holds depends on the table, so the voices on the dashboard are read again.
 */
export function useSynonymsChanged() {
  const queryClient = useQueryClient();
  return (table: SynonymTable) => {
    queryClient.setQueryData(settingsKeys.synonyms, table);
    // features/dashboards/queries.ts: dashboardKeys.voices.
    void queryClient.invalidateQueries({ queryKey: ['dashboards', 'voices'] });
  };
}
