import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { isValidPlainDate } from '../common/dates';
import { timestampOut } from '../common/output';
import { text, uuid } from '../common/schemas';

import { AUDIT_ACTIONS } from './actions';

export { AUDIT_ACTIONS, AUDITED_TABLES, type AuditAction, BOOKKEEPING_FIELDS } from './actions';

const ISO_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/i;

/** A calendar day (YYYY-MM-DD) or an ISO 8601 timestamp with its offset. */
export function isAuditInstant(value: string): boolean {
  if (isValidPlainDate(value)) return true;
  const m = ISO_TIMESTAMP.exec(value);
  return Boolean(m && isValidPlainDate(m[1]!) && !Number.isNaN(Date.parse(value)));
}

const instant = text()
  .trim()
  // `+09:00` in an unencoded query string arrives as ` 09:00`.
  .transform((v) => v.replace(/ (\d{2}:?\d{2})$/, '+$1'))
  .refine(isAuditInstant, { message: 'must be a date (YYYY-MM-DD) or an ISO 8601 timestamp with offset' });

const identifier = z
  .string()
  .trim()
  .regex(/^[a-z][a-z_]{0,62}$/, { message: 'must be a lower-case name such as sign_in or members' });

export const auditLogQuery = z.object({
  userId: uuid.optional().meta({ description: 'Entries by this staff user (the actor)' }),
  recordId: text()
    .trim()
    .min(1, { message: 'is required' })
    .max(200, { message: 'must be at most 200 characters' })
    .optional()
    .meta({
      description:
        "Entries about this record, or belonging to it (a member's id also finds their notes and cases)",
    }),
  action: identifier.optional().meta({ description: `One action: ${AUDIT_ACTIONS.join(', ')}` }),
  table: identifier.optional().meta({ description: 'Writes to one table (members, users, …)' }),
  from: instant.optional().meta({
    description:
      "From this day (YYYY-MM-DD, in the organization's time zone) or instant (ISO 8601), inclusive",
  }),
  to: instant.optional().meta({
    description:
      "Up to this day (YYYY-MM-DD, in the organization's time zone, the whole day) or instant (ISO 8601), inclusive",
  }),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(500, { message: 'must be at most 500' })
    .default(50),
  cursor: text().max(200).optional().meta({ description: 'The `nextCursor` of the previous page' }),
});
export type AuditLogQuery = z.infer<typeof auditLogQuery>;

/** The time range of a query: `from` inclusive, `to` inclusive or (for days) exclusive. */
export type AuditRange = {
  from?: Date;
  to?: { at: Date; inclusive: boolean };
};

/** The first instant of a calendar day in a time zone. */
function startOfDay(day: string, timeZone: string, plusDays = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + plusDays, timeZone).getTime());
}

/**
 * `from`/`to` as instants: a day means the whole day in the organization's time
 * zone (`to` = before the next day begins), a timestamp means that instant.
 * Returns field errors when `from` is after `to`.
 */
export function resolveAuditRange(
  query: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
): { range: AuditRange; errors?: Record<string, string> } {
  const range: AuditRange = {};
  if (query.from)
    range.from = isValidPlainDate(query.from) ? startOfDay(query.from, timeZone) : new Date(query.from);
  if (query.to) {
    range.to = isValidPlainDate(query.to)
      ? { at: startOfDay(query.to, timeZone, 1), inclusive: false }
      : { at: new Date(query.to), inclusive: true };
  }
  if (range.from && range.to) {
    const empty = range.to.inclusive ? range.from > range.to.at : range.from >= range.to.at;
    if (empty) return { range, errors: { to: 'must not be before from' } };
  }
  return { range };
}

export const auditChangeSchema = z.object({ from: z.unknown(), to: z.unknown() });

const row = z.record(z.string(), z.unknown());

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: timestampOut,
    actor: z
      .object({ id: z.uuid(), displayName: z.string().nullable() })
      .nullable()
      .meta({ description: 'Who did it; null for the system (or an unknown user at sign-in)' }),
    action: z.string().meta({ description: `${AUDIT_ACTIONS.join(' | ')} (others may be added)` }),
    table: z.string().nullable(),
    recordId: z.string().nullable(),
    subjectId: z
      .string()
      .nullable()
      .meta({ description: "What the record belongs to: a note's member, a meeting's workplace …" }),
    recordLabel: z
      .string()
      .nullable()
      .meta({ description: "The record's name, display name or title, when it has one" }),
    recordName: z.string().nullable().meta({
      description:
        "The record's name now (member name, case title, workplace name, demand title, task title, staff user), resolved when the log is read; null for a record without a name or one deleted since",
    }),
    recordDeleted: z.boolean().meta({
      description: 'The record (a member, case, workplace, demand, task or staff user) was deleted since',
    }),
    subjectName: z.string().nullable().meta({
      description:
        "The name now of what the record belongs to (a note's or case's member, a meeting's workplace, a negotiation note's demand …); null when it is the record itself",
    }),
    subjectDeleted: z.boolean().meta({ description: 'What the record belonged to was deleted since' }),
    changes: z.record(z.string(), auditChangeSchema).nullable().meta({
      description:
        'For updates: only the fields whose value changed, `{ field: { from, to } }` (updatedAt and version left out). Hidden columns (password and token hashes) never appear.',
    }),
    before: row.nullable().meta({ description: 'The deleted row (deletes only)' }),
    after: row.nullable().meta({ description: 'The inserted row (inserts only)' }),
    details: row
      .nullable()
      .meta({ description: 'Event details: ip, email, reason, method, path, status, via …' }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditLogSchema = z
  .object({
    items: z.array(auditEntrySchema),
    total: z.number().int().optional().meta({
      description: 'On the first page only (no cursor): the matching entries, counted up to 10,000',
    }),
    totalCapped: z
      .boolean()
      .optional()
      .meta({ description: 'True when more than 10,000 entries match (total is then 10,000)' }),
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'AuditLog' });
