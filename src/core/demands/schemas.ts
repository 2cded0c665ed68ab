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
import { listFilterSchema } from '../custom-fields/filters';
import {
  DEMAND_NOTE_KINDS,
  ENGAGEMENTS,
  MEMBER_STATUSES,
  NEGOTIATION_STATUSES,
  PRIORITIES,
  UNION_ROLES,
} from '../enums';
import { listMembersQuery } from '../members/schemas';
import { seasonChoice } from './seasons';

const demandFields = {
  title: requiredText(200),
  description: optionalText(10000),
  priority: enumOf(PRIORITIES),
  status: enumOf(NEGOTIATION_STATUSES),
  nextNegotiationOn: optionalDate,
  seasonId: optionalId.meta({ description: 'The bargaining season (交渉シーズン); null: none' }),
};

export const createDemandSchema = z
  .strictObject({
    ...demandFields,
    priority: demandFields.priority.default('medium'),
    status: demandFields.status.default('not_submitted'),
    seasonId: demandFields.seasonId.meta({
      description: 'The bargaining season (交渉シーズン); omitted: the current season (if any); null: none',
    }),
  })
  .meta({ id: 'DemandCreate' });
export type CreateDemandInput = z.infer<typeof createDemandSchema>;

export const updateDemandSchema = z
  .strictObject({
    ...demandFields,
    title: demandFields.title.optional(),
    priority: demandFields.priority.optional(),
    status: demandFields.status.optional(),
    version: versionField,
  })
  .meta({ id: 'DemandUpdate' });
export type UpdateDemandInput = z.infer<typeof updateDemandSchema>;

export const DEMAND_SORTS = [
  '-relatedMemberCount',
  'relatedMemberCount',
  'title',
  '-title',
  'priority',
  'nextNegotiationOn',
  '-nextNegotiationOn',
  'updatedAt',
  '-updatedAt',
] as const;
export type DemandSort = (typeof DEMAND_SORTS)[number];

export const listDemandsQuery = pagingQuery.extend({
  q: text().trim().max(100, { message: 'must be at most 100 characters' }).optional(),
  priority: enumOf(PRIORITIES).optional(),
  status: enumOf(NEGOTIATION_STATUSES).optional(),
  season: seasonChoice.optional(),
  // Bargaining power first: the demands most members hold lead the list.
  sort: enumOf(DEMAND_SORTS).default('-relatedMemberCount'),
});
export type ListDemandsQuery = z.infer<typeof listDemandsQuery>;

/** A 職種 or 等級 to match exactly (the breakdown's drill-down). */
const exactText = text().max(200, { message: 'must be at most 200 characters' }).optional();

export const listDemandMembersQuery = pagingQuery.extend({
  workplaceId: uuid.optional(),
  jobType: exactText.meta({ description: '職種, matched exactly' }),
  grade: exactText.meta({ description: '等級, matched exactly' }),
  engagement: enumOf(ENGAGEMENTS).optional(),
  unionRole: enumOf(UNION_ROLES).optional(),
  unset: enumOf(['workplace', 'jobType', 'grade'])
    .optional()
    .meta({ description: 'Only members without this field (the breakdown’s 未設定 rows)' }),
  counted: z.enum(['true', 'false'], { message: 'must be true or false' }).optional().meta({
    description:
      '`true`: only the members 関連組合員数 counts (active, not organizing targets), as the breakdown counts',
  }),
});
export type ListDemandMembersQuery = z.infer<typeof listDemandMembersQuery>;

// Linking many members at once (from the member list)

/** How a link was made (demand_members.source): one at a time, in bulk, by an import, by a survey. */
export const DEMAND_LINK_SOURCES = ['officer', 'bulk', 'import', 'survey', 'matched'] as const;
export type DemandLinkSource = (typeof DEMAND_LINK_SOURCES)[number];

/** The most ids one request may name (a larger selection goes by filter). */
export const BULK_LINK_MAX_IDS = 10_000;

/** The member list's filters, as a JSON object: the members they match (within scope) are the selection. */
const memberListFilters = listMembersQuery.pick({
  q: true,
  workplaceId: true,
  engagement: true,
  unionRole: true,
  ownerId: true,
  status: true,
  nextActionDue: true,
}).shape;

