import { createRoute } from '@hono/zod-openapi';
import { pagingQuery } from '../../core/common/schemas';
import { notFound } from '../../core/errors';
import { createUserSchema, updateUserSchema, userSchema } from '../../core/users/schemas';
import { findUserById } from '../../db/queries/users';
import { createUser } from '../../services/users/create-user';
import { listUsers } from '../../services/users/list-users';
import { updateUser } from '../../services/users/update-user';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requireRole } from '../middleware/auth';
import { createRouter, idParams, jsonBody, jsonResponse, listOf, writeErrorResponses } from '../openapi';
import { present } from '../present';

const tags = ['Users'];
const adminOnly = requireRole('admin');

export function userRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const router = createRouter();
  router.use('/users', adminOnly);
  router.use('/users/*', adminOnly);
  return router
    .openapi(
      createRoute({
        method: 'get',
        path: '/users',
        operationId: 'listUsers',
        tags,
        summary: 'Staff users (admin only)',
        request: { query: pagingQuery.pick({ limit: true, offset: true }) },
        responses: {
          200: jsonResponse(listOf(userSchema, 'UserList'), 'Staff users'),
          ...writeErrorResponses,
        },
      }),
      async (c) => {
        const { limit, offset } = c.req.valid('query');
        return c.json(present(await listUsers(db, { limit, offset: offset ?? 0 })), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/users',
        operationId: 'createUser',
        tags,
        summary: 'Create a staff user (admin only)',
        request: { body: jsonBody(createUserSchema) },
        responses: { 201: jsonResponse(userSchema, 'Created'), ...writeErrorResponses },
      }),
      async (c) => {
        const ctx = serviceContext(c, deps);
        return c.json(present(await createUser(ctx.db, c.req.valid('json'), ctx.now)), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/users/{id}',
        operationId: 'getUser',
        tags,
        summary: 'One staff user (admin only)',
        request: { params: idParams },
        responses: { 200: jsonResponse(userSchema, 'The user'), ...writeErrorResponses },
      }),
      async (c) => {
        const user = await findUserById(db, c.req.valid('param').id);
        if (!user) throw notFound('User');
        return c.json(present(user), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/users/{id}',
        operationId: 'updateUser',
        tags,
        summary: 'Change a staff user: role, rep workplaces, password reset, disable (admin only)',
        description:
          'Disabling a user or resetting their password ends their sessions and revokes their API tokens.',
        request: { params: idParams, body: jsonBody(updateUserSchema) },
        responses: { 200: jsonResponse(userSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) => {
        const ctx = serviceContext(c, deps);
        return c.json(present(await updateUser(ctx, c.req.valid('param').id, c.req.valid('json'))), 200);
      },
    );
}
