import { createRoute } from '@hono/zod-openapi';
import { AppError } from '../../core/errors';
import { userSchema } from '../../core/users/schemas';
import { setupSchema, setupStateSchema } from '../../core/users/setup';
import { findSettings } from '../../db/queries/settings';
import { countUsers } from '../../db/queries/users';
import { createSession } from '../../services/auth/login-logout';
import { createFirstAdmin } from '../../services/users/create-first-admin';
import type { AppDeps } from '../env';
import { setSessionCookie } from '../middleware/auth';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi';
import { present } from '../present';
import { clientAddress } from './auth';

const tags = ['System'];

/** The first-run screen: public, and only useful while no staff user exists. */
export function setupRoutes(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const db = deps.database.db;
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/setup',
        tags,
        summary: 'Whether Kumiai still needs its first admin, and the organization name (no sign-in needed)',
        security: [],
        responses: { 200: jsonResponse(setupStateSchema, 'Set-up state') },
      }),
      async (c) => {
        const [users, settings] = await Promise.all([countUsers(db), findSettings(db)]);
        return c.json(
          {
            needsSetup: users === 0,
            organizationName: settings.organizationName,
            timezone: settings.timezone,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/setup',
        tags,
        summary:
          'Create the first admin (only while no user exists), sign in, optionally load the demo union',
        security: [],
        request: { body: jsonBody(setupSchema) },
        responses: {
          201: jsonResponse(userSchema, 'Created and signed in'),
          400: errorResponses[400],
          403: errorResponses[403],
        },
      }),
      async (c) => {
        const { loadDemo, ...input } = c.req.valid('json');
        const user = await createFirstAdmin(db, input, now());
        if (loadDemo) {
          try {
            // Loaded on demand: the demo's data is not needed on any other request.
            const { seedDemo } = await import('../../services/demo/seed-demo');
            await seedDemo(db, { now: now() });
          } catch (err) {
            // A database that already holds a union keeps it; the admin is still created.
            if (!(err instanceof AppError && err.code === 'conflict')) throw err;
          }
        }
        setSessionCookie(
          c,
          deps,
          await createSession(db, user.id, now(), deps.config.sessionDays, {
            ip: clientAddress(c, deps.config.trustProxy),
          }),
        );
        return c.json(present(user), 201);
      },
    );
}