/** The member list's filters as a bulk request's JSON, custom fields as `"cf.<key>": value`. */
export const bulkMemberFilterSchema = listFilterSchema(memberListFilters, 'member').meta({
  id: 'MemberFilter',
  description:
    'The member list’s filters (GET /members without paging and sort); custom fields as `"cf.<key>": value` (an array for several values of a 複数選択 field), as `cf.<key>=value` on the list.',
});
/** The filter as a client writes it: the list's params, and `cf.<key>` custom field filters. */
export type BulkMemberFilter = {
  [K in keyof typeof memberListFilters]?: z.infer<(typeof memberListFilters)[K]> | undefined;
} & { [cf: `cf.${string}`]: string | string[] };

export const bulkDemandMembersSchema = z
  .strictObject({
    memberIds: z
      .array(uuid)
      .min(1, { message: 'must name at least one member' })
      .max(BULK_LINK_MAX_IDS, { message: `must name at most ${BULK_LINK_MAX_IDS} members (use filter)` })
      .optional()
      .meta({ description: 'The members, by id; ids unknown or outside your scope are skipped.' }),
    filter: bulkMemberFilterSchema.optional().meta({
      description: "Every member the member list's filters match within your scope ({} : all of them).",
    }),
  })
  .superRefine((v, ctx) => {
    if ((v.memberIds === undefined) === (v.filter === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['memberIds'], message: 'send either memberIds or filter' });
    }
  });
// No component id: a request body is written in place (server/openapi.ts completeDocument).
export type BulkDemandMembersInput = z.infer<typeof bulkDemandMembersSchema>;

export const bulkLinkResultSchema = z
  .object({
    linked: z.number().int().meta({ description: 'Links made (members already linked are not counted)' }),
    relatedMemberCount: z.number().int().meta({ description: "The demand's new 関連組合員数" }),
  })
  .meta({ id: 'DemandMembersLinked' });

export const bulkUnlinkResultSchema = z
  .object({
    unlinked: z.number().int().meta({ description: 'Links removed' }),
    relatedMemberCount: z.number().int().meta({ description: "The demand's new 関連組合員数" }),
  })
  .meta({ id: 'DemandMembersUnlinked' });

// Negotiation log 経営側の回答・交渉の経緯

export const listDemandNotesQuery = pagingQuery;
export type ListDemandNotesQuery = z.infer<typeof listDemandNotesQuery>;

export const createDemandNoteSchema = z
  .strictObject({
    occurredOn: optionalDate.meta({ description: 'Defaults to today in the organization time zone.' }),
    kind: enumOf(DEMAND_NOTE_KINDS),
    body: requiredText(10000),
  })
  .meta({ id: 'DemandNoteCreate' });
export type CreateDemandNoteInput = z.infer<typeof createDemandNoteSchema>;

export const updateDemandNoteSchema = z
  .strictObject({
    // The column is required: a note cannot lose its date, only move to another one.
    occurredOn: plainDate.optional(),
    kind: enumOf(DEMAND_NOTE_KINDS).optional(),
    body: requiredText(10000).optional(),
    version: versionField,
  })
  .meta({ id: 'DemandNoteUpdate' });
export type UpdateDemandNoteInput = z.infer<typeof updateDemandNoteSchema>;

// Responses

export const demandSchema = z
  .object({
    ...recordOutput,
    title: z.string(),
    description: z.string().nullable(),
    priority: z.enum(PRIORITIES),
    status: z.enum(NEGOTIATION_STATUSES),
    nextNegotiationOn: dateOut.nullable(),
    seasonId: z.uuid().nullable(),
    seasonName: z.string().nullable().meta({ description: 'The season’s name (2027春闘), null without one' }),
    relatedMemberCount: z.number().int().meta({
      description:
        '関連組合員数: linked members who are active and not organizing targets (counted as workplace memberCount counts).',
    }),
  })
  .meta({ id: 'Demand' });

export const demandMemberSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nameKana: z.string().nullable(),
    employeeNumber: z.string().nullable(),
    workplaceId: z.uuid().nullable(),
    workplaceName: z.string().nullable(),
    jobType: z.string().nullable().meta({ description: '職種' }),
    grade: z.string().nullable().meta({ description: '等級' }),
    engagement: z.enum(ENGAGEMENTS),
    unionRole: z.enum(UNION_ROLES),
    status: z.enum(MEMBER_STATUSES),
    linkedAt: timestampOut,
    linkedBy: z.uuid().nullable(),
    linkedByName: z.string().nullable(),
  })
  .meta({ id: 'DemandMember' });

export const demandNoteSchema = z
  .object({
    ...recordOutput,
    demandId: z.uuid(),
    occurredOn: dateOut,
    kind: z.enum(DEMAND_NOTE_KINDS),
    body: z.string(),
    authorId: z.uuid().nullable(),
    authorName: z.string().nullable(),
  })
  .meta({ id: 'DemandNote' });
