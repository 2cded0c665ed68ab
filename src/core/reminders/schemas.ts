import { z } from 'zod';

/** How often a user gets the e-mail digest (users.digest). */
export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'none'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** 'HH:MM' on the 24-hour clock, in the organization's time zone (users.digest_time). */
export const DIGEST_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** Whether outgoing mail is configured (SMTP_URL, MAIL_FROM) and, when not, why. */
export const mailStatusSchema = z
  .object({
    configured: z.boolean(),
    reason: z.string().nullable().meta({ description: 'Why mail is off; null when it is on.' }),
  })
  .meta({ id: 'MailStatus' });

/** `GET|PATCH /auth/me/notifications`: the signed-in user's digest choice. */
export const notificationsSchema = z
  .object({
    digest: z.enum(DIGEST_FREQUENCIES),
    digestTime: z.string().meta({ description: "'HH:MM' in the organization's time zone" }),
    mail: mailStatusSchema,
  })
  .meta({ id: 'Notifications' });

export const updateNotificationsSchema = z
  .strictObject({
    digest: z.enum(DIGEST_FREQUENCIES, { message: 'must be one of: daily, weekly, none' }),
    digestTime: z
      .string({ message: 'must be a time HH:MM' })
      .regex(DIGEST_TIME, { message: 'must be a time HH:MM (00:00–23:59)' })
      .optional()
      .meta({
        description:
          "'HH:MM' in the organization's time zone; daily digests come then, weekly on Monday then",
      }),
  })
  .meta({ id: 'NotificationsUpdate' });
export type UpdateNotificationsInput = z.infer<typeof updateNotificationsSchema>;

/** An instant with its offset: 2026-12-07T07:00:00+09:00, …Z, seconds and fractions optional. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_INSTANT_MESSAGE = 'must be an ISO date-time with offset (2026-12-07T07:00:00+09:00)';

/** `POST /api/digests/run`: send the digests due at `asOf` (an ISO date-time). */
export const runDigestsSchema = z
  .strictObject({
    asOf: z
      .string({ message: ISO_INSTANT_MESSAGE })
      .regex(ISO_INSTANT, { message: ISO_INSTANT_MESSAGE })
      .refine((v) => !Number.isNaN(Date.parse(v)), { message: ISO_INSTANT_MESSAGE })
      .optional()
      .meta({ description: 'The moment to send for; default now' }),
  })
  .meta({ id: 'DigestRun' });

export const digestRunResultSchema = z
  .object({
    sent: z.number().int(),
    empty: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'DigestRunResult' });

export const mailTestResultSchema = z.object({ sent: z.literal(true) }).meta({ id: 'MailTestResult' });
