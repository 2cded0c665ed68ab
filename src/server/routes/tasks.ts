import { createRoute } from '@hono/zod-openapi';
import { createTaskSchema, listTasksQuery, taskSchema, updateTaskSchema } from '../../core/tasks/schemas';
import { createTask } from '../../services/tasks/create-task';
import { deleteTask } from '../../services/tasks/delete-task';
import { getTask } from '../../services/tasks/get-task';
import { listTasks } from '../../services/tasks/list-tasks';
import { updateTask } from '../../services/tasks/update-task';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
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

const tags = ['Tasks タスク'];

export function taskRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/tasks',
        operationId: 'listTasks',
        tags,
        summary: 'List tasks; `?assignee=me&status=open` is your inbox',
        description:
          'Filters `status`, `assignee` (a user id, `me` or `none`), `subjectType`, `subjectId`, `ruleId`, `dueBefore` (due on or before), `q` (title contains). Default sort `dueOn`: due first, undated last. Lists (and counts) only the tasks you may see: an admin every task, an officer their own and unassigned ones, an executive or rep their own (own: assigned to or created by you).',
        request: { query: listTasksQuery },
        responses: {
          200: jsonResponse(listOf(taskSchema, 'TaskList'), 'A page of tasks'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(present(await listTasks(serviceContext(c, deps), c.req.valid('query'))), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tasks',
        operationId: 'createTask',
        tags,
        summary: 'Create a manual task',
        description:
          'Give `subjectType` and `subjectId` together or neither; the subject must exist. `completedAt` is set when the status is `done`. An executive or rep creates tasks for themselves only: without `assigneeId` the task is assigned to them, another assignee is a 403; a rep’s subject member or workplace must be in their workplaces (404 otherwise, like a missing one). A task about a member or workplace may be assigned to a rep only when it is in that rep’s workplaces (400 naming `assigneeId`).',
        request: { body: jsonBody(createTaskSchema) },
        responses: { 201: jsonResponse(taskSchema, 'Created'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await createTask(serviceContext(c, deps), c.req.valid('json'))), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/tasks/{id}',
        operationId: 'getTask',
        tags,
        summary: 'One task with its assignee and subject names',
        description: 'A task you may not see (see the list) is a 404, like a missing one.',
        request: { params: idParams },
        responses: { 200: jsonResponse(taskSchema, 'The task'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await getTask(serviceContext(c, deps), c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/tasks/{id}',
        operationId: 'updateTask',
        tags,
        summary:
          'Change a task (send the `version` you read); `status: done` stamps completedAt, reopening clears it',
        description:
          'Only a task you may see (404 otherwise). An executive or rep may reassign a task only to themselves (403); a new subject follows the same rules as on creation, and a rep assignee’s workplaces must include the subject whenever the assignee or the subject changes (400 naming `assigneeId`).',
        request: { params: idParams, body: jsonBody(updateTaskSchema) },
        responses: { 200: jsonResponse(taskSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          present(await updateTask(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json'))),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/tasks/{id}',
        operationId: 'deleteTask',
        tags,
        summary: 'Delete a manual task (send the `version` you read)',
        description:
          'Only a task you may see (404 otherwise). A task made by a workflow rule (`ruleId` set) cannot be deleted: the answer is 409 with `fields.ruleId`. Complete it instead (`PATCH` with `status: done`): its once-per key stays taken, so the rule does not create it again.',
        request: { params: idParams, query: versionQuery },
        responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
      }),
      async (c) => {
        await deleteTask(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query').version);
        return c.body(null, 204);
      },
    );
}
