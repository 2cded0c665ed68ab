import { createRoute } from '@hono/zod-openapi';
import { pagingQuery } from '../../core/common/schemas';
import {
  createHandoverSchema,
  handoverSchema,
  listHandoversQuery,
  memberBriefingSchema,
  pendingHandoverSchema,
} from '../../core/handover/schemas';
import { createHandover } from '../../services/handover/create-handover';
import { getHandover } from '../../services/handover/get-handover';
import { getMemberBriefing } from '../../services/handover/get-member-briefing';
import { listHandoverBriefings } from '../../services/handover/list-handover-briefings';
import { listHandovers } from '../../services/handover/list-handovers';
import { listPendingHandovers } from '../../services/handover/list-pending-handovers';
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
