import { createRoute, z } from '@hono/zod-openapi';
import { demandBreakdownSchema } from '../../core/demands/breakdown';
import {
  bulkDemandMembersSchema,
  bulkLinkResultSchema,
  bulkUnlinkResultSchema,
  createDemandNoteSchema,
  createDemandSchema,
  demandMemberSchema,
  demandNoteSchema,
  demandSchema,
  listDemandMembersQuery,
  listDemandNotesQuery,
  listDemandsQuery,
  updateDemandNoteSchema,
  updateDemandSchema,
} from '../../core/demands/schemas';
import { bulkLinkDemandMembers, bulkUnlinkDemandMembers } from '../../services/demands/bulk-link-members';
import { createDemand } from '../../services/demands/create-demand';
import { createDemandNote } from '../../services/demands/create-demand-note';
import { deleteDemand } from '../../services/demands/delete-demand';
import { deleteDemandNote } from '../../services/demands/delete-demand-note';
import { getDemand } from '../../services/demands/get-demand';
import { getDemandBreakdown } from '../../services/demands/get-demand-breakdown';
import { linkDemandMember } from '../../services/demands/link-demand-member';
import { listDemandMembers } from '../../services/demands/list-demand-members';
import { listDemandNotes } from '../../services/demands/list-demand-notes';
import { listDemands } from '../../services/demands/list-demands';
import { unlinkDemandMember } from '../../services/demands/unlink-demand-member';
import { updateDemand } from '../../services/demands/update-demand';
import { updateDemandNote } from '../../services/demands/update-demand-note';
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

const tags = ['Demands 交渉・要求'];
const memberParams = idParams.extend({
  memberId: z.uuid().meta({ param: { name: 'memberId', in: 'path' } }),
});
const noteParams = idParams.extend({ noteId: z.uuid().meta({ param: { name: 'noteId', in: 'path' } }) });

