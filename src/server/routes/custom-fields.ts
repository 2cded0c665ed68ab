import { createRoute } from '@hono/zod-openapi';
import {
  createCustomFieldSchema,
  customFieldListSchema,
  customFieldSchema,
  listCustomFieldsQuery,
  updateCustomFieldSchema,
} from '../../core/custom-fields/schemas';
import { archiveCustomField } from '../../services/custom-fields/archive-custom-field';
import { createCustomField } from '../../services/custom-fields/create-custom-field';
import { listCustomFields } from '../../services/custom-fields/list-custom-fields';
import { restoreCustomField } from '../../services/custom-fields/restore-custom-field';
import { updateCustomField } from '../../services/custom-fields/update-custom-field';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requirePermission } from '../middleware/auth';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Custom fields 独自項目'];

export function customFieldRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/custom-fields',
        operationId: 'listCustomFields',
        tags,
        summary: 'The fields the union defined for members and workplaces (every staff role)',
        description:
          'Ordered by entity, position, then labelJa. Archived (deleted) fields only with `includeArchived=true`.',
        request: { query: listCustomFieldsQuery },
        responses: { 200: jsonResponse(customFieldListSchema, 'The definitions'), ...errorResponses },
      }),
      async (c) =>
        c.json(present(await listCustomFields(serviceContext(c, deps), c.req.valid('query'))), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/custom-fields',
        operationId: 'createCustomField',
        tags,
        summary: 'Define a field (admin only)',
        description:
          '`options` are required for `choice` and `choices` (distinct values) and refused otherwise. The key is unique per entity, archived fields included (409 on `key`), and never changes.',
        middleware: [requirePermission('admin')] as const,
        request: { body: jsonBody(createCustomFieldSchema) },
        responses: { 201: jsonResponse(customFieldSchema, 'Created'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(present(await createCustomField(serviceContext(c, deps), c.req.valid('json'))), 201),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/custom-fields/{id}',
        operationId: 'updateCustomField',
        tags,
        summary:
          'Rename a field, change its options, required flag or position (admin only; send the `version`)',
        description:
          'Values are stored by key, so renaming keeps them. Removing an option that records still hold answers 400 on `options`.',
        middleware: [requirePermission('admin')] as const,
        request: { params: idParams, body: jsonBody(updateCustomFieldSchema) },
        responses: { 200: jsonResponse(customFieldSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          present(
            await updateCustomField(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json')),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/custom-fields/{id}',
        operationId: 'archiveCustomField',
        tags,
        summary:
          'Delete (archive) a field (admin only): records keep their values, hidden until it is restored',
        middleware: [requirePermission('admin')] as const,
        request: { params: idParams },
        responses: { 200: jsonResponse(customFieldSchema, 'Archived'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(present(await archiveCustomField(serviceContext(c, deps), c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/custom-fields/{id}/restore',
        operationId: 'restoreCustomField',
        tags,
        summary: 'Restore an archived field with the values records kept (admin only)',
        middleware: [requirePermission('admin')] as const,
        request: { params: idParams },
        responses: { 200: jsonResponse(customFieldSchema, 'Restored'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(present(await restoreCustomField(serviceContext(c, deps), c.req.valid('param').id)), 200),
    );
}
