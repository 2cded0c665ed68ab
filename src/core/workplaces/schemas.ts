import { z } from 'zod';
import { dateOut, recordOutput, timestampOut } from '../common/output';
import {
  enumOf,
  optionalId,
  optionalText,
  pagingQuery,
  plainDate,
  requiredText,
  text,
  uuid,
  versionField,
} from '../common/schemas';
import { customFieldsInput, customFieldsOutput } from '../custom-fields/schemas';
import { ATMOSPHERES } from '../enums';
import { kanaReading } from '../members/schemas';

/** A head count: a whole number that fits the database's integer column. */
const count = () =>
  z
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(0, { message: 'must be 0 or more' })
    .max(2_147_483_647, { message: 'is too large' });

const workplaceFields = {
  name: requiredText(100),
  nameKana: kanaReading().optional().meta({
    description:
      'The reading (よみ) of the name, stored in full-width katakana (ひらがな and half-width kana are converted); 職場名順 sorts by it, then by name.',
  }),
  establishment: optionalText(200),
  employeeCount: count().nullable().optional(),
  repMemberId: optionalId.meta({ description: 'The member who is this workplace’s rep (職場委員).' }),
  ownerId: optionalId.meta({ description: 'The staff user in charge (担当者).' }),
  issues: optionalText(4000),
  atmosphere: enumOf(ATMOSPHERES),
  organizingStatus: optionalText(4000),
  customFields: customFieldsInput,
};

const reason = optionalText(1000).meta({ description: 'Why the atmosphere changed (kept in its history).' });

export const createWorkplaceSchema = z
  .strictObject({
    ...workplaceFields,
    atmosphere: workplaceFields.atmosphere.default('normal'),
    atmosphereReason: reason,
  })
  .meta({ id: 'WorkplaceCreate' });
export type CreateWorkplaceInput = z.infer<typeof createWorkplaceSchema>;

export const updateWorkplaceSchema = z
  .strictObject({
    ...workplaceFields,
    name: workplaceFields.name.optional(),
    atmosphere: workplaceFields.atmosphere.optional(),
    atmosphereReason: reason,
    version: versionField,
  })
  .meta({ id: 'WorkplaceUpdate' });
export type UpdateWorkplaceInput = z.infer<typeof updateWorkplaceSchema>;

export const WORKPLACE_SORTS = [
  'name',
  '-name',
  'organizationRate',
  '-organizationRate',
  'memberCount',
  '-memberCount',
  'atmosphere',
  '-atmosphere',
  'updatedAt',
  '-updatedAt',
] as const;
export type WorkplaceSort = (typeof WORKPLACE_SORTS)[number];

export const listWorkplacesQuery = pagingQuery.extend({
  q: text().trim().max(100, { message: 'must be at most 100 characters' }).optional().meta({
    description:
      'A part of the name, its reading (よみ, also typed in hiragana) or the establishment (所属事業所).',
  }),
  atmosphere: enumOf(ATMOSPHERES).optional(),
  ownerId: uuid.optional(),
  establishment: text()
    .trim()
    .max(200, { message: 'must be at most 200 characters' })
    .optional()
    .meta({ description: 'Exactly this establishment.' }),
  sort: enumOf(WORKPLACE_SORTS).default('name').meta({
    description: '`name` (職場名順): by the reading (よみ; workplaces without one last), then by the name.',
  }),
});
export type ListWorkplacesQuery = z.infer<typeof listWorkplacesQuery>;

// Meetings 職場集会

/** The most attendees one meeting records (a large workplace's all-hands). */
export const MAX_ATTENDEES = 5000;

const attendeeIds = z
  .array(uuid, { message: 'must be a list of member ids' })
  .max(MAX_ATTENDEES, { message: `must list at most ${MAX_ATTENDEES} members` })
  .meta({
    description:
      'Who attended (members of this workplace within your reach; duplicates are removed). When given, attendeeCount is their number.',
  });

export const createMeetingSchema = z
  .strictObject({
    heldOn: plainDate,
    title: requiredText(200),
    attendeeCount: count().optional().meta({ description: 'Required without attendeeIds.' }),
    attendeeIds: attendeeIds.optional(),
    invitedCount: count()
      .optional()
      .meta({ description: 'Defaults to the workplace’s memberCount at the time of recording.' }),
    notes: optionalText(10000),
  })
  .meta({ id: 'WorkplaceMeetingCreate' });
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

