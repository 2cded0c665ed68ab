import { createRoute } from '@hono/zod-openapi';
import { listStaffQuery, staffSchema } from '../../core/users/schemas';
import { listStaff } from '../../services/users/list-staff';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { createRouter, errorResponses, jsonResponse, listOf } from '../openapi';

const tags = ['Users'];

/** Staff names for pickers (owners, assignees, handover), for every signed-in role. */
export function staffRoutes(deps: AppDeps) {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/staff',
      operationId: 'listStaff',
      tags,
      summary: 'Staff names and roles for owner and assignee pickers (every role)',
      description:
        'Enabled accounts in name order, as `{ id, displayName, role }` only. `includeDisabled=true` adds disabled accounts (to pick a departing user to hand over) and needs the handover permission (admins and officers): 403 otherwise.',
      request: { query: listStaffQuery },
      responses: {
        200: jsonResponse(listOf(staffSchema, 'StaffList'), 'A page of staff users'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await listStaff(serviceContext(c, deps), c.req.valid('query')), 200),
  );
}
