import { createRoute } from '@hono/zod-openapi';
import { AppError } from '../../core/errors';
import { userSchema } from '../../core/users/schemas';
import { setupSchema, setupStateSchema } from '../../core/users/setup';
import { findSettings } from '../../db/queries/settings';
import { countUsers } from '../../db/queries/users';
import { createSession } from '../../services/auth/login-logout';
import { ALREADY_SET_UP, createFirstAdmin } from '../../services/users/create-first-admin';
import { verifySetupCode } from '../../services/users/setup-code';
import type { AppDeps } from '../env';
import { setSessionCookie } from '../middleware/auth';
import { createRouter, errorResponses, errorSchema, jsonBody, jsonResponse } from '../openapi';
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
        operationId: 'getSetupState',
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
        operationId: 'setupFirstAdmin',
        tags,
        summary:
          'Create the first admin (only while no user exists), sign in, optionally load the demo union',
        description:
          'Needs `setupCode`, the one-time code the server prints at start while no user exists (a line containing `setup code: <code>`): without it, or with a wrong one, the answer is 403 and nothing is written; wrong codes are throttled per address like sign-in failures (429). Loading the demo also runs the workflow rules and writes the monthly snapshots, as a start with KUMIAI_DEMO=1 does.',
        security: [],
        request: { body: jsonBody(setupSchema) },
        responses: {
          201: jsonResponse(userSchema, 'Created and signed in'),
          400: errorResponses[400],
          403: errorResponses[403],
          429: jsonResponse(errorSchema, 'Too many wrong setup codes from this address'),
        },
      }),
      async (c) => {
        const { loadDemo, setupCode, ...input } = c.req.valid('json');
        const ip = clientAddress(c, deps.config.trustProxy);
        if ((await countUsers(db)) > 0) throw new AppError('forbidden', ALREADY_SET_UP);
        await verifySetupCode(db, { expected: deps.setupCode, given: setupCode, ip, now: now() });
        const user = await createFirstAdmin(db, input, now());
        if (loadDemo) {
          try {
            // Loaded on demand: the demo's data is not needed on any other request.
            const { loadDemo: load } = await import('../../services/demo/load-demo');
            await load(db, { now: now() });
          } catch (err) {
            // A database that already holds a union keeps it; the admin is still created.
            if (!(err instanceof AppError && err.code === 'conflict')) throw err;
          }
        }
        setSessionCookie(c, deps, await createSession(db, user.id, now(), deps.config.sessionDays, { ip }));
        return c.json(present(user), 201);
      },
    );
}
