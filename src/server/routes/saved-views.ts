import { createRoute } from '@hono/zod-openapi';
import {
  createSavedViewSchema,
  savedViewListQuery,
  savedViewListSchema,
  savedViewSchema,
  updateSavedViewSchema,
} from '../../core/saved-views/schemas';
import { createSavedView } from '../../services/saved-views/create-saved-view';
import { deleteSavedView } from '../../services/saved-views/delete-saved-view';
import { listSavedViews } from '../../services/saved-views/list-saved-views';
import { updateSavedView } from '../../services/saved-views/update-saved-view';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  versionQuery,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Saved views 保存ビュー'];

/** Saved views (issue 17): every role saves its own; only the owner changes one; admins may delete shared ones. */
export function savedViewRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/saved-views',
        operationId: 'listSavedViews',
        tags,
        summary: 'The saved views you see: your own and those shared with your role',
        description:
          'Your own views first, then the others by list and name. Admins also see every shared view (they may delete one). ' +
          'Another user’s private view is never listed. `missingFields` names the custom fields a view uses that were deleted (archived): open the view without those params.',
        request: { query: savedViewListQuery },
        responses: { 200: jsonResponse(savedViewListSchema, 'The views'), ...errorResponses },
      }),
      async (c) => c.json(present(await listSavedViews(serviceContext(c, deps), c.req.valid('query'))), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/saved-views',
        operationId: 'createSavedView',
        tags,
        summary:
          'Save a list’s filters, search, sort and columns under a name (private, or shared with roles)',
        request: { body: jsonBody(createSavedViewSchema) },
        responses: { 201: jsonResponse(savedViewSchema, 'Saved'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await createSavedView(serviceContext(c, deps), c.req.valid('json'))), 201),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/saved-views/{id}',
        operationId: 'updateSavedView',
        tags,
        summary: 'Rename a view, replace its state or sharing (its owner; send the `version` you read)',
        description:
          'A view you cannot see is a 404; one shared with you that you do not own is a 403; a stale version a 409.',
        request: { params: idParams, body: jsonBody(updateSavedViewSchema) },
        responses: { 200: jsonResponse(savedViewSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(
          present(
            await updateSavedView(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json')),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/saved-views/{id}',
        operationId: 'deleteSavedView',
        tags,
        summary: 'Delete a view (its owner, or an admin for a shared view)',
        request: { params: idParams, query: versionQuery },
        responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
      }),
      async (c) => {
        await deleteSavedView(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('query').version);
        return c.body(null, 204);
      },
    );
}
