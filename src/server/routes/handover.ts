import { createRoute } from '@hono/zod-openapi';
import { pagingQuery } from '../../core/common/schemas';
import {
  createHandoverSchema,
  handoverPreviewSchema,
  handoverSchema,
  handoverSummaryQuery,
  handoverSummarySchema,
  listHandoversQuery,
  memberBriefingSchema,
  pendingHandoverSchema,
  previewHandoverSchema,
} from '../../core/handover/schemas';
import { createHandover } from '../../services/handover/create-handover';
import { getHandover } from '../../services/handover/get-handover';
import { getHandoverSummary } from '../../services/handover/get-handover-summary';
import { getMemberBriefing } from '../../services/handover/get-member-briefing';
import { listHandoverBriefings } from '../../services/handover/list-handover-briefings';
import { listHandovers } from '../../services/handover/list-handovers';
import { listPendingHandovers } from '../../services/handover/list-pending-handovers';
import { previewHandover } from '../../services/handover/preview-handover';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  listOf,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Handover 引き継ぎ'];

/** 引き継ぎ: moving an officer's portfolio, the handover history, and briefings (引き継ぎ資料). */
export function handoverRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/handover',
        operationId: 'createHandover',
        tags,
        summary: "Hand over a staff user's members, workplaces and open tasks (admins and officers)",
        description:
          'Without `memberIds` and `workplaceIds` the whole portfolio moves: every member and workplace `fromUserId` owns and every open task assigned to them. With either list only those move, with the open tasks about them. One transaction; notes, cases and histories stay with their member. The new owner must be an enabled administrator or officer.',
        request: { body: jsonBody(createHandoverSchema) },
        responses: {
          201: jsonResponse(handoverSchema, 'The handover with its counts'),
          ...writeErrorResponses,
        },
      }),
      async (c) => c.json(present(await createHandover(serviceContext(c, deps), c.req.valid('json'))), 201),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/handover/preview',
        operationId: 'previewHandover',
        tags,
        summary: 'What a handover would move, for its confirmation (admins and officers); writes nothing',
        description:
          'Takes the body of `POST /handover` and answers its counts without moving anything: members, workplaces and open tasks, and what goes with the members (at-risk members, open and overdue cases, next actions with a due date and overdue ones). The same checks and 400s as the handover itself (an unknown or disabled new owner, ids not owned by `fromUserId`, nothing to hand over).',
        request: { body: jsonBody(previewHandoverSchema) },
        responses: {
          200: jsonResponse(handoverPreviewSchema, 'What the handover would move'),
          ...writeErrorResponses,
        },
      }),
      async (c) => c.json(present(await previewHandover(serviceContext(c, deps), c.req.valid('json'))), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/handover/pending',
        operationId: 'listPendingHandovers',
        tags,
        summary:
          '要引き継ぎ: disabled users who still own members or workplaces or have open tasks (admin only)',
        responses: {
          200: jsonResponse(
            listOf(pendingHandoverSchema, 'PendingHandoverList'),
            'Disabled users with a portfolio',
          ),
          ...errorResponses,
        },
      }),
      async (c) => c.json(present(await listPendingHandovers(serviceContext(c, deps))), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/handovers',
        operationId: 'listHandovers',
        tags,
        summary: 'Handover history, newest first (admins and officers)',
        request: { query: listHandoversQuery },
        responses: {
          200: jsonResponse(listOf(handoverSchema, 'HandoverList'), 'A page of handovers'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(present(await listHandovers(serviceContext(c, deps), c.req.valid('query'))), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/handovers/{id}',
        operationId: 'getHandover',
        tags,
        summary: 'One handover (admins and officers)',
        request: { params: idParams },
        responses: { 200: jsonResponse(handoverSchema, 'The handover'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await getHandover(serviceContext(c, deps), c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/handovers/{id}/summary',
        operationId: 'getHandoverSummary',
        tags,
        summary:
          "The first page of a handover's briefing: at-risk members with their next step, open cases and next actions due, overdue first",
        description:
          'Over the members the handover moved, as the reader may see them (sensitive cases only for roles allowed to, and their reading recorded in the audit log). Each list holds at most `limit` rows; the totals count them all.',
        request: { params: idParams, query: handoverSummaryQuery },
        responses: { 200: jsonResponse(handoverSummarySchema, 'The summary'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          present(
            await getHandoverSummary(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query')),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/handovers/{id}/briefings',
        operationId: 'listHandoverBriefings',
        tags,
        summary: 'Briefings (引き継ぎ資料) of every member the handover moved, in kana order',
        request: { params: idParams, query: pagingQuery },
        responses: {
          200: jsonResponse(listOf(memberBriefingSchema, 'MemberBriefingList'), 'A page of briefings'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(
            await listHandoverBriefings(
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
        path: '/members/{id}/briefing',
        operationId: 'getMemberBriefing',
        tags: [...tags, 'Members 組合員'],
        summary:
          "A member's briefing (引き継ぎ資料): basics, engagement trend, open cases, latest consultations, demands, open tasks",
        description:
          'Sensitive cases are included only for roles allowed to see them, and their reading is recorded in the audit log.',
        request: { params: idParams },
        responses: { 200: jsonResponse(memberBriefingSchema, 'The briefing'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(present(await getMemberBriefing(serviceContext(c, deps), c.req.valid('param').id)), 200),
    );
}
