import { z } from 'zod';
import { dateOut, recordOutput, timestampOut } from '../common/output';
import {
  enumOf,
  optionalDate,
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
import { CASE_STATUSES, ENGAGEMENTS, MEMBER_STATUSES, NOTE_CHANNELS, UNION_ROLES } from '../enums';
import { contactInputFields, contactOutputFields } from './contacts';
import { engagementReviewSchema } from './engagement-review';
import { normalizeKana } from './kana';

/** A reading (フリガナ, a workplace's よみ): stored as full-width katakana (normalizeKana), blank → null. */
export const kanaReading = () =>
  optionalText(100).transform((v) => (v == null ? v : normalizeKana(v) || null));
const kana = kanaReading();

const memberFields = {
  name: requiredText(100),
  nameKana: kana,
  employeeNumber: optionalText(50).transform((v) => (v == null ? v : v.normalize('NFKC'))),
  workplaceId: optionalId,
  department: optionalText(100),
  jobType: optionalText(100),
  grade: optionalText(50),
  joinedOn: optionalDate,
  engagement: enumOf(ENGAGEMENTS),
  concerns: optionalText(4000),
  nextAction: optionalText(500),
  nextActionDueOn: optionalDate,
  parentOrganization: optionalText(200),
  unionRole: enumOf(UNION_ROLES),
  status: enumOf(MEMBER_STATUSES),
  leftOn: optionalDate,
  ownerId: optionalId,
  ...contactInputFields,
  customFields: customFieldsInput,
};

const reason = optionalText(1000).meta({ description: 'Why the engagement changed (kept in its history).' });

export const createMemberSchema = z
  .strictObject({
    ...memberFields,
    engagement: memberFields.engagement.default('occasional'),
    unionRole: memberFields.unionRole.default('general_member'),
    status: memberFields.status.default('active'),
    engagementReason: reason,
  })
  .meta({ id: 'MemberCreate' });
export type CreateMemberInput = z.infer<typeof createMemberSchema>;

export const updateMemberSchema = z
  .strictObject({
    ...memberFields,
    name: memberFields.name.optional(),
    engagement: memberFields.engagement.optional(),
    unionRole: memberFields.unionRole.optional(),
    status: memberFields.status.optional(),
    engagementReason: reason,
    version: versionField,
  })
  .meta({ id: 'MemberUpdate' });
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

export const MEMBER_SORTS = [
  'nameKana',
  '-nameKana',
  'name',
  '-name',
  'employeeNumber',
  '-employeeNumber',
  'joinedOn',
  '-joinedOn',
  'engagement',
  '-engagement',
  'nextActionDueOn',
  '-nextActionDueOn',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

import { NEXT_ACTION_DUE } from './list-options';

export { NEXT_ACTION_DUE, type NextActionDue } from './list-options';

export const listMembersQuery = pagingQuery.extend({
  q: text().trim().max(100, { message: 'must be at most 100 characters' }).optional(),
  workplaceId: uuid.optional(),
  engagement: enumOf(ENGAGEMENTS).optional(),
  unionRole: enumOf(UNION_ROLES).optional(),
  ownerId: uuid.optional(),
  status: enumOf(MEMBER_STATUSES).optional(),
  nextActionDue: enumOf(NEXT_ACTION_DUE).optional().meta({
    description:
      'nextActionDueOn relative to today in the organization time zone: `overdue` before today, `this_week` from today to this week’s Sunday, `later` after that Sunday (members without a due day match none).',
  }),
  sort: enumOf(MEMBER_SORTS).default('nameKana'),
});
export type ListMembersQuery = z.infer<typeof listMembersQuery>;

/** Cross-field rules that a PATCH must satisfy after merging with the stored record. */
export function memberStateErrors(m: {
  status: string;
  leftOn: string | null;
  joinedOn: string | null;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (m.status === 'left' && !m.leftOn) errors.leftOn = 'is required when status is left';
  if (m.status === 'active' && m.leftOn) errors.leftOn = 'must be empty while status is active';
  if (m.leftOn && m.joinedOn && m.leftOn < m.joinedOn) errors.leftOn = 'must not be before joinedOn';
  return errors;
}

// Sub-resources

export const createNoteSchema = z
  .strictObject({
    occurredOn: optionalDate.meta({ description: 'Defaults to today in the organization time zone.' }),
    channel: enumOf(NOTE_CHANNELS).default('other'),
    body: requiredText(10000),
  })
  .meta({ id: 'MemberNoteCreate' });
export type CreateNoteInput = z.infer<typeof createNoteSchema>;

export const updateNoteSchema = z
  .strictObject({
    occurredOn: plainDate.optional(),
    channel: enumOf(NOTE_CHANNELS).optional(),
    body: requiredText(10000).optional(),
    memberId: uuid.optional().meta({
      description:
        'Move the note to this member (one put on the wrong member). The caller must reach both members; 404 otherwise.',
    }),
    version: versionField,
  })
  .meta({ id: 'MemberNoteUpdate' });
export type UpdateNoteInput = z.infer<typeof updateNoteSchema>;

export const createCaseSchema = z
  .strictObject({
    title: requiredText(200),
    description: optionalText(10000),
    openedOn: optionalDate.meta({ description: 'Defaults to today in the organization time zone.' }),
    dueOn: optionalDate,
    status: enumOf(CASE_STATUSES).default('open'),
    closedOn: optionalDate,
    outcome: optionalText(10000).meta({
      description: 'A case recorded as already closed: how it ended (対応結果). Only with `status: closed`.',
    }),
    sensitive: z.boolean({ message: 'must be true or false' }).default(false),
  })
  .meta({ id: 'MemberCaseCreate' });
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

export const updateCaseSchema = z
  .strictObject({
    title: requiredText(200).optional(),
    description: optionalText(10000),
    openedOn: plainDate.optional(),
    dueOn: optionalDate,
    status: enumOf(CASE_STATUSES).optional().meta({
      description:
        '`closed` closes an open case and needs `outcome`; `open` reopens a closed case and needs `reopenReason`.',
    }),
    closedOn: optionalDate,
    outcome: optionalText(10000).meta({
      description: 'How the case ended (対応結果): required with `status: closed`, accepted only then.',
    }),
    reopenReason: optionalText(2000).meta({
      description:
        'Why a closed case is reopened (再開の理由): required with `status: open` on a closed case.',
    }),
    sensitive: z.boolean({ message: 'must be true or false' }).optional(),
    version: versionField,
  })
  .meta({ id: 'MemberCaseUpdate' });
export type UpdateCaseInput = z.infer<typeof updateCaseSchema>;

/**
 * The closing and reopening rules of a case change. Closing (open → closed) needs an
 * outcome and reopening (closed → open) a reason: a misclick on a sensitive case must not
 * silently take it out of every follow-up list, and the case's story keeps both.
 * An outcome or a reason without that change is refused rather than dropped.
 */
export function caseTransitionErrors(
  current: { status: string },
  change: { status?: string; outcome?: string | null; reopenReason?: string | null },
): Record<string, string> {
  const errors: Record<string, string> = {};
  const closing = change.status === 'closed' && current.status === 'open';
  const reopening = change.status === 'open' && current.status === 'closed';
  if (change.status === 'closed' && current.status === 'closed') errors.status = 'the case is already closed';
  if (closing && !change.outcome) errors.outcome = 'is required when closing a case';
  if (!closing && change.outcome != null) errors.outcome = 'is accepted only when closing an open case';
  if (reopening && !change.reopenReason) errors.reopenReason = 'is required when reopening a closed case';
  if (!reopening && change.reopenReason != null) {
    errors.reopenReason = 'is accepted only when reopening a closed case';
  }
  return errors;
}

export function caseStateErrors(c: {
  status: string;
  openedOn: string;
  closedOn: string | null;
  dueOn: string | null;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (c.status === 'open' && c.closedOn) errors.closedOn = 'must be empty while the case is open';
  if (c.closedOn && c.closedOn < c.openedOn) errors.closedOn = 'must not be before openedOn';
  if (c.dueOn && c.dueOn < c.openedOn) errors.dueOn = 'must not be before openedOn';
  return errors;
}

// Responses

export const memberSchema = z
  .object({
    ...recordOutput,
    name: z.string(),
    nameKana: z.string().nullable(),
    employeeNumber: z.string().nullable(),
    workplaceId: z.uuid().nullable(),
    department: z.string().nullable(),
    jobType: z.string().nullable(),
    grade: z.string().nullable(),
    joinedOn: dateOut.nullable(),
    engagement: z.enum(ENGAGEMENTS),
    concerns: z.string().nullable(),
    nextAction: z.string().nullable(),
    nextActionDueOn: dateOut.nullable(),
    parentOrganization: z.string().nullable(),
    unionRole: z.enum(UNION_ROLES),
    status: z.enum(MEMBER_STATUSES),
    leftOn: dateOut.nullable(),
    ownerId: z.uuid().nullable(),
    tenureYears: z.number().int().nullable().meta({ description: 'Whole years since joinedOn (組合歴)' }),
    workplaceName: z.string().nullable(),
    ownerName: z.string().nullable(),
    openCaseCount: z.number().int(),
    demandIds: z.array(z.uuid()),
    ...contactOutputFields,
    customFields: customFieldsOutput,
  })
  .meta({ id: 'Member' });

/** GET /members/{id}: the member with the engagement review its meeting attendance suggests. */
export const memberDetailSchema = memberSchema
  .extend({
    engagementReview: engagementReviewSchema.nullable().meta({
      description:
        '関与度の見直し: where attendance at the workplace’s last 4 meetings with recorded attendance disagrees with the recorded engagement; null otherwise (a suggestion for a person to confirm, never applied).',
    }),
  })
  .meta({ id: 'MemberDetail' });

export const noteSchema = z
  .object({
    ...recordOutput,
    memberId: z.uuid(),
    occurredOn: dateOut,
    channel: z.enum(NOTE_CHANNELS),
    body: z.string(),
    authorId: z.uuid().nullable(),
    authorName: z.string().nullable(),
  })
  .meta({ id: 'MemberNote' });

export const caseSchema = z
  .object({
    ...recordOutput,
    memberId: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    openedOn: dateOut,
    dueOn: dateOut.nullable(),
    status: z.enum(CASE_STATUSES),
    closedOn: dateOut.nullable(),
    closedAt: timestampOut.nullable().meta({ description: 'When the case was closed (null while open)' }),
    closedBy: z.uuid().nullable().meta({ description: 'Who closed it (null while open, or the system)' }),
    closedByName: z.string().nullable(),
    outcome: z.string().nullable().meta({ description: 'How it ended (対応結果); null while open' }),
    sensitive: z.boolean(),
  })
  .meta({ id: 'MemberCase' });

export const engagementChangeSchema = z
  .object({
    id: z.uuid(),
    memberId: z.uuid(),
    from: z.enum(ENGAGEMENTS).nullable(),
    to: z.enum(ENGAGEMENTS),
    changedAt: timestampOut,
    changedBy: z.uuid().nullable(),
    changedByName: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'EngagementChange' });

export const TIMELINE_KINDS = [
  'note',
  'engagement',
  'case_opened',
  'case_closed',
  'case_reopened',
  'task_created',
  'task_completed',
  'handover',
  /** Applying a survey linked the member to a demand they chose (title: the demand). */
  'survey_linked',
  /** Attended a workplace meeting (title: the meeting, body: its workplace; refId: the meeting). */
  'meeting_attended',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One event of a member's story (notes, engagement changes, cases, tasks, handovers, survey links), newest first. */
export const timelineItemSchema = z
  .object({
    id: z.string().meta({ description: 'Unique within the timeline: kind + record id' }),
    kind: z.enum(TIMELINE_KINDS),
    date: dateOut.meta({ description: 'The day it happened, in the organization time zone' }),
    at: timestampOut.meta({ description: 'When it was recorded; orders events within a day' }),
    title: z.string().nullable(),
    body: z.string().nullable(),
    actorName: z.string().nullable(),
    from: z.enum(ENGAGEMENTS).nullable(),
    to: z.enum(ENGAGEMENTS).nullable(),
    channel: z.enum(NOTE_CHANNELS).nullable(),
    sensitive: z.boolean(),
    refId: z.uuid().meta({
      description:
        'The note, history row, case, task or handover id; the demand of a survey link; the meeting attended',
    }),
    fromUserName: z.string().nullable().meta({ description: 'A handover: the previous owner' }),
    toUserName: z.string().nullable().meta({ description: 'A handover: the new owner' }),
    edited: z.boolean().meta({ description: 'A note changed (edited or moved) after it was recorded' }),
    version: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'A note: its version, for PATCH/DELETE of /members/{id}/notes/{noteId}' }),
    canEdit: z
      .boolean()
      .meta({ description: 'A note the caller may edit, move and delete (its author, admins, officers)' }),
  })
  .meta({ id: 'TimelineItem' });

/**
 * How far the member list counts its matches past the page's offset. An exact
 * count of a federation's million members costs a scan per request; an officer
 * needs "10,000件以上" to know a filter is due, not the exact figure (the
 * dashboards give that). Counting stops here, so a page costs the same at any union size.
 */
export const MEMBER_TOTAL_CAP = 10_000;