export function demandRoutes(deps: AppDeps) {
  return (
    createRouter()
      .openapi(
        createRoute({
          method: 'get',
          path: '/demands',
          operationId: 'listDemands',
          tags,
          summary: 'List demands, by default the ones most members hold first (要求別の関連組合員数)',
          description:
            'Filters `season` (a season id, `current` — the default —, `all` or `none`; while no season has started, `current` is every demand), ' +
            '`priority`, `status`, `q` (title contains). Default sort `-relatedMemberCount`, then priority high→low, then title. ' +
            "For a rep, `relatedMemberCount` (and the sort by it) counts only the members of the rep's workplaces.",
          request: { query: listDemandsQuery },
          responses: {
            200: jsonResponse(listOf(demandSchema, 'DemandList'), 'A page of demands'),
            ...errorResponses,
          },
        }),
        async (c) => c.json(present(await listDemands(serviceContext(c, deps), c.req.valid('query'))), 200),
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/demands',
          operationId: 'createDemand',
          tags,
          summary: 'Create a demand (in the current season unless `seasonId` says otherwise)',
          middleware: [requirePermission('demands.write')] as const,
          request: { body: jsonBody(createDemandSchema) },
          responses: { 201: jsonResponse(demandSchema, 'Created'), ...writeErrorResponses },
        }),
        async (c) => c.json(present(await createDemand(serviceContext(c, deps), c.req.valid('json'))), 201),
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/demands/{id}',
          operationId: 'getDemand',
          tags,
          summary: 'One demand with its related member count',
          request: { params: idParams },
          responses: { 200: jsonResponse(demandSchema, 'The demand'), ...writeErrorResponses },
        }),
        async (c) => c.json(present(await getDemand(serviceContext(c, deps), c.req.valid('param').id)), 200),
      )
      .openapi(
        createRoute({
          method: 'patch',
          path: '/demands/{id}',
          operationId: 'updateDemand',
          tags,
          summary:
            'Change a demand — title, 内容, status, priority, date, season (send the `version` you read)',
          middleware: [requirePermission('demands.write')] as const,
          request: { params: idParams, body: jsonBody(updateDemandSchema) },
          responses: { 200: jsonResponse(demandSchema, 'Updated'), ...writeErrorResponses },
        }),
        async (c) =>
          c.json(
            present(
              await updateDemand(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json')),
            ),
            200,
          ),
      )
      .openapi(
        createRoute({
          method: 'delete',
          path: '/demands/{id}',
          operationId: 'deleteDemand',
          tags,
          summary: 'Delete a demand with its member links, negotiation log and tasks (admin only)',
          description:
            'A settled demand is normally kept with `status: settled`; deletion is for mistakes. One transaction; ' +
            'the audit log keeps a `delete_demand` event with the title and the numbers of links, log entries and tasks removed.',
          middleware: [requireRole('admin')] as const,
          request: { params: idParams, query: versionQuery },
          responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
        }),
        async (c) => {
          await deleteDemand(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query').version);
          return c.body(null, 204);
        },
      )
      // Members who hold the demand
      .openapi(
        createRoute({
          method: 'get',
          path: '/demands/{id}/members',
          operationId: 'listDemandMembers',
          tags,
          summary: 'The members linked to a demand, by workplace then kana',
          description:
            'Lists every linked member, including those who left or are organizing targets (see `status`, `unionRole`). ' +
            "A rep sees only the members of the rep's workplaces.",
          request: { params: idParams, query: listDemandMembersQuery },
          responses: {
            200: jsonResponse(listOf(demandMemberSchema, 'DemandMemberList'), 'A page of linked members'),
            ...writeErrorResponses,
          },
        }),
        async (c) =>
          c.json(
            present(
              await listDemandMembers(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query')),
            ),
            200,
          ),
      )
      // What the count is made of (issue 15 §2)
      .openapi(
        createRoute({
          method: 'get',
          path: '/demands/{id}/breakdown',
          operationId: 'getDemandBreakdown',
          tags,
          summary:
            'What a demand’s 関連組合員数 is made of: by workplace, 職種, 等級, engagement, union role, and its history',
          description:
            'The counted members (active, not organizing targets) linked, within your scope (a rep: the members of ' +
            "the rep's workplaces), by workplace (with the workplace's memberCount and the share), 職種, 等級, " +
            'engagement and union role; each list sums to `total` (relatedMemberCount). Each figure lists its members ' +
            'through `GET /demands/{id}/members?counted=true` with the same field (`workplaceId`, `jobType`, `grade`, ' +
            '`engagement`, `unionRole`, or `unset` for 未設定). `history`: the links held day by day over the season, ' +
            'with the links and unlinks per source each day.',
          request: { params: idParams },
          responses: {
            200: jsonResponse(demandBreakdownSchema, 'The breakdown and the history'),
            ...writeErrorResponses,
          },
        }),
        async (c) => c.json(await getDemandBreakdown(serviceContext(c, deps), c.req.valid('param').id), 200),
      )
      .openapi(
        createRoute({
          method: 'put',
          path: '/demands/{id}/members',
          operationId: 'linkDemandMembers',
          tags,
          summary:
            'Link many members to a demand at once: by id, or every member the member list’s filters match',
          description:
            'Body: `memberIds` (at most 10,000) or `filter` (the member list’s filters; `{}` is every member). ' +
            'Only members within your scope are linked (a rep: those of the rep’s workplaces); ids unknown or ' +
            'outside it are skipped without saying which, so `linked` counts only the links made (members ' +
            'already linked are not counted again). One statement in one transaction, source `bulk`; ' +
            'the audit log keeps one `link_members` event with the count beside the rows of each link.',
          middleware: [requirePermission('demands.link')] as const,
          request: { params: idParams, body: jsonBody(bulkDemandMembersSchema) },
          responses: { 200: jsonResponse(bulkLinkResultSchema, 'Linked'), ...writeErrorResponses },
        }),
        async (c) =>
          c.json(
            await bulkLinkDemandMembers(
              serviceContext(c, deps),
              c.req.valid('param').id,
              c.req.valid('json'),
            ),
            200,
          ),
      )
      .openapi(
        createRoute({
          method: 'delete',
          path: '/demands/{id}/members',
          operationId: 'unlinkDemandMembers',
          tags,
          summary: 'Unlink many members from a demand at once (the same body as linking)',
          description:
            'Removes the links of the members named (`memberIds`) or matched (`filter`) within your scope; ' +
            'members not linked, unknown or outside your scope are skipped. One `unlink_members` audit event with the count.',
          middleware: [requirePermission('demands.link')] as const,
          request: { params: idParams, body: jsonBody(bulkDemandMembersSchema) },
          responses: { 200: jsonResponse(bulkUnlinkResultSchema, 'Unlinked'), ...writeErrorResponses },
        }),
        async (c) =>
          c.json(
            await bulkUnlinkDemandMembers(
              serviceContext(c, deps),
              c.req.valid('param').id,
              c.req.valid('json'),
            ),
            200,
          ),
      )
      .openapi(
        createRoute({
          method: 'put',
          path: '/demands/{id}/members/{memberId}',
          operationId: 'linkDemandMember',
          tags,
          summary: 'Link a member to a demand (idempotent); returns the demand with its new count',
          description:
            "Linking does not change the demand's `version`: links are a set beside the record, not a field edit.",
          middleware: [requirePermission('demands.link')] as const,
          request: { params: memberParams },
          responses: {
            200: jsonResponse(demandSchema, 'Linked (or already linked)'),
            ...writeErrorResponses,
          },
        }),
        async (c) => {
          const { id, memberId } = c.req.valid('param');
          return c.json(present(await linkDemandMember(serviceContext(c, deps), id, memberId)), 200);
        },
      )
      .openapi(
        createRoute({
          method: 'delete',
          path: '/demands/{id}/members/{memberId}',
          operationId: 'unlinkDemandMember',
          tags,
          summary: 'Unlink a member from a demand; returns the demand with its new count',
          description: 'A link that does not exist is a 404.',
          middleware: [requirePermission('demands.link')] as const,
          request: { params: memberParams },
          responses: { 200: jsonResponse(demandSchema, 'Unlinked'), ...writeErrorResponses },
        }),
        async (c) => {
          const { id, memberId } = c.req.valid('param');
          return c.json(present(await unlinkDemandMember(serviceContext(c, deps), id, memberId)), 200);
        },
      )
      // Negotiation log 経営側の回答・交渉の経緯
      .openapi(
        createRoute({
          method: 'get',
          path: '/demands/{id}/notes',
          operationId: 'listDemandNotes',
          tags,
          summary: 'The negotiation log (経営側の回答・交渉の経緯), newest first',
          request: { params: idParams, query: listDemandNotesQuery },
          responses: {
            200: jsonResponse(listOf(demandNoteSchema, 'DemandNoteList'), 'A page of log entries'),
            ...writeErrorResponses,
          },
        }),
        async (c) =>
          c.json(
            present(
              await listDemandNotes(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query')),
            ),
            200,
          ),
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/demands/{id}/notes',
          operationId: 'createDemandNote',
          tags,
          summary:
            'Record a management response, a negotiation or an internal note; the author is the signed-in user',
          middleware: [requirePermission('demands.write')] as const,
          request: { params: idParams, body: jsonBody(createDemandNoteSchema) },
          responses: { 201: jsonResponse(demandNoteSchema, 'Created'), ...writeErrorResponses },
        }),
        async (c) =>
          c.json(
            present(
              await createDemandNote(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json')),
            ),
            201,
          ),
      )
      .openapi(
        createRoute({
          method: 'patch',
          path: '/demands/{id}/notes/{noteId}',
          operationId: 'updateDemandNote',
          tags,
          summary: 'Correct a log entry (send the `version` you read)',
          middleware: [requirePermission('demands.write')] as const,
          request: { params: noteParams, body: jsonBody(updateDemandNoteSchema) },
          responses: { 200: jsonResponse(demandNoteSchema, 'Updated'), ...writeErrorResponses },
        }),
        async (c) => {
          const { id, noteId } = c.req.valid('param');
          return c.json(
            present(await updateDemandNote(serviceContext(c, deps), id, noteId, c.req.valid('json'))),
            200,
          );
        },
      )
      .openapi(
        createRoute({
          method: 'delete',
          path: '/demands/{id}/notes/{noteId}',
          operationId: 'deleteDemandNote',
          tags,
          summary: 'Delete a log entry entered by mistake',
          middleware: [requirePermission('demands.write')] as const,
          request: { params: noteParams, query: versionQuery },
          responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
        }),
        async (c) => {
          const { id, noteId } = c.req.valid('param');
          await deleteDemandNote(serviceContext(c, deps), id, noteId, c.req.valid('query').version);
          return c.body(null, 204);
        },
      )
  );
}
