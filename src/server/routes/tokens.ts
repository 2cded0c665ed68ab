import { createRoute, z } from '@hono/zod-openapi';
import { apiTokenSchema, createTokenSchema } from '../../core/users/schemas';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/auth/api-tokens';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Auth'];

export function tokenRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/tokens',
        operationId: 'listApiTokens',
        tags,
        summary: 'My API tokens',
        responses: {
          200: jsonResponse(z.object({ items: z.array(apiTokenSchema) }), 'Live tokens'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(present({ items: await listApiTokens(serviceContext(c, deps)) }), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tokens',
        operationId: 'createApiToken',
        tags,
        summary: 'Create an API token for scripts (`Authorization: Bearer <token>`); the token is shown once',
        request: { body: jsonBody(createTokenSchema) },
        responses: {
          201: jsonResponse(apiTokenSchema.extend({ token: z.string() }), 'Created; keep `token` now'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(present(await createApiToken(serviceContext(c, deps), c.req.valid('json'))), 201),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/tokens/{id}',
        operationId: 'revokeApiToken',
        tags,
        summary: 'Revoke one of my API tokens',
        request: { params: idParams },
        responses: { 204: { description: 'Revoked' }, ...writeErrorResponses },
      }),
      async (c) => {
        await revokeApiToken(serviceContext(c, deps), c.req.valid('param').id);
        return c.body(null, 204);
      },
    );
}
