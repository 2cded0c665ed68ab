import { createRoute, z } from '@hono/zod-openapi';
import { apiTokenSchema, createTokenSchema } from '../../core/users/schemas';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/auth/api-tokens';
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
  const now = deps.now ?? (() => new Date());
  const ctxOf = (c: { get: (k: 'actor') => import('../../services/context').Actor }) => ({
    db: deps.database.db,
    actor: c.get('actor'),
    now: now(),
  });
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/tokens',
        tags,
        summary: 'My API tokens',
        responses: {
          200: jsonResponse(z.object({ items: z.array(apiTokenSchema) }), 'Live tokens'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(present({ items: await listApiTokens(ctxOf(c)) }), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tokens',
        tags,
        summary: 'Create an API token for scripts (`Authorization: Bearer <token>`); the token is shown once',
        request: { body: jsonBody(createTokenSchema) },
        responses: {
          201: jsonResponse(apiTokenSchema.extend({ token: z.string() }), 'Created; keep `token` now'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(present(await createApiToken(ctxOf(c), c.req.valid('json'))), 201),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/tokens/{id}',
        tags,
        summary: 'Revoke one of my API tokens',
        request: { params: idParams },
        responses: { 204: { description: 'Revoked' }, ...writeErrorResponses },
      }),
      async (c) => {
        await revokeApiToken(ctxOf(c), c.req.valid('param').id);
        return c.body(null, 204);
      },
    );
}
