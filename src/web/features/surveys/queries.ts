import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  invitationOutput,
  SurveyFreeText,
  SurveyOutput,
  SurveyResults,
  surveyProgressOutput,
} from '../../../core/surveys/schemas';
import { ApiError, get, type Page } from '../../http/client';

// The survey pages' requests (要求アンケート). Types come from the contract's zod schemas
// (type-only: no schema code reaches the browser).

export type Survey = SurveyOutput;
export type SurveyInvitation = z.infer<typeof invitationOutput>;
export type SurveyProgress = z.infer<typeof surveyProgressOutput>;
export type { SurveyFreeText, SurveyResults };

export type Nonrespondent = {
  id: string;
  name: string;
  nameKana: string | null;
  workplaceId: string | null;
  workplaceName: string | null;
};

/** A demand's support in each survey (apart from its linked members). */
export type SurveySupportItem = {
  surveyId: string;
  title: string;
  anonymous: boolean;
  status: 'open' | 'closed';
  respondents: number;
  /** null while an anonymous survey withholds it. */
  count: number | null;
  withheld: 'open' | 'too_few_respondents' | null;
};

export type PaperAnswer = {
  demandIds: string[];
  freeText: string | null;
  answers: Record<string, unknown>;
};

export type SurveyListParams = { season?: string | undefined; offset?: number | undefined; limit: number };
export type InvitationParams = {
  workplaceId?: string | undefined;
  answered?: 'true' | 'false' | undefined;
  offset?: number | undefined;
  limit: number;
};

export const surveyKeys = {
  all: ['surveys'] as const,
  lists: () => ['surveys', 'list'] as const,
  list: (params: SurveyListParams) => ['surveys', 'list', params] as const,
  detail: (id: string) => ['surveys', 'detail', id] as const,
  progress: (id: string) => ['surveys', 'detail', id, 'progress'] as const,
  invitations: (id: string, params: InvitationParams) =>
    ['surveys', 'detail', id, 'invitations', params] as const,
  allInvitations: (id: string, workplaceId: string | undefined) =>
    ['surveys', 'detail', id, 'invitations', 'all', workplaceId ?? null] as const,
  nonrespondents: (id: string, workplaceId: string | undefined) =>
    ['surveys', 'detail', id, 'nonrespondents', workplaceId ?? null] as const,
  results: (id: string) => ['surveys', 'detail', id, 'results'] as const,
  freeText: (id: string, offset: number) => ['surveys', 'detail', id, 'free-text', offset] as const,
  answer: (id: string, memberId: string) => ['surveys', 'detail', id, 'answer', memberId] as const,
  // Under ['demands'] so it refreshes with the demand (and after applying a survey).
  support: (demandId: string) => ['demands', 'detail', demandId, 'survey-support'] as const,
};

export function useSurveys(params: SurveyListParams, enabled = true) {
  return useQuery({
    queryKey: surveyKeys.list(params),
    enabled,
    queryFn: () => get<Page<Survey>>('/surveys', params),
    placeholderData: keepPreviousData,
  });
}

export function useSurvey(id: string) {
  return useQuery({ queryKey: surveyKeys.detail(id), queryFn: () => get<Survey>(`/surveys/${id}`) });
}

/** How often the response tracking asks again while the page is open. */
export const PROGRESS_REFRESH_MS = 15_000;

export function useSurveyProgress(id: string, live: boolean) {
  return useQuery({
    queryKey: surveyKeys.progress(id),
    queryFn: () => get<SurveyProgress>(`/surveys/${id}/progress`),
    refetchInterval: live ? PROGRESS_REFRESH_MS : false,
    staleTime: 0,
  });
}

