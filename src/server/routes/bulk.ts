import { createRoute, z } from '@hono/zod-openapi';
import {
  BULK_MAX_IDS,
  idempotencyKeySchema,
  memberBulkResultSchema,
  memberBulkSchema,
  taskBulkResultSchema,
  taskBulkSchema,
  workplaceBulkResultSchema,
  workplaceBulkSchema,
} from '../../core/bulk/schemas';
import { bulkChangeMembers } from '../../services/bulk/bulk-change-members';
import { bulkChangeTasks } from '../../services/bulk/bulk-change-tasks';
import { bulkChangeWorkplaces } from '../../services/bulk/bulk-change-workplaces';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { createRouter, jsonBody, jsonResponse, writeErrorResponses } from '../openapi';

const headers = z.object({
  'idempotency-key': idempotencyKeySchema.meta({
    description:
      'Optional: a retry with the same key (from the same user, within 24 hours) answers the first request’s counts with `replayed: true` and writes nothing; the same key with another body is a 409.',
  }),
});

const selection =
  `Select by \`memberIds\` (at most ${BULK_MAX_IDS.toLocaleString('en')}) or \`filter\` (the list’s filters; ` +
  '`{}` is everything you may see). Records outside your scope are skipped without saying which. ' +
  'One transaction of set-based statements: a refusal or failure writes nothing. ';

export function bulkRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/members/bulk',
        operationId: 'bulkChangeMembers',
        tags: ['Members 組合員'],
        summary: 'Act on many members at once: 担当者, 関与度 (with one reason), a note or a task for each',
        description:
          selection +
          'The permission of the single action applies: `set_owner` needs records.write (members the new owner cannot see — a rep owner outside their workplaces — are skipped and counted); `set_engagement` needs engagement.change (a rep: their workplaces’ members; one history row, version step and at-risk follow-up per member changed; `engagementReason` is required); `add_note` needs notes.create; `create_task` follows POST /tasks (an executive or rep assigns only themselves; members the assignee cannot see are skipped). ' +
          '`changed` counts the records written, `skipped` those selected but left alone. The audit log keeps one `bulk_members` event with the counts beside the rows of each write.',
        request: { headers, body: jsonBody(memberBulkSchema) },
        responses: { 200: jsonResponse(memberBulkResultSchema, 'Done'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          await bulkChangeMembers(
            serviceContext(c, deps),
            c.req.valid('json'),
            c.req.valid('header')['idempotency-key'],
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tasks/bulk',
        operationId: 'bulkChangeTasks',
        tags: ['Tasks タスク'],
        summary: 'Act on many tasks at once: complete (and reopen: undo), reassign, move the due date',
        description:
          selection.replace('memberIds', 'taskIds') +
          'Only tasks you may see are selected (as in the task list). `complete` closes open tasks (completedAt set) and answers their ids in `taskIds`: `reopen` with those ids undoes it. `reassign` and `set_due` change open tasks only; an executive or rep may reassign only to themselves (403), and a rep assignee gets only tasks whose member or workplace they can see (the rest skipped). One `bulk_tasks` audit event with the counts.',
        request: { headers, body: jsonBody(taskBulkSchema) },
        responses: { 200: jsonResponse(taskBulkResultSchema, 'Done'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          await bulkChangeTasks(
            serviceContext(c, deps),
            c.req.valid('json'),
            c.req.valid('header')['idempotency-key'],
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/workplaces/bulk',
        operationId: 'bulkChangeWorkplaces',
        tags: ['Workplaces 職場'],
        summary: 'Act on many workplaces at once: 担当者, or a task about each',
        description:
          selection.replace('memberIds', 'workplaceIds') +
          'A rep’s scope is their workplaces. `filter` takes the workplace list’s filters, custom fields as `"cf.<key>": value`. The permission of the single action applies: `set_owner` needs records.write, as PATCH /workplaces/{id} (workplaces a rep owner cannot see are skipped and counted; an unknown or disabled owner is a 400 on ownerId; each changed workplace’s version is bumped); `create_task` follows POST /tasks (an executive or rep assigns only themselves; workplaces the assignee cannot see are skipped). ' +
          '`changed` counts the workplaces written (or tasks created), `skipped` the rest selected — with ids, unknown or out-of-scope ids too, never said which. The audit log keeps one `bulk_workplaces` event with the counts beside the rows of each write.',
        request: { headers, body: jsonBody(workplaceBulkSchema) },
        responses: { 200: jsonResponse(workplaceBulkResultSchema, 'Done'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          await bulkChangeWorkplaces(
            serviceContext(c, deps),
            c.req.valid('json'),
            c.req.valid('header')['idempotency-key'],
          ),
          200,
        ),
    );
}
