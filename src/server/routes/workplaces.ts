import { createRoute, z } from '@hono/zod-openapi';
import { pagingQuery } from '../../core/common/schemas';
import { customFieldFilterParams } from '../../core/custom-fields/filters';
import {
  atmosphereChangeSchema,
  createMeetingSchema,
  createWorkplaceSchema,
  listWorkplacesQuery,
  meetingSchema,
  updateMeetingSchema,
  updateWorkplaceSchema,
  workplaceSchema,
} from '../../core/workplaces/schemas';
import { createMeeting } from '../../services/workplaces/create-meeting';
import { createWorkplace } from '../../services/workplaces/create-workplace';
import { deleteMeeting } from '../../services/workplaces/delete-meeting';
import { deleteWorkplace } from '../../services/workplaces/delete-workplace';
import { getWorkplace } from '../../services/workplaces/get-workplace';
import { listAtmosphereHistory } from '../../services/workplaces/list-atmosphere-history';
import { listMeetings } from '../../services/workplaces/list-meetings';
import { listWorkplaces } from '../../services/workplaces/list-workplaces';
import { updateMeeting } from '../../services/workplaces/update-meeting';
import { updateWorkplace } from '../../services/workplaces/update-workplace';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requirePermission, requireRole } from '../middleware/auth';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  listOf,
  versionQuery,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Workplaces 職場'];
const meetingParams = idParams.extend({
  meetingId: z.uuid().meta({ param: { name: 'meetingId', in: 'path' } }),
});

export function workplaceRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/workplaces',
        operationId: 'listWorkplaces',
        tags,
        summary:
          'List workplaces with member counts and organization rates (`q` searches name and establishment)',
        description:
          'A rep sees only their own workplaces (items and total); another workplace answers 404. Custom fields filter as `cf.<key>=<value>` (GET /api/custom-fields): equal, or for `choices` containing the value; several AND together.',
        request: { query: listWorkplacesQuery },
        responses: {
          200: jsonResponse(listOf(workplaceSchema, 'WorkplaceList'), 'A page of workplaces'),
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(
            await listWorkplaces(
              serviceContext(c, deps),
              c.req.valid('query'),
              customFieldFilterParams(c.req.queries()),
            ),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/workplaces',
        operationId: 'createWorkplace',
        tags,
        summary: 'Create a workplace; the initial atmosphere is written to its history',
        middleware: [requirePermission('records.write')] as const,
        request: { body: jsonBody(createWorkplaceSchema) },
        responses: { 201: jsonResponse(workplaceSchema, 'Created'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await createWorkplace(serviceContext(c, deps), c.req.valid('json'))), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/workplaces/{id}',
        operationId: 'getWorkplace',
        tags,
        summary: 'One workplace with computed fields',
        request: { params: idParams },
        responses: { 200: jsonResponse(workplaceSchema, 'The workplace'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await getWorkplace(serviceContext(c, deps), c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/workplaces/{id}',
        operationId: 'updateWorkplace',
        tags,
        summary:
          'Change a workplace (send the `version` you read); an atmosphere change is written to its history. A rep may change only the atmosphere (and its reason) of their workplaces',
        request: { params: idParams, body: jsonBody(updateWorkplaceSchema) },
        responses: { 200: jsonResponse(workplaceSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          present(
            await updateWorkplace(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json')),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/workplaces/{id}',
        operationId: 'deleteWorkplace',
        tags,
        summary: 'Delete a workplace with its meetings, history and tasks (admin only)',
        description: 'Its members are kept, without a workplace.',
        middleware: [requireRole('admin')] as const,
        request: { params: idParams, query: versionQuery },
        responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
      }),
      async (c) => {
        await deleteWorkplace(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query').version);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/workplaces/{id}/atmosphere-history',
        operationId: 'listWorkplaceAtmosphereHistory',
        tags,
        summary: 'Every atmosphere the workplace has had (the initial one too), oldest first',
        request: { params: idParams, query: pagingQuery },
        responses: {
          200: jsonResponse(listOf(atmosphereChangeSchema, 'AtmosphereChangeList'), 'A page of changes'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(
            await listAtmosphereHistory(
              serviceContext(c, deps),
              c.req.valid('param').id,
              c.req.valid('query'),
            ),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/workplaces/{id}/meetings',
        operationId: 'listWorkplaceMeetings',
        tags,
        summary: 'Workplace meetings (職場集会), newest first',
        request: { params: idParams, query: pagingQuery },
        responses: {
          200: jsonResponse(listOf(meetingSchema, 'WorkplaceMeetingList'), 'A page of meetings'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(await listMeetings(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query'))),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/workplaces/{id}/meetings',
        operationId: 'createWorkplaceMeeting',
        tags,
        summary:
          'Record a workplace meeting, with who attended (attendeeIds) or a count; invitedCount defaults to the current memberCount',
        middleware: [requirePermission('meetings.record')] as const,
        request: { params: idParams, body: jsonBody(createMeetingSchema) },
        responses: { 201: jsonResponse(meetingSchema, 'Created'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          present(await createMeeting(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json'))),
          201,
        ),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/workplaces/{id}/meetings/{meetingId}',
        operationId: 'updateWorkplaceMeeting',
        tags,
        summary: 'Change a workplace meeting or who attended (send the `version` you read)',
        middleware: [requirePermission('meetings.record')] as const,
        request: { params: meetingParams, body: jsonBody(updateMeetingSchema) },
        responses: { 200: jsonResponse(meetingSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) => {
        const { id, meetingId } = c.req.valid('param');
        return c.json(
          present(await updateMeeting(serviceContext(c, deps), id, meetingId, c.req.valid('json'))),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/workplaces/{id}/meetings/{meetingId}',
        operationId: 'deleteWorkplaceMeeting',
        tags,
        summary: 'Delete a workplace meeting',
        middleware: [requirePermission('records.write')] as const,
        request: { params: meetingParams, query: versionQuery },
        responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
      }),
      async (c) => {
        const { id, meetingId } = c.req.valid('param');
        await deleteMeeting(serviceContext(c, deps), id, meetingId, c.req.valid('query').version);
        return c.body(null, 204);
      },
    );
}
