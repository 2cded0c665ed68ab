import { createRoute } from '@hono/zod-openapi';
import { syncPackSchema, syncRequestSchema, syncResponseSchema } from '../../core/sync/schemas';
import { applySyncItems } from '../../services/sync/apply-sync-items';
import { getSyncPack } from '../../services/sync/get-sync-pack';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi';
import { present } from '../present';

const tags = ['Sync オフライン同期'];

export function syncRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/sync/pack',
        operationId: 'getSyncPack',
        tags,
        summary: 'The workplace pack the phone app keeps for working offline',
        description:
          'A rep: their workplaces and those workplaces’ active members; an officer or admin: their portfolio (workplaces they own, members they own or who belong to them). With each member their next action and open cases (never a sensitive one); the user’s open tasks; each member’s notes of the last 90 days (at most 5); the meetings of this and last month with who attended. Sections past their limit are cut and `truncated` is true. The device replaces its stored pack with each one. Executives: 403 (the field app is for the roles that record).',
        responses: { 200: jsonResponse(syncPackSchema, 'The pack'), ...errorResponses },
      }),
      async (c) => c.json(present(await getSyncPack(serviceContext(c, deps))), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/sync',
        operationId: 'applySyncItems',
        tags,
        summary: 'Apply the phone app’s outbox: each item exactly once, in order',
        description:
          'Items (1–200) are applied in order, each in its own transaction with its receipt, through the same checks as the web routes with your scope as it is now. Each answer, in the same order: `applied` (`recordId`; `alreadyDone` for a task done before, `unchanged` for a level already set), `duplicate` (this clientId was applied before, also earlier in the same request: nothing written, `first` echoes the first answer), `conflict` (engagement/atmosphere whose current value is not `baseLevel`: `current`, nothing written; resend as a new item with baseLevel = current.level to override), `rejected` (`error.code`: `validation` with `fields`, `not_found` for a missing record or one outside your scope alike, `forbidden`, `duplicate_client_id` for an id another user sent). Only applied items leave a receipt (kept 90 days); a refused or conflicting item can be sent again. An envelope that is not a list of objects with a clientId is a 400 and nothing is applied. Executives: 403.',
        request: { body: jsonBody(syncRequestSchema) },
        responses: { 200: jsonResponse(syncResponseSchema, 'One answer per item'), ...errorResponses },
      }),
      async (c) =>
        c.json(present(await applySyncItems(serviceContext(c, deps), c.req.valid('json').items)), 200),
    );
}
