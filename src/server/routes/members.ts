import { createRoute, z } from '@hono/zod-openapi';
import { customFieldFilterParams } from '../../core/custom-fields/filters';
import { AppError } from '../../core/errors';
import { duplicatesSchema, findDuplicatesSchema } from '../../core/members/duplicates';
import { mergeMembersSchema, mergePreviewQuery, mergePreviewSchema } from '../../core/members/merge';
import {
  createMemberSchema,
  listMembersQuery,
  MEMBER_TOTAL_CAP,
  memberDetailSchema,
  memberSchema,
  updateMemberSchema,
} from '../../core/members/schemas';
import { createMember } from '../../services/members/create-member';
import { deleteMember } from '../../services/members/delete-member';
import { findDuplicates } from '../../services/members/find-duplicates';
import { getMember } from '../../services/members/get-member';
import { listMembers } from '../../services/members/list-members';
import { mergeMembers } from '../../services/members/merge-members';
import { previewMerge } from '../../services/members/preview-merge';
import { resolveMergedMember } from '../../services/members/resolve-merged-member';
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
          "Only members within the caller's scope: a rep sees the members of their workplaces (items and `total`; a filter on another workplace gives an empty page). `openCaseCount` counts only cases the caller may see. Custom fields filter as `cf.<key>=<value>` (GET /api/custom-fields): equal, or for `choices` containing the value; several AND together.",
        request: { query: listMembersQuery },
        responses: {
          200: jsonResponse(cappedListOf(memberSchema, 'MemberList', MEMBER_TOTAL_CAP), 'A page of members'),
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(
            await listMembers(
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
        description:
          "404 for a member outside the caller's scope, exactly as for a missing one. The id of a record merged into another answers 308 with `Location: /api/members/<kept id>` when the caller may see the kept member (404 otherwise).",
        request: { params: idParams },
        responses: {
          200: jsonResponse(memberDetailSchema, 'The member'),
          308: {
            description: 'The record was merged into another member: `Location` names the kept member.',
            headers: z.object({ Location: z.string().meta({ example: '/api/members/{keptId}' }) }),
          },
          ...writeErrorResponses,
        },
      }),
      async (c) => {
        const ctx = serviceContext(c, deps);
        const { id } = c.req.valid('param');
        try {
          return c.json(present(await getMember(ctx, id)), 200);
        } catch (err) {
          // A removed (merged) record's id resolves to the kept member, if the caller may see it.
          const keptId =
            err instanceof AppError && err.code === 'not_found'
              ? await resolveMergedMember(ctx, id)
              : undefined;
          if (!keptId) throw err;
          return c.body(null, 308, { Location: `/api/members/${keptId}` });
        }
      },
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
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/members/duplicates',
        operationId: 'findMemberDuplicates',
        tags,
        summary: 'Likely duplicates of a member being entered (same name and reading, or employee number)',
        description:
          "Members within the caller's scope (a rep: their workplaces only) whose name matches once spaces and full/half width are ignored and whose reading matches (hiragana = katakana, no spaces; a record without a reading matches on the name), or whose employee number is equal but for leading zeros (00123 = 123) and width. At most 20, kana order. Reads only: every role may ask.",
        request: { body: jsonBody(findDuplicatesSchema) },
        responses: { 200: jsonResponse(duplicatesSchema, 'The likely duplicates'), ...errorResponses },
      }),
      async (c) => c.json(present(await findDuplicates(serviceContext(c, deps), c.req.valid('json'))), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/members/{id}/merge-preview',
        operationId: 'previewMemberMerge',
        tags,
        summary:
          'What merging `otherId` into this member would do: conflicting fields and the counts that move',
        description: 'Admins and officers (`members.merge`); other roles get 403. Reads only.',
        request: { params: idParams, query: mergePreviewQuery },
        responses: { 200: jsonResponse(mergePreviewSchema, 'The preview'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          await previewMerge(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query').otherId),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/members/{id}/merge',
        operationId: 'mergeMembers',
        tags,
        summary: 'Merge a duplicate record (`otherId`) into this member, which is kept',
        description:
          "Admins and officers (`members.merge`); other roles get 403, a member outside the caller's scope 404. In one transaction: the kept record's fields are chosen per field by `fields` (`kept` or `other`; a field not named keeps the kept value, or takes the other's when the kept one is empty), the other record's notes, cases (with their events), engagement history, demand and handover links (a link both had stays once), tasks about it, the workplaces it represents and earlier merges into it move to the kept member; the other record is deleted and its id answers 308 to the kept member from then on. Both `version` (the kept member's) and `otherVersion` must be current (409 otherwise, nothing written). One `merge` audit event names both.",
        request: { params: idParams, body: jsonBody(mergeMembersSchema) },
        responses: {
          200: jsonResponse(memberSchema, 'The kept member after the merge'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(await mergeMembers(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json'))),
          200,
        ),
    );
}
