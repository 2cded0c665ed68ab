import { createRoute } from '@hono/zod-openapi';
import {
  erasureResultSchema,
  erasureSchema,
  memberDataExportSchema,
} from '../../core/members/data-protection';
import { eraseMember } from '../../services/members/erase-member';
import { exportMemberData } from '../../services/members/export-member-data';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requirePermission } from '../middleware/auth';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Data protection 個人情報'];

/** Access requests and erasure of one member's personal data (admins only). */
export function memberDataRoutes(deps: AppDeps) {
  const router = createRouter();
  // The role is checked before the body is validated: a non-admin learns nothing.
  router.use('/members/:id/data-export', requirePermission('admin'));
  router.use('/members/:id/erasure', requirePermission('admin'));
  return router
    .openapi(
      createRoute({
        method: 'get',
        path: '/members/{id}/data-export',
        operationId: 'exportMemberData',
        tags,
        summary: 'Everything recorded about one member, as a JSON file (access requests; admin only)',
        description:
          'The member record, notes, every case (sensitive ones included), engagement history, linked demands (with titles), tasks about the member, handovers that moved them, and the audit entries about them and their notes, cases and tasks. Sent as an attachment. The export is recorded in the audit trail as `data_export` (counts only), each sensitive case as `read_sensitive`.',
        request: { params: idParams },
        responses: {
          200: jsonResponse(memberDataExportSchema, 'The member’s data'),
          ...errorResponses,
          404: writeErrorResponses[404],
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const data = await exportMemberData(serviceContext(c, deps), id);
        c.header('Content-Disposition', `attachment; filename="member-${id}.json"`);
        c.header('Cache-Control', 'no-store');
        return c.json(present(data), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/members/{id}/erasure',
        operationId: 'eraseMember',
        tags,
        summary: 'Erase a member and all their personal data (admin only; irreversible)',
        description:
          'One transaction: deletes the member, their notes, cases, engagement history, demand and handover links and the tasks about them (workplaces they represented lose their rep), and replaces the recorded values of every audit entry about them with `{"erased": true}`. An `erasure` event keeps only the record id, the counts, who and when. `confirmName` must be the member’s name (400 otherwise; nothing is erased). Free text elsewhere that mentions the member is not changed. For a member who merely left the union, set `status: left` instead.',
        request: { params: idParams, body: jsonBody(erasureSchema) },
        responses: { 200: jsonResponse(erasureResultSchema, 'Erased'), ...writeErrorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const result = await eraseMember(serviceContext(c, deps), id, c.req.valid('json'));
        return c.json(present(result), 200);
      },
    );
}