export const updateMeetingSchema = z
  .strictObject({
    heldOn: plainDate.optional(),
    title: requiredText(200).optional(),
    attendeeCount: count().optional(),
    invitedCount: count().optional(),
    notes: optionalText(10000),
    attendeeIds: attendeeIds
      .nullable()
      .optional()
      .meta({ description: 'Who attended (replaces the list); null removes the recorded attendance.' }),
    version: versionField,
  })
  .meta({ id: 'WorkplaceMeetingUpdate' });
export type UpdateMeetingInput = z.infer<typeof updateMeetingSchema>;

/** Cross-field rule a meeting must satisfy after defaults and merging. */
export function meetingStateErrors(m: {
  attendeeCount: number;
  invitedCount: number;
  /** The attendees, when attendance is recorded (after removing duplicates). */
  attendeeIds?: readonly string[] | null;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (m.attendeeIds && m.attendeeCount !== m.attendeeIds.length) {
    errors.attendeeCount = `must be the number of attendees recorded (${m.attendeeIds.length})`;
  } else if (m.attendeeIds && m.attendeeIds.length > m.invitedCount) {
    errors.attendeeIds = `must not list more members than invitedCount (${m.invitedCount})`;
  } else if (m.attendeeCount > m.invitedCount) {
    errors.attendeeCount = `must not exceed invitedCount (${m.invitedCount})`;
  }
  return errors;
}

// Responses

const rate = () => z.number().nullable();

export const workplaceSchema = z
  .object({
    ...recordOutput,
    name: z.string(),
    nameKana: z.string().nullable().meta({ description: 'The reading (よみ), in full-width katakana' }),
    establishment: z.string().nullable(),
    employeeCount: z.number().int().nullable(),
    repMemberId: z.uuid().nullable(),
    ownerId: z.uuid().nullable(),
    issues: z.string().nullable(),
    atmosphere: z.enum(ATMOSPHERES),
    organizingStatus: z.string().nullable(),
    repMemberName: z.string().nullable(),
    ownerName: z.string().nullable(),
    memberCount: z
      .number()
      .int()
      .meta({ description: 'Active members of this workplace, organizing targets not counted' }),
    organizationRate: rate().meta({
      description:
        'memberCount / employeeCount (組織率); null without a head count. Not clamped: above 1 means the head count is out of date.',
    }),
    nonMemberCount: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'max(employeeCount − memberCount, 0); null without a head count' }),
    lastMeetingOn: dateOut.nullable(),
    lastMeetingParticipationRate: rate().meta({
      description: 'attendeeCount / invitedCount of the latest meeting; null when none or nobody was invited',
    }),
    customFields: customFieldsOutput,
  })
  .meta({ id: 'Workplace' });

export const meetingSchema = z
  .object({
    ...recordOutput,
    workplaceId: z.uuid(),
    heldOn: dateOut,
    title: z.string(),
    attendeeCount: z.number().int(),
    invitedCount: z.number().int(),
    notes: z.string().nullable(),
    participationRate: rate().meta({
      description:
        'attendees / invitedCount: the recorded attendees when attendance was recorded, attendeeCount otherwise; null when invitedCount is 0',
    }),
    attendanceRecorded: z.boolean().meta({ description: 'Whether who attended was recorded (attendeeIds).' }),
    attendeeIds: z
      .array(z.uuid())
      .meta({ description: 'Who attended; empty when attendance was not recorded.' }),
    attendees: z.array(z.object({ id: z.uuid(), name: z.string() })).meta({
      description: 'The attendees within your reach, by name (a member moved out of it is only an id).',
    }),
  })
  .meta({ id: 'WorkplaceMeeting' });

export const atmosphereChangeSchema = z
  .object({
    id: z.uuid(),
    workplaceId: z.uuid(),
    from: z.enum(ATMOSPHERES).nullable(),
    to: z.enum(ATMOSPHERES),
    changedAt: timestampOut,
    changedBy: z.uuid().nullable(),
    changedByName: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'AtmosphereChange' });
