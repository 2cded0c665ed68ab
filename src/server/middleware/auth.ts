import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { can, type Permission } from '../../core/access/policy';
import type { StaffRole } from '../../core/enums';
import { AppError, forbidden } from '../../core/errors';
import { authenticateSession, authenticateToken } from '../../services/auth/authenticate';
import type { Actor } from '../../services/context';
import type { AppDeps, AppEnv } from '../env';

export const SESSION_COOKIE = 'kumiai_session';

/** Who a request speaks for: its bearer token or session cookie. */
export type Identity = {
  actor: Actor;
  authMethod: 'session' | 'token';
  sessionId: string | undefined;
  /** Their role requires two-step sign-in and it is not on (see TOTP_SETUP_PATHS). */
  totpSetupRequired: boolean;
};

/**
 * What a user whose role requires two-step sign-in may do before turning it on: see who they
 * are, set it up, sign out. Everything else answers 403 `totp_setup_required`.
 */
const TOTP_SETUP_PATHS = new Set([
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'POST /api/auth/totp/setup',
  'POST /api/auth/totp/enable',
]);

/**
 * The request's identity: a bearer token (401 when it is not valid: a client that sends one
 * expects to be someone), else the session cookie; undefined when neither names a live user.
 */
export async function identify(c: Context, deps: AppDeps, now: Date): Promise<Identity | undefined> {
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match ? await authenticateToken(deps.database.db, match[1]!, now) : undefined;
    if (!found) throw new AppError('unauthorized', 'The API token is not valid');
    return {
      actor: found.actor,
      authMethod: 'token',
      sessionId: undefined,
      totpSetupRequired: found.totpSetupRequired,
    };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  const found = cookie ? await authenticateSession(deps.database.db, cookie, now) : undefined;
  return found
    ? {
        actor: found.actor,
        authMethod: 'session',
        sessionId: found.sessionId,
        totpSetupRequired: found.totpSetupRequired,
      }
    : undefined;
}

/** Every /api route but the public ones needs a signed-in user (cookie or bearer token). */
export function requireAuth(deps: AppDeps, publicPaths: Set<string>) {
  const now = deps.now ?? (() => new Date());
  return createMiddleware<AppEnv>(async (c, next) => {
    if (publicPaths.has(c.req.path)) return next();
    const found = await identify(c, deps, now());
    if (!found) throw new AppError('unauthorized', 'Sign in first');
    if (found.totpSetupRequired && !TOTP_SETUP_PATHS.has(`${c.req.method} ${c.req.path}`)) {
      throw new AppError(
        'totp_setup_required',
        'Your role requires two-step sign-in: set up an authenticator app first (POST /api/auth/totp/setup).',
      );
    }
    c.set('actor', found.actor);
    c.set('authMethod', found.authMethod);
    c.set('sessionId', found.sessionId);
    return next();
  });
}

export function requireRole(...roles: StaffRole[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.get('actor').role)) {
      throw new AppError('forbidden', 'Your role does not allow this');
    }
    return next();
  });
}

/** 403 unless the actor's role grants the permission (see core/access/policy.ts). */
export function requirePermission(permission: Permission) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!can(c.get('actor').role, permission)) throw forbidden();
    return next();
  });
}

/** The session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure in production. */
export function setSessionCookie(c: Context, deps: AppDeps, session: { token: string; expiresAt: Date }) {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.config.secureCookies,
    path: '/',
    expires: session.expiresAt,
  });
}
