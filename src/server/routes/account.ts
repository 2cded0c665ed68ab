import { createRoute } from '@hono/zod-openapi';
import {
  twoStepSettingsSchema,
  updateTwoStepSettingsSchema,
  userTotpStatusSchema,
} from '../../core/users/account';
import { resetUserTotp, userTotpStatus } from '../../services/auth/two-step';
import { getTwoStepSettings, updateTwoStepSettings } from '../../services/auth/two-step-settings';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requireRole } from '../middleware/auth';
import { createRouter, idParams, jsonBody, jsonResponse, writeErrorResponses } from '../openapi';
import { present } from '../present';

const adminOnly = requireRole('admin');

/** What admins manage of others' two-step sign-in: the roles that require it, and resets. */
export function accountAdminRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/users/{id}/totp',
        operationId: 'getUserTotp',
        tags: ['Users'],
        summary:
          "A user's two-step sign-in: on or not, required by their role (admin only; never the secret)",
        middleware: [adminOnly] as const,
        request: { params: idParams },
        responses: { 200: jsonResponse(userTotpStatusSchema, 'The second factor'), ...writeErrorResponses },
      }),
      async (c) => c.json(present(await userTotpStatus(db, c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/users/{id}/totp/reset',
        operationId: 'resetUserTotp',
        tags: ['Users'],
        summary:
          "Remove a user's authenticator and recovery codes, e.g. after a lost phone (admin only; audited)",
        description:
          'The user then signs in with the password alone; if their role requires two-step sign-in, they must set it up again before anything else.',
        middleware: [adminOnly] as const,
        request: { params: idParams },
        responses: { 200: jsonResponse(userTotpStatusSchema, 'Reset'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(present(await resetUserTotp(serviceContext(c, deps), c.req.valid('param').id)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/settings/two-step',
        operationId: 'getTwoStepSettings',
        tags: ['Settings 設定'],
        summary: 'The roles that must sign in with two steps (admin only)',
        middleware: [adminOnly] as const,
        responses: { 200: jsonResponse(twoStepSettingsSchema, 'The roles'), ...writeErrorResponses },
      }),
      async (c) => c.json(await getTwoStepSettings(db), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/settings/two-step',
        operationId: 'updateTwoStepSettings',
        tags: ['Settings 設定'],
        summary: 'Require two-step sign-in for roles (admin only; `version` is the settings version)',
        description:
          'A signed-in user of a required role without two-step sign-in gets 403 `totp_setup_required` from every API but `/auth/me`, `/auth/totp/setup|enable` and sign-out, from their next request on.',
        middleware: [adminOnly] as const,
        request: { body: jsonBody(updateTwoStepSettingsSchema) },
        responses: { 200: jsonResponse(twoStepSettingsSchema, 'Saved'), ...writeErrorResponses },
      }),
      async (c) => c.json(await updateTwoStepSettings(serviceContext(c, deps), c.req.valid('json')), 200),
    );
}
