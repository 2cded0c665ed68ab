import { z } from 'zod';
import { dateOut, timestampOut } from '../common/output';
import { optionalText, pagingQuery, uuid } from '../common/schemas';
import {
  ENGAGEMENTS,
  MEMBER_STATUSES,
  NEGOTIATION_STATUSES,
  NOTE_CHANNELS,
  PRIORITIES,
  STAFF_ROLES,
  UNION_ROLES,
} from '../enums';

/** Staff roles that own portfolios and so may receive one (引き継ぎ先). */
export const HANDOVER_TARGET_ROLES = ['admin', 'officer'] as const;

/** How many ids one handover may name in each list (a union's whole portfolio fits). */
export const HANDOVER_MAX_IDS = 10_000;

const idList = (what: string) =>
  z
    .array(uuid)
    .max(HANDOVER_MAX_IDS, { message: `must name at most ${HANDOVER_MAX_IDS} ${what}` })
    .optional();

/**
 * 引き継ぎ: move a staff user's portfolio to another. Without `memberIds` and
 * `workplaceIds` the whole portfolio moves (every member and workplace the user
 * owns, every open task assigned to them); with either list, only those and the
 * open tasks about them.
 */
export const createHandoverSchema = z
  .strictObject({
    fromUserId: uuid.meta({ description: 'The officer handing over (often a disabled account).' }),
    toUserId: uuid.meta({ description: 'The new owner: an enabled administrator or officer.' }),
    memberIds: idList('members').meta({ description: 'Members owned by fromUserId to move.' }),
    workplaceIds: idList('workplaces').meta({ description: 'Workplaces owned by fromUserId to move.' }),
    note: optionalText(4000).meta({
      description: 'What the new owner should know (kept with the handover).',
    }),
  })
  .meta({ id: 'HandoverCreate' });
export type CreateHandoverInput = z.infer<typeof createHandoverSchema>;

/** The confirmation's request: the same body as the handover (its own name, so each is written in place). */
export const previewHandoverSchema = createHandoverSchema.meta({ id: 'HandoverPreviewRequest' });

export const listHandoversQuery = pagingQuery.extend({
  userId: uuid.optional().meta({ description: 'Handovers from or to this staff user.' }),
});
export type ListHandoversQuery = z.infer<typeof listHandoversQuery>;

// Responses

export const handoverSchema = z
  .object({
    id: z.uuid(),
    createdAt: timestampOut,
    fromUserId: z.uuid(),
    fromUserName: z.string(),
    toUserId: z.uuid(),
    toUserName: z.string(),
    createdBy: z.uuid().nullable(),
    createdByName: z.string().nullable(),
    note: z.string().nullable(),
    memberCount: z.number().int(),
    workplaceCount: z.number().int(),
    taskCount: z.number().int().meta({ description: 'Open tasks reassigned' }),
    openCaseCount: z
      .number()
      .int()
      .meta({ description: 'Open cases of the members moved (cases go with their member)' }),
  })
  .meta({ id: 'Handover' });

/** A disabled account that still owns records (要引き継ぎ). */
export const pendingHandoverSchema = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    email: z.string(),
    role: z.enum(STAFF_ROLES),
    memberCount: z.number().int(),
    workplaceCount: z.number().int(),
    taskCount: z.number().int().meta({ description: 'Open tasks assigned to the user' }),
  })
  .meta({ id: 'PendingHandover' });

