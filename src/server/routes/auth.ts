import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { ROLE_PERMISSIONS } from '../../core/access/policy';
import { notFound } from '../../core/errors';
import {
  changePasswordSchema,
  disableTotpSchema,
  enableTotpSchema,
  ownSessionSchema,
  recoveryCodesSchema,
  totpRequiredSchema,
  totpSetupSchema,
  updateMeSchema,
} from '../../core/users/account';
import { loginSchema, meSchema, sessionSchema, userSchema } from '../../core/users/schemas';
import type { Db } from '../../db/client';
import { findUserById } from '../../db/queries/users';
import { changeOwnPassword, endOwnSession, listOwnSessions, updateMe } from '../../services/auth/account';
import { findAccountState } from '../../services/auth/authenticate';
import { login, logout } from '../../services/auth/login-logout';
import { totpKey } from '../../services/auth/secret-box';
import { disableOwnTotp, enableTotp, setupTotp } from '../../services/auth/two-step';
import { serviceContext } from '../context';
import type { AppDeps, AppEnv } from '../env';
import { identify, SESSION_COOKIE, setSessionCookie } from '../middleware/auth';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const throttledResponse = jsonResponse(
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
  'Too many failed attempts (sign-ins, second steps, current passwords and codes are counted together)',
);

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
  const db = deps.database.db;
  // Authenticator secrets are sealed under the server secret (config/secret.ts); app.ts always
  // passes one (a random one for an app started without it, as survey links get).
  const key = totpKey(deps.secret ?? Buffer.alloc(32));
  const ip = (c: Context) => clientAddress(c, deps.config.trustProxy);
  return createRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/login',
        operationId: 'login',
        tags: ['Auth'],
        summary:
          'Sign in with email and password (and a code, with two-step sign-in); sets an HttpOnly session cookie',
        description:
          'With two-step sign-in on, a right password without `code` answers `{ "totpRequired": true }` and sets no cookie; send the email and password again with the authenticator code (or a one-time recovery code, then used up). A code is accepted once. Wrong codes are counted and throttled with wrong passwords.',
        security: [],
        request: { body: jsonBody(loginSchema) },
        responses: {
          200: jsonResponse(z.union([userSchema, totpRequiredSchema]), 'Signed in, or a code is needed'),
          400: errorResponses[400],
          401: errorResponses[401],
          429: throttledResponse,
        },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const result = await login(db, {
          ...input,
          ip: ip(c),
          userAgent: c.req.header('user-agent'),
          now: now(),
          sessionDays: deps.config.sessionDays,
          totpKey: key,
        });
        if (result.totpRequired) return c.json({ totpRequired: true as const }, 200);
        setSessionCookie(c, deps, result);
        const user = await findUserById(db, result.userId);
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
        const user = await findUserById(db, c.get('actor').id);
        if (!user) throw notFound('User');
        return c.json(await presentMe(db, user), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/auth/me',
        operationId: 'updateCurrentUser',
        tags: ['Auth'],
        summary: 'Change my own display name and UI language',
        request: { body: jsonBody(updateMeSchema) },
        responses: { 200: jsonResponse(meSchema, 'Updated'), ...writeErrorResponses },
      }),
      async (c) => {
        const ctx = serviceContext(c, deps);
        await updateMe(ctx, c.req.valid('json'));
        const user = await findUserById(db, ctx.actor.id);
        if (!user) throw notFound('User');
        return c.json(await presentMe(db, user), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/password',
        operationId: 'changePassword',
        tags: ['Auth'],
        summary: 'Change my password (with the current one); my other sessions end',
        description:
          'A wrong current password is a 400 on `currentPassword` and counts as a failed sign-in (429 past the limit). This session stays; every other session of mine ends.',
        request: { body: jsonBody(changePasswordSchema) },
        responses: { 204: { description: 'Changed' }, ...errorResponses, 429: throttledResponse },
      }),
      async (c) => {
        await changeOwnPassword(serviceContext(c, deps), c.req.valid('json'), {
          ip: ip(c),
          currentSessionId: c.get('sessionId'),
        });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/sessions',
        operationId: 'listMySessions',
        tags: ['Auth'],
        summary: 'My signed-in sessions (browsers), the most recently used first',
        responses: {
          200: jsonResponse(z.object({ items: z.array(ownSessionSchema) }), 'My live sessions'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const items = await listOwnSessions(serviceContext(c, deps), c.get('sessionId'));
        return c.json(present({ items }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/auth/sessions/{id}',
        operationId: 'endMySession',
        tags: ['Auth'],
        summary: 'End one of my sessions (another user’s id is a 404)',
        request: { params: idParams },
        responses: { 204: { description: 'Ended' }, ...writeErrorResponses },
      }),
      async (c) => {
        await endOwnSession(serviceContext(c, deps), c.req.valid('param').id, ip(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/totp/setup',
        operationId: 'setUpTotp',
        tags: ['Auth'],
        summary: 'Start two-step sign-in: a new authenticator secret (not in force until confirmed)',
        description:
          'Answers the secret and its `otpauth://` URL (for a QR code). Confirm with `POST /auth/totp/enable`. Starting again replaces an unconfirmed secret; with two-step sign-in on, a 409.',
        responses: {
          200: jsonResponse(totpSetupSchema, 'Scan or type this into the app'),
          ...writeErrorResponses,
        },
      }),
      async (c) => c.json(await setupTotp(serviceContext(c, deps), key), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/totp/enable',
        operationId: 'enableTotp',
        tags: ['Auth'],
        summary: 'Turn two-step sign-in on with a code from the app; answers ten recovery codes once',
        request: { body: jsonBody(enableTotpSchema) },
        responses: {
          200: jsonResponse(recoveryCodesSchema, 'On; keep the recovery codes now'),
          ...writeErrorResponses,
        },
      }),
      async (c) => c.json(await enableTotp(serviceContext(c, deps), c.req.valid('json').code, key), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/auth/totp/disable',
        operationId: 'disableTotp',
        tags: ['Auth'],
        summary: 'Turn my two-step sign-in off, with my password or a code',
        description:
          'A wrong password or code is a 400 on that field and counts as a failed sign-in (429 past the limit). If my role requires two-step sign-in, I must set it up again before anything else.',
        request: { body: jsonBody(disableTotpSchema) },
        responses: { 204: { description: 'Off' }, ...writeErrorResponses, 429: throttledResponse },
      }),
      async (c) => {
        await disableOwnTotp(serviceContext(c, deps), c.req.valid('json'), { ip: ip(c), key });
        return c.body(null, 204);
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
        const user = found ? await findUserById(db, found.actor.id) : undefined;
        return c.json({ user: user ? await presentMe(db, user) : null }, 200);
      },
    );
}

async function presentMe(db: Db, user: NonNullable<Awaited<ReturnType<typeof findUserById>>>) {
  return {
    ...present(user),
    permissions: [...ROLE_PERMISSIONS[user.role]],
    ...(await findAccountState(db, user.id)),
  };
}

export type { AppEnv };
