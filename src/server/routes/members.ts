import { createRoute } from '@hono/zod-openapi';
import {
  createMemberSchema,
  listMembersQuery,
  MEMBER_TOTAL_CAP,
  memberSchema,
  updateMemberSchema,
} from '../../core/members/schemas';
import { createMember } from '../../services/members/create-member';
import { deleteMember } from '../../services/members/delete-member';
import { getMember } from '../../services/members/get-member';
import { listMembers } from '../../services/members/list-members';
import { updateMember } from '../../services/members/update-member';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requireRole } from '../middleware/auth';
import {
  cappedListOf,
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  versionQuery,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Members 組合員'];

export function memberRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/members',
        operationId: 'listMembers',
        tags,
        summary: 'List members (filters, `q` search on name, kana and employee number, kana order)',
        description:
          "Only members within the caller's scope: a rep sees the members of their workplaces (items and `total`; a filter on another workplace gives an empty page). `openCaseCount` counts only cases the caller may see.",
        request: { query: listMembersQuery },
        responses: {
          200: jsonResponse(cappedListOf(memberSchema, 'MemberList', MEMBER_TOTAL_CAP), 'A page of members'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(present(await listMembers(serviceContext(c, deps), c.req.valid('query'))), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/members',
        operationId: 'createMember',
        tags,
        summary: 'Create a member; the initial engagement is written to its history',
        description: 'Admins and officers (`records.write`); other roles get 403.',
        request: { body: jsonBody(createMemberSchema) },
        responses: { 201: jsonResponse(memberSchema, 'Created'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await createMember(serviceContext(c, deps), c.req.valid('json'))), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/members/{id}',
        operationId: 'getMember',
        tags,
        summary: 'One member with computed fields',
        description: "404 for a member outside the caller's scope, exactly as for a missing one.",
        request: { params: idParams },
        responses: { 200: jsonResponse(memberSchema, 'The member'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await getMember(serviceContext(c, deps), c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/members/{id}',
        operationId: 'updateMember',
        tags,
        summary:
          'Change a member (send the `version` you read); an engagement change is written to its history',
        description:
          "Admins and officers may change any field. A rep may change only `engagement` and `engagementReason` of a member in their workplaces (any other field: 403, nothing written); executives get 403. A member outside the caller's scope: 404.",
        request: { params: idParams, body: jsonBody(updateMemberSchema) },
        responses: { 200: jsonResponse(memberSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          present(await updateMember(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json'))),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/members/{id}',
        operationId: 'deleteMember',
        tags,
        summary: 'Delete a member entered by mistake, with everything recorded about them (admin only)',
        description: 'A member who leaves the union is kept with `status: left`; deletion is for mistakes.',
        middleware: [requireRole('admin')] as const,
        request: { params: idParams, query: versionQuery },
        responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
      }),
      async (c) => {
        await deleteMember(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query').version);
        return c.body(null, 204);
      },
    );
}
