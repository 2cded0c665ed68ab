import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { ROLE_PERMISSIONS } from '../../core/access/policy';
import { notFound } from '../../core/errors';
import { loginSchema, meSchema, sessionSchema, userSchema } from '../../core/users/schemas';
import { findUserById } from '../../db/queries/users';
import { login, logout } from '../../services/auth/login-logout';
import type { AppDeps, AppEnv } from '../env';
import { identify, SESSION_COOKIE, setSessionCookie } from '../middleware/auth';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi';
import { present } from '../present';

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function authRoutes(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/login',
        operationId: 'login',
        tags: ['Auth'],
        summary: 'Sign in with email and password; sets an HttpOnly session cookie',
        security: [],
        request: { body: jsonBody(loginSchema) },
        responses: {
          200: jsonResponse(userSchema, 'Signed in'),
          400: errorResponses[400],
          401: errorResponses[401],
          429: jsonResponse(
            z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
            'Too many failed attempts',
          ),
        },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const session = await login(deps.database.db, {
          ...input,
          ip: clientAddress(c, deps.config.trustProxy),
          now: now(),
          sessionDays: deps.config.sessionDays,
        });
        setSessionCookie(c, deps, session);
        const user = await findUserById(deps.database.db, session.userId);
        return c.json(present(user!), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/logout',
        operationId: 'logout',
        tags: ['Auth'],
        summary: 'End the current session',
        responses: { 204: { description: 'Signed out' }, 401: errorResponses[401] },
      }),
      async (c) => {
        const sessionId = c.get('sessionId');
        if (sessionId) {
          await logout(deps.database.db, sessionId, {
            now: now(),
            ip: clientAddress(c, deps.config.trustProxy),
          });
        }
        deleteCookie(c, SESSION_COOKIE, { path: '/', secure: deps.config.secureCookies });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/me',
        operationId: 'getCurrentUser',
        tags: ['Auth'],
        summary: "The signed-in user, with their role's permissions and (for a rep) workplaces",
        responses: { 200: jsonResponse(meSchema, 'The signed-in user'), 401: errorResponses[401] },
      }),
      async (c) => {
        const user = await findUserById(deps.database.db, c.get('actor').id);
        if (!user) throw notFound('User');
        return c.json(presentMe(user), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/session',
        operationId: 'getSession',
        tags: ['Auth'],
        summary: 'Who is signed in: the user as /auth/me gives it, or null (200, not 401) when no one is',
        description:
          'For clients that ask before signing in (the web app at start): a missing, expired or ended session answers `{ "user": null }`. An invalid bearer token still answers 401.',
        security: [],
        responses: {
          200: jsonResponse(sessionSchema, 'The signed-in user, or null'),
          401: errorResponses[401],
        },
      }),
      async (c) => {
        // A public path (app.ts): the route itself reads the cookie or token.
        const found = await identify(c, deps, now());
        const user = found ? await findUserById(deps.database.db, found.actor.id) : undefined;
        return c.json({ user: user ? presentMe(user) : null }, 200);
      },
    );
}

function presentMe(user: NonNullable<Awaited<ReturnType<typeof findUserById>>>) {
  return { ...present(user), permissions: [...ROLE_PERMISSIONS[user.role]] };
}

export type { AppEnv };