export function useInvitations(id: string, params: InvitationParams, enabled = true) {
  return useQuery({
    queryKey: surveyKeys.invitations(id, params),
    queryFn: () => get<Page<SurveyInvitation>>(`/surveys/${id}/invitations`, params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

const SLIP_PAGE = 500;

/** Every invitation (for the slips), page after page, in the server's order (workplace, then member). */
export function useAllInvitations(id: string, workplaceId: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.allInvitations(id, workplaceId),
    queryFn: async () => {
      const items: SurveyInvitation[] = [];
      for (let offset = 0; ; offset += SLIP_PAGE) {
        const page = await get<Page<SurveyInvitation>>(`/surveys/${id}/invitations`, {
          workplaceId,
          limit: SLIP_PAGE,
          offset,
        });
        items.push(...page.items);
        if (page.items.length < SLIP_PAGE || items.length >= page.total) break;
      }
      return items;
    },
  });
}

export const NONRESPONDENT_LIMIT = 200;

export function useNonrespondents(id: string, workplaceId: string | undefined, live: boolean) {
  return useQuery({
    queryKey: surveyKeys.nonrespondents(id, workplaceId),
    queryFn: () =>
      get<Page<Nonrespondent>>(`/surveys/${id}/nonrespondents`, { workplaceId, limit: NONRESPONDENT_LIMIT }),
    refetchInterval: live ? PROGRESS_REFRESH_MS : false,
    placeholderData: keepPreviousData,
  });
}

/** An anonymous survey's figures withheld by the server: while open, or below k respondents. */
export type Withheld = { withheld: 'open' | 'too_few_respondents'; minCell: number };

export const isWithheld = (data: SurveyResults | Withheld | undefined): data is Withheld =>
  Boolean(data && 'withheld' in data);

export function useSurveyResults(id: string, enabled = true) {
  return useQuery({
    queryKey: surveyKeys.results(id),
    enabled,
    queryFn: async (): Promise<SurveyResults | Withheld> => {
      const res = await fetch(`/api/surveys/${id}/results`, { credentials: 'same-origin' });
      const body = (await res.json().catch(() => undefined)) as
        | { error?: { code?: string; reason?: Withheld['withheld']; minCell?: number } }
        | undefined;
      if (res.status === 409 && body?.error?.code === 'results_withheld')
        return { withheld: body.error.reason ?? 'open', minCell: body.error.minCell ?? 5 };
      if (!res.ok) throw new ApiError(res.status, body);
      return body as unknown as SurveyResults;
    },
  });
}

export const FREE_TEXT_LIMIT = 50;

export function useFreeText(id: string, offset: number, enabled: boolean) {
  return useQuery({
    queryKey: surveyKeys.freeText(id, offset),
    queryFn: () => get<SurveyFreeText>(`/surveys/${id}/free-text`, { limit: FREE_TEXT_LIMIT, offset }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A member's answer of an identified survey (paper entry); null when none yet. */
export function usePaperAnswer(id: string, memberId: string, enabled: boolean) {
  return useQuery({
    queryKey: surveyKeys.answer(id, memberId),
    queryFn: async () => {
      const body = await get<{ answer: PaperAnswer | null }>(`/surveys/${id}/members/${memberId}/answer`);
      return body.answer;
    },
    enabled,
  });
}

export function useSurveySupport(demandId: string, enabled: boolean) {
  return useQuery({
    queryKey: surveyKeys.support(demandId),
    queryFn: () => get<SurveySupportItem[]>(`/demands/${demandId}/survey-support`),
    enabled,
  });
}

/** After a survey changes: it, its lists and (after an answer or apply) the demands it feeds. */
export function useInvalidateSurvey() {
  const queryClient = useQueryClient();
  return (id?: string, demandsToo = false) =>
    Promise.all([
      id ? queryClient.invalidateQueries({ queryKey: surveyKeys.detail(id) }) : undefined,
      queryClient.invalidateQueries({ queryKey: surveyKeys.lists() }),
      demandsToo ? queryClient.invalidateQueries({ queryKey: ['demands'] }) : undefined,
      demandsToo ? queryClient.invalidateQueries({ queryKey: ['members'] }) : undefined,
      demandsToo ? queryClient.invalidateQueries({ queryKey: ['dashboards'] }) : undefined,
    ]);
}
