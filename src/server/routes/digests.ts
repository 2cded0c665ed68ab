import { createRoute } from '@hono/zod-openapi';
import {
  digestRunResultSchema,
  mailStatusSchema,
  mailTestResultSchema,
  notificationsSchema,
  runDigestsSchema,
  updateNotificationsSchema,
} from '../../core/reminders/schemas';
import { requirePermission } from '../../services/access';
import { mailNotConfigured } from '../../services/mail/mailer';
import { sendTestMail } from '../../services/mail/send-test-mail';
import { getNotifications, mailStatus, updateNotifications } from '../../services/reminders/notifications';
import { runDigests } from '../../services/reminders/run-digests';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requireRole } from '../middleware/auth';
import { createRouter, errorResponses, jsonBody, jsonResponse, writeErrorResponses } from '../openapi';

const adminOnly = requireRole('admin');

/** Outgoing mail and e-mail digests (issue 18): the user's own choice, the test mail, a run by hand. */
export function digestRoutes(deps: AppDeps) {
  const configured = () => deps.mailer !== undefined;
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/mail/status',
        operationId: 'getMailStatus',
        tags: ['Auth'],
        summary: 'Whether outgoing mail (SMTP_URL) is configured, and why not',
        responses: { 200: jsonResponse(mailStatusSchema, 'The status'), ...errorResponses },
      }),
      async (c) => c.json(mailStatus(configured()), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/mail/test',
        operationId: 'sendTestMail',
        tags: ['Settings 設定'],
        summary: "Send a test message to the signed-in admin's own address (admin only; audited)",
        description:
          '409 with `details.reason` `mail_not_configured` when SMTP_URL is unset, `mail_failed` (and the SMTP error code) when the server refused it.',
        middleware: [adminOnly] as const,
        responses: { 200: jsonResponse(mailTestResultSchema, 'Sent'), ...writeErrorResponses },
      }),
      async (c) => {
        const ctx = serviceContext(c, deps);
        const language = c.req.header('accept-language')?.toLowerCase().startsWith('en') ? 'en' : 'ja';
        return c.json(await sendTestMail(ctx, deps.mailer, { language }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/auth/me/notifications',
        operationId: 'getNotifications',
        tags: ['Auth'],
        summary: 'My e-mail digest: daily, weekly (Monday) or none, and its time',
        responses: { 200: jsonResponse(notificationsSchema, 'My digest'), ...errorResponses },
      }),
      async (c) => c.json(await getNotifications(serviceContext(c, deps), configured()), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/auth/me/notifications',
        operationId: 'updateNotifications',
        tags: ['Auth'],
        summary: 'Choose my e-mail digest (`digestTime` HH:MM in the organization’s time zone)',
        request: { body: jsonBody(updateNotificationsSchema) },
        responses: { 200: jsonResponse(notificationsSchema, 'Saved'), ...writeErrorResponses },
      }),
      async (c) =>
        c.json(await updateNotifications(serviceContext(c, deps), c.req.valid('json'), configured()), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/digests/run',
        operationId: 'runDigests',
        tags: ['Settings 設定'],
        summary: 'Send the e-mail digests due at `asOf` now (admin only; once per user and period)',
        description:
          'Each user whose digest time has come by `asOf` gets at most one digest per period (a day, or the week from Monday), however often this runs and on however many servers. A period with nothing due sends nothing (`empty`).',
        middleware: [adminOnly] as const,
        request: { body: jsonBody(runDigestsSchema) },
        responses: { 200: jsonResponse(digestRunResultSchema, 'What was sent'), ...writeErrorResponses },
      }),
      async (c) => {
        const ctx = serviceContext(c, deps);
        requirePermission(ctx, 'admin');
        if (!deps.mailer) throw mailNotConfigured();
        const { asOf } = c.req.valid('json');
        const baseUrl = deps.publicUrl ?? new URL(c.req.url).origin;
        const result = await runDigests(
          { db: deps.database.db, mailer: deps.mailer, baseUrl, now: ctx.now },
          asOf ? new Date(asOf) : ctx.now,
        );
        return c.json(result, 200);
      },
    );
}