/** 引き継ぎ資料: what a new owner needs to pick up one member's relationship. */
export const memberBriefingSchema = z
  .object({
    member: z.object({
      id: z.uuid(),
      name: z.string(),
      nameKana: z.string().nullable(),
      employeeNumber: z.string().nullable(),
      workplaceId: z.uuid().nullable(),
      workplaceName: z.string().nullable(),
      department: z.string().nullable(),
      unionRole: z.enum(UNION_ROLES),
      status: z.enum(MEMBER_STATUSES),
      joinedOn: dateOut.nullable(),
      ownerId: z.uuid().nullable(),
      ownerName: z.string().nullable(),
      engagement: z.enum(ENGAGEMENTS),
      concerns: z.string().nullable(),
      nextAction: z.string().nullable(),
      nextActionDueOn: dateOut.nullable(),
    }),
    engagementTrend: z
      .object({
        since: timestampOut.meta({ description: 'Start of the window (12 months before now)' }),
        atStart: z
          .enum(ENGAGEMENTS)
          .nullable()
          .meta({ description: 'The engagement when the window began; null if recorded later' }),
        changes: z.array(
          z.object({
            from: z.enum(ENGAGEMENTS).nullable(),
            to: z.enum(ENGAGEMENTS),
            changedAt: timestampOut,
            changedByName: z.string().nullable(),
            reason: z.string().nullable(),
          }),
        ),
      })
      .meta({ description: 'Engagement changes of the last 12 months, oldest first' }),
    openCases: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        openedOn: dateOut,
        dueOn: dateOut.nullable(),
        sensitive: z.boolean(),
      }),
    ),
    recentNotes: z
      .array(
        z.object({
          id: z.uuid(),
          occurredOn: dateOut,
          channel: z.enum(NOTE_CHANNELS),
          body: z.string(),
          authorName: z.string().nullable(),
        }),
      )
      .meta({ description: 'The 5 most recent consultations, newest first' }),
    demands: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        status: z.enum(NEGOTIATION_STATUSES),
        priority: z.enum(PRIORITIES),
      }),
    ),
    openTasks: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        dueOn: dateOut.nullable(),
        assigneeName: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'MemberBriefing' });

/** What a handover would move, counted before it runs (the confirmation's figures). */
export const handoverPreviewSchema = z
  .object({
    fromUserId: z.uuid(),
    fromUserName: z.string(),
    toUserId: z.uuid(),
    toUserName: z.string(),
    memberCount: z.number().int().meta({ description: 'Members that change owner' }),
    workplaceCount: z.number().int().meta({ description: 'Workplaces that change owner' }),
    taskCount: z.number().int().meta({ description: 'Open tasks reassigned' }),
    openCaseCount: z
      .number()
      .int()
      .meta({ description: 'Open cases of the members moved (cases go with their member)' }),
    overdueCaseCount: z.number().int().meta({ description: 'Of those, past their due date' }),
    atRiskCount: z.number().int().meta({ description: 'Members moved who are at risk (脱退リスクあり)' }),
    nextActionCount: z
      .number()
      .int()
      .meta({ description: 'Next actions with a due date of the (active) members moved' }),
    overdueNextActionCount: z.number().int().meta({ description: 'Of those, past their due date' }),
  })
  .meta({ id: 'HandoverPreview' });
export type HandoverPreview = z.infer<typeof handoverPreviewSchema>;

/** The summary lists of a handover's printed briefing are capped (the briefings hold everything). */
export const HANDOVER_SUMMARY_LIMIT = 8;

export const handoverSummaryQuery = z.object({
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(100, { message: 'must be at most 100' })
    .default(HANDOVER_SUMMARY_LIMIT)
    .meta({ description: `Rows per list (default ${HANDOVER_SUMMARY_LIMIT}); the totals count them all.` }),
});
export type HandoverSummaryQuery = z.infer<typeof handoverSummaryQuery>;

const summaryMember = z.object({
  memberId: z.uuid(),
  name: z.string(),
  workplaceName: z.string().nullable(),
  nextAction: z.string().nullable(),
  nextActionDueOn: dateOut.nullable(),
  overdue: z.boolean().meta({ description: 'The next action is past its due date' }),
});

/** The first page of a handover's printed briefing: what needs attention first. */
export const handoverSummarySchema = z
  .object({
    today: dateOut.meta({ description: "The organization's day the summary was made for" }),
    atRisk: z
      .object({ items: z.array(summaryMember), total: z.number().int() })
      .meta({ description: 'Members at risk (脱退リスクあり) with their next step, earliest due first' }),
    openCases: z
      .object({
        items: z.array(
          z.object({
            caseId: z.uuid(),
            memberId: z.uuid(),
            memberName: z.string(),
            title: z.string(),
            dueOn: dateOut.nullable(),
            overdue: z.boolean(),
            sensitive: z.boolean(),
          }),
        ),
        total: z.number().int(),
        overdue: z.number().int(),
      })
      .meta({ description: 'Open cases, overdue first (sensitive ones only for roles that may see them)' }),
    nextActions: z
      .object({ items: z.array(summaryMember), total: z.number().int(), overdue: z.number().int() })
      .meta({ description: 'Next actions with a due date (active members), earliest first: overdue first' }),
  })
  .meta({ id: 'HandoverSummary' });
