import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { searchResultSchema } from '../../../core/search/schemas';
import { get } from '../../http/client';

export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchKeys = {
  all: ['search'] as const,
  query: (q: string) => ['search', q] as const,
};

/** The grouped matches of `q` (nothing is asked for an empty one); the last answer stays while the next loads. */
export function useSearch(q: string) {
  return useQuery({
    queryKey: searchKeys.query(q),
    queryFn: () => get<SearchResult>('/search', { q }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
