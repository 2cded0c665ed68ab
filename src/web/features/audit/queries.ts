import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditEntrySchema, auditLogSchema } from '../../../core/audit/schemas';
import { get } from '../../http/client';

// What the API sends (type-only imports: no schema code reaches the bundle).
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditLogPage = z.infer<typeof auditLogSchema>;

/** The filters, as in the URL and the query string of GET /api/audit-log. */
export type AuditFilters = {
  userId: string;
  recordId: string;
  action: string;
  from: string;
  to: string;
};

export const AUDIT_PAGE = 50;

export const auditKeys = {
  all: ['audit-log'] as const,
  list: (filters: AuditFilters) => ['audit-log', 'list', filters] as const,
};

/** Newest first; "more" follows the server's cursor (no entry repeated or skipped). */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<AuditLogPage>('/audit-log', { ...filters, limit: AUDIT_PAGE, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor,
  });
}
