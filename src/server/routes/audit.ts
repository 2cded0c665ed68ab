import { createRoute } from '@hono/zod-openapi';
import { auditLogQuery, auditLogSchema } from '../../core/audit/schemas';
import { listAuditLog } from '../../services/audit/list-audit-log';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requirePermission } from '../middleware/auth';
import { createRouter, errorResponses, jsonResponse } from '../openapi';
import { present } from '../present';

const tags = ['Audit 監査ログ'];

/** 監査ログ: read only. No route edits or deletes it (and the table refuses UPDATE, DELETE, TRUNCATE). */
export function auditRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use('/audit-log', requirePermission('admin'));
  return router.openapi(
    createRoute({
      method: 'get',
      path: '/audit-log',
      operationId: 'listAuditEntries',
      tags,
      summary: 'The audit trail, newest first (admin only); `total` on the first page only, up to 10,000',
      description: [
        'Every write to members, notes, cases, workplaces, meetings, demands, links, tasks, users (and their workplaces), settings, workflow rules, API tokens and handovers, recorded by the database with the actor of the transaction, plus events: `sign_in`, `sign_in_failed` (the email tried and why, never the password), `sign_out`, `denied` (a 403, or a 404 for a record outside the actor’s scope), `read_sensitive` and others.',
        'Updates carry `changes` (`{ field: { from, to } }`, only the fields that changed; a user’s role change reads `role: { from, to }`); inserts carry `after`, deletes `before`. Password and token hashes are never recorded.',
        '`recordId` matches the record or what it belongs to (a member’s id also finds their notes, cases and the refused requests about them). `from`/`to` are days in the organization’s time zone (inclusive) or ISO 8601 instants.',
        'Paging is by `cursor` only (keyset on time and id: no entry is repeated or skipped while new ones arrive). Counting a large log is costly, so `total` is given on the first page only and counts at most 10,000 entries (`totalCapped: true` beyond that).',
        'The log is append-only: there is no route to change or delete entries.',
      ].join('\n\n'),
      request: { query: auditLogQuery },
      responses: { 200: jsonResponse(auditLogSchema, 'One page of the audit trail'), ...errorResponses },
    }),
    async (c) => c.json(present(await listAuditLog(serviceContext(c, deps), c.req.valid('query'))), 200),
  );
}
