import { z } from 'zod';
import { isValidTimeZone } from '../common/dates';
import { dateOut, timestampOut } from '../common/output';
import { optionalDate, optionalId, requiredText, text, versionField } from '../common/schemas';

/** The zone's canonical IANA name ('asia/tokyo' → 'Asia/Tokyo'), as Intl resolves it. */
const canonicalZone = (zone: string) =>
  new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;

export const updateSettingsSchema = z
  .strictObject({
    organizationName: requiredText(100).optional(),
    timezone: text('must be an IANA time zone such as Asia/Tokyo')
      .trim()
      .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Asia/Tokyo' })
      .transform(canonicalZone)
      .optional()
      .meta({ description: "The organization's time zone: every rule's 'today' is a day here." }),
    shuntoStartOn: optionalDate.meta({
      description: '春闘開始日: the survey task fires in the 2 months before it.',
    }),
    milestoneYears: z
      .array(
        z
          .number({ message: 'must be whole numbers of years' })
          .int({ message: 'must be whole numbers of years' })
          .min(1, { message: 'must be positive' })
          .max(100, { message: 'must be at most 100' }),
        { message: 'must be a list of years' },
      )
      .min(1, { message: 'must list at least one year (disable the rule to stop milestone tasks)' })
      .max(20, { message: 'must list at most 20 years' })
      .refine((years) => new Set(years).size === years.length, { message: 'must not repeat a year' })
      .transform((years) => [...years].sort((a, b) => a - b))
      .optional()
      .meta({
        description: 'The union anniversaries (in years) that get a milestone task, e.g. [5, 10, 20].',
      }),
    secretaryGeneralUserId: optionalId.meta({
      description: '書記長: the staff user who gets the spring-offensive survey task.',
    }),
    version: versionField,
  })
  .meta({ id: 'SettingsUpdate' });
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;

export const settingsSchema = z
  .object({
    organizationName: z.string(),
    timezone: z.string(),
    shuntoStartOn: dateOut.nullable(),
    milestoneYears: z.array(z.number().int()),
    secretaryGeneralUserId: z.uuid().nullable(),
    secretaryGeneralName: z.string().nullable(),
    version: z.number().int(),
    updatedAt: timestampOut,
    lastBackup: z
      .object({
        startedAt: timestampOut,
        finishedAt: timestampOut.nullable().meta({ description: 'null: the run is in progress' }),
        file: z
          .string()
          .nullable()
          .meta({ description: "The file's name in the server's KUMIAI_BACKUP_DIR" }),
        bytes: z.number().int().nullable(),
        rows: z.number().int().nullable(),
        verified: z
          .boolean()
          .meta({ description: 'Restored into a scratch database; every table count and checksum matched' }),
        error: z.string().nullable().meta({ description: 'Why the run failed' }),
      })
      .nullable()
      .meta({
        id: 'LastBackup',
        description:
          'The newest scheduled backup (KUMIAI_BACKUP_DIR, daily); null: none yet (off on PostgreSQL, where pg_dump is used).',
      }),
  })
  .meta({ id: 'Settings' });
