import { z } from 'zod';
import { dateOut, timestampOut } from '../common/output';
import { enumOf, optionalText, plainDate, requiredText, uuid } from '../common/schemas';
import { ATMOSPHERES, ENGAGEMENTS, NOTE_CHANNELS, STAFF_ROLES } from '../enums';

/**
 * Offline sync (issue 19, /tmp contract "sync-contract"): the phone app's outbox items and
 * the workplace pack it keeps on the device.
 */

export const SYNC_KINDS = ['note', 'engagement', 'meeting', 'atmosphere', 'task_done'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

/** Items one POST /api/sync may carry. */
export const MAX_SYNC_ITEMS = 200;
/** Receipts (what makes a replay a `duplicate`) are kept this many days. */
export const SYNC_RECEIPT_DAYS = 90;
/** Attendees of one meeting item (the meeting service's own bound). */
const MAX_SYNC_ATTENDEES = 5000;

const deviceTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO date-time with an offset' })
  .meta({ description: 'When the item was captured, by the device clock (kept in the receipt).' });

const common = { clientId: uuid, deviceTime };

export const syncNoteItem = z
  .strictObject({
    ...common,
    kind: z.literal('note'),
    memberId: uuid,
    body: requiredText(10000),
    channel: enumOf(NOTE_CHANNELS).default('other'),
  })
  .meta({ id: 'SyncNoteItem' });

export const syncEngagementItem = z
  .strictObject({
    ...common,
    kind: z.literal('engagement'),
    memberId: uuid,
    level: enumOf(ENGAGEMENTS),
    reason: requiredText(1000),
    baseLevel: enumOf(ENGAGEMENTS).meta({
      description: 'The engagement the device showed; another current value answers `conflict`.',
    }),
  })
  .meta({ id: 'SyncEngagementItem' });

export const syncMeetingItem = z
  .strictObject({
    ...common,
    kind: z.literal('meeting'),
    workplaceId: uuid,
    heldOn: plainDate,
    title: requiredText(200),
    attendeeIds: z
      .array(uuid, { message: 'must be a list of member ids' })
      .max(MAX_SYNC_ATTENDEES, { message: `must list at most ${MAX_SYNC_ATTENDEES} members` }),
    invitedCount: z
      .number({ message: 'must be a whole number' })
      .int({ message: 'must be a whole number' })
      .min(0, { message: 'must be 0 or more' })
      .max(2_147_483_647, { message: 'is too large' })
      .optional(),
    notes: optionalText(10000),
  })
  .meta({ id: 'SyncMeetingItem' });

export const syncAtmosphereItem = z
  .strictObject({
    ...common,
    kind: z.literal('atmosphere'),
    workplaceId: uuid,
    level: enumOf(ATMOSPHERES),
    reason: optionalText(1000),
    baseLevel: enumOf(ATMOSPHERES).meta({
      description: 'The atmosphere the device showed; another current value answers `conflict`.',
    }),
  })
  .meta({ id: 'SyncAtmosphereItem' });

export const syncTaskDoneItem = z
  .strictObject({ ...common, kind: z.literal('task_done'), taskId: uuid })
  .meta({ id: 'SyncTaskDoneItem' });

/** One item, checked on its own: a failure rejects that item (code `validation`), not the request. */
export const syncItemSchema = z.discriminatedUnion(
  'kind',
  [syncNoteItem, syncEngagementItem, syncMeetingItem, syncAtmosphereItem, syncTaskDoneItem],
  { message: `must be one of: ${SYNC_KINDS.join(', ')}` },
);
export type SyncItem = z.infer<typeof syncItemSchema>;

/**
 * The envelope: 1..200 objects, each with a clientId (without one no answer could name it).
 * The rest of each item is checked per item by syncItemSchema.
 */
export const syncRequestSchema = z
  .strictObject({
    items: z
      .array(
        z
          .looseObject({
            clientId: uuid,
            kind: z
              .unknown()
              .optional()
              .meta({
                enum: [...SYNC_KINDS],
                description: 'Required; any other value rejects the item (validation)',
              }),
          })
          .meta({
            id: 'SyncItem',
            description:
              'Common: `clientId` (uuid made by the device), `kind`, `deviceTime` (ISO with offset). ' +
              '`note`: memberId, body (1–10000), channel? (default other). ' +
              '`engagement`: memberId, level, reason (required), baseLevel. ' +
              '`meeting`: workplaceId, heldOn, title, attendeeIds, invitedCount?, notes?. ' +
              '`atmosphere`: workplaceId, level, reason?, baseLevel. `task_done`: taskId. ' +
              'The schemas SyncNoteItem … SyncTaskDoneItem give each exactly; an item that fits none is answered `rejected` (validation).',
          }),
        { message: 'must be a list of items' },
      )
      .min(1, { message: 'must hold at least one item' })
      .max(MAX_SYNC_ITEMS, { message: `must hold at most ${MAX_SYNC_ITEMS} items` }),
  })
  .meta({ id: 'SyncRequest' });

export const SYNC_STATUSES = ['applied', 'duplicate', 'conflict', 'rejected'] as const;
export const SYNC_ERROR_CODES = ['validation', 'not_found', 'forbidden', 'duplicate_client_id'] as const;

const appliedResult = z.object({
  status: z.literal('applied'),
  recordId: z.uuid().optional(),
  alreadyDone: z.boolean().optional(),
  unchanged: z.boolean().optional(),
});

export const syncResultSchema = z
  .object({
    clientId: z.string(),
    status: z.enum(SYNC_STATUSES),
    recordId: z.uuid().optional().meta({
      description: 'applied: the note, meeting, member, workplace or task written',
    }),
    alreadyDone: z.boolean().optional().meta({ description: 'task_done: the task was already done' }),
    unchanged: z
      .boolean()
      .optional()
      .meta({ description: 'engagement/atmosphere: the level was already the one sent (nothing written)' }),
    first: appliedResult.optional().meta({ description: 'duplicate: what the first delivery answered' }),
    current: z
      .object({ level: z.string(), version: z.number().int(), changedAt: timestampOut.nullable() })
      .optional()
      .meta({ description: 'conflict: the value now stored' }),
    error: z
      .object({
        code: z.enum(SYNC_ERROR_CODES),
        message: z.string(),
        fields: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
  })
  .meta({ id: 'SyncResult' });
export type SyncResult = z.infer<typeof syncResultSchema>;
export type AppliedResult = z.infer<typeof appliedResult>;

export const syncResponseSchema = z
  .object({ results: z.array(syncResultSchema) })
  .meta({ id: 'SyncResponse' });

/** Pack limits: past them `truncated` is true (the device shows what fits). */
export const PACK_LIMITS = { workplaces: 200, members: 5000, tasks: 500, notesPerMember: 5, noteDays: 90 };

const nextAction = z.object({ title: z.string(), due: dateOut.nullable() }).nullable();

export const syncPackSchema = z
  .object({
    generatedAt: timestampOut,
    user: z.object({ id: z.uuid(), displayName: z.string(), role: z.enum(STAFF_ROLES) }),
    workplaces: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        atmosphere: z.enum(ATMOSPHERES),
        version: z.number().int(),
        memberCount: z.number().int(),
      }),
    ),
    members: z.array(
      z.object({
        id: z.uuid(),
        workplaceId: z.uuid().nullable(),
        name: z.string(),
        nameKana: z.string().nullable(),
        employeeNumber: z.string().nullable(),
        engagement: z.enum(ENGAGEMENTS),
        version: z.number().int(),
        nextAction,
        openCases: z.array(z.object({ id: z.uuid(), title: z.string(), status: z.string() })),
      }),
    ),
    tasks: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        dueOn: dateOut.nullable(),
        memberId: z.uuid().nullable(),
        workplaceId: z.uuid().nullable(),
        version: z.number().int(),
      }),
    ),
    notes: z.array(
      z.object({
        id: z.uuid(),
        memberId: z.uuid(),
        body: z.string(),
        createdAt: timestampOut,
        authorName: z.string().nullable(),
      }),
    ),
    meetings: z.array(
      z.object({
        id: z.uuid(),
        workplaceId: z.uuid(),
        heldOn: dateOut,
        title: z.string(),
        attendeeIds: z.array(z.uuid()),
        invitedCount: z.number().int(),
        attendeeCount: z.number().int(),
      }),
    ),
    truncated: z.boolean(),
  })
  .meta({ id: 'SyncPack' });
export type SyncPack = z.infer<typeof syncPackSchema>;
