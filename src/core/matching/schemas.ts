import { z } from 'zod';
import { requiredText, uuid } from '../common/schemas';
import { createDemandSchema, demandSchema } from '../demands/schemas';
import { synonymGroupSchema, synonymGroupsSchema } from './synonyms';

// The concern-matching API (issue 16): suggestions both ways, accepting and turning them down,
// the voices no demand holds yet, and the synonym table.

export const MATCH_SOURCES = ['concerns', 'note', 'survey'] as const;
export type MatchSource = (typeof MATCH_SOURCES)[number];

const score = z.number().min(0).max(1).meta({ description: 'How well the words match, 0–1 (best 1)' });
const terms = z.array(z.string()).meta({ description: 'The matching words, as the member wrote them' });
const highlight = z
  .object({ start: z.number().int(), end: z.number().int() })
  .meta({ description: 'A matching word in the excerpt: [start, end) in UTF-16 units' });
const rule = z.string().meta({ description: 'A synonym group that carried a match (残業代 = 時間外手当)' });

export const suggestionsQuery = z.object({
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(200, { error: 'must be at most 200' })
    .default(50),
});

export const demandSuggestionSchema = z
  .object({
    memberId: z.uuid(),
    memberName: z.string(),
    memberNameKana: z.string().nullable(),
    workplaceName: z.string().nullable(),
    score,
    terms,
    source: z.enum(MATCH_SOURCES).meta({
      description:
        "Where the words are: the member's concerns (主な職場の悩み・要求), a note, a survey answer",
    }),
    excerpt: z.string().meta({ description: 'The passage with the matching words' }),
    highlights: z.array(highlight),
    rules: z.array(rule),
  })
  .meta({ id: 'DemandSuggestion' });

export const demandSuggestionsSchema = z
  .object({
    items: z.array(demandSuggestionSchema).meta({ description: 'Best first' }),
    total: z
      .number()
      .int()
      .meta({ description: 'Members suggested in all (within your scope), counted up to 1,000' }),
    totalCapped: z.boolean().meta({ description: 'true: there are more than `total` (1,000)' }),
    pending: z
      .number()
      .int()
      .meta({ description: 'Changes not yet matched (being worked off; 0: up to date)' }),
  })
  .meta({ id: 'DemandSuggestions' });

export const memberDemandSuggestionSchema = z
  .object({
    demandId: z.uuid(),
    title: z.string(),
    score,
    terms,
    source: z.enum(MATCH_SOURCES),
    excerpt: z.string(),
    highlights: z.array(highlight),
    rules: z.array(rule),
  })
  .meta({ id: 'MemberDemandSuggestion' });

export const memberDemandSuggestionsSchema = z
  .object({
    items: z.array(memberDemandSuggestionSchema).meta({ description: 'Best first' }),
    pending: z.number().int(),
  })
  .meta({ id: 'MemberDemandSuggestions' });

export const suggestionDecisionSchema = z.strictObject({
  memberIds: z
    .array(uuid)
    .min(1, { error: 'must name at least one member' })
    .max(1000, { error: 'must name at most 1000 members' })
    .meta({ description: 'Members outside your scope or unknown are skipped' }),
});
export type SuggestionDecisionInput = z.infer<typeof suggestionDecisionSchema>;

export const acceptResultSchema = z
  .object({
    linked: z.number().int().meta({ description: 'Links made (source: matched)' }),
    relatedMemberCount: z.number().int(),
  })
  .meta({ id: 'SuggestionsAccepted' });

export const rejectResultSchema = z
  .object({ rejected: z.number().int().meta({ description: 'Pairs recorded (never suggested again)' }) })
  .meta({ id: 'SuggestionsRejected' });

export const voiceClusterSchema = z
  .object({
    key: z
      .string()
      .meta({ description: 'The cluster’s identity (its leading word’s key), for 要求として登録' }),
    terms: z.array(z.string()).meta({ description: 'Its key words, most shared first' }),
    memberCount: z.number().int().meta({ description: 'Members whose words are in it (within your scope)' }),
    anonymousCount: z.number().int().meta({
      description: 'Anonymous survey answers in it (closed surveys whose figures are disclosed only)',
    }),
    memberIds: z.array(z.uuid()).meta({ description: 'The members (for 要求として登録)' }),
    byWorkplace: z.array(
      z.object({
        workplaceId: z.uuid().nullable(),
        workplaceName: z.string().nullable(),
        count: z.number().int(),
      }),
    ),
    sampleExcerpts: z.array(z.object({ text: z.string(), source: z.enum(MATCH_SOURCES) })),
  })
  .meta({ id: 'VoiceCluster' });

export const unmatchedVoicesSchema = z
  .object({
    items: z.array(voiceClusterSchema).meta({ description: 'Largest first' }),
    seasonId: z.uuid().nullable().meta({ description: 'The season whose demands were matched against' }),
    unmatchedTexts: z.number().int().meta({ description: 'Texts that match no demand of the season' }),
    pending: z.number().int(),
  })
  .meta({ id: 'UnmatchedVoices' });

export const demandFromVoicesSchema = z.strictObject({
  // The fields as POST /api/demands takes them, not its component (bodies are written in place).
  demand: z.strictObject(createDemandSchema.shape),
  memberIds: z
    .array(uuid)
    .max(10000, { error: 'must name at most 10000 members' })
    .meta({ description: 'Members to link (source: matched); outside your scope or unknown: skipped' }),
});
export type DemandFromVoicesInput = z.infer<typeof demandFromVoicesSchema>;

export const synonymTableSchema = z
  .object({
    groups: z.array(synonymGroupSchema),
    isDefault: z
      .boolean()
      .meta({ description: 'true: nobody has saved a table; the default list is in force' }),
    version: z.number().int(),
    updatedAt: z.string(),
    candidates: z
      .array(z.object({ term: z.string(), demandTerm: z.string(), count: z.number().int() }))
      .meta({ description: 'Additions accepted matches suggest: a member’s word and a demand’s word' }),
  })
  .meta({ id: 'SynonymTable' });

// Request bodies carry no component id: they are written in place (server/openapi.ts).
export const updateSynonymsSchema = z.strictObject({
  groups: synonymGroupsSchema,
  version: z.number().int().min(1),
});
export type UpdateSynonymsInput = z.infer<typeof updateSynonymsSchema>;

export const dismissCandidateSchema = z.strictObject({
  term: requiredText(100),
  demandTerm: requiredText(100),
});

export const demandFromVoicesResultSchema = z
  .object({
    demand: demandSchema,
    linked: z.number().int().meta({ description: 'Members linked (source: matched)' }),
  })
  .meta({ id: 'DemandFromVoicesResult' });
