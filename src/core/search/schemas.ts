import { z } from 'zod';
import { dateOut } from '../common/output';
import { enumOf, text } from '../common/schemas';
import { MEMBER_STATUSES, NEGOTIATION_STATUSES, PRIORITIES, TASK_STATUSES } from '../enums';
import { normalizeSearch } from '../members/kana';

/** The most a search may be: a name, a reading, a number or a title, not a paragraph. */
export const SEARCH_MAX_LENGTH = 100;
/** Items per group unless `limit` says otherwise (the top bar shows this many). */
export const SEARCH_DEFAULT_LIMIT = 5;
export const SEARCH_MAX_LIMIT = 20;
/**
 * Members are searched from two characters on (spaces not counted): one character would
 * match a large share of a union (every 山 of 山田, 山本, 中山…) and no index helps it.
 * Workplaces, demands and tasks are few enough to search from one.
 */
export const MEMBER_SEARCH_MIN_CHARS = 2;

/** The search's length as the member rule counts it: width-folded, without spaces. */
export function searchCharCount(q: string): number {
  return [...normalizeSearch(q).replace(/ /g, '')].length;
}

export const searchQuery = z.object({
  q: text('is required')
    .trim()
    .min(1, { message: 'is required' })
    .max(SEARCH_MAX_LENGTH, { message: `must be at most ${SEARCH_MAX_LENGTH} characters` })
    .meta({
      description:
        'What to look for: a name or reading (hiragana, katakana or half-width, with or without spaces), an employee number, a workplace name, a demand or task title.',
    }),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(SEARCH_MAX_LIMIT, { message: `must be at most ${SEARCH_MAX_LIMIT}` })
    .default(SEARCH_DEFAULT_LIMIT)
    .meta({ description: `Items per group (1–${SEARCH_MAX_LIMIT}).` }),
});
export type SearchQuery = z.infer<typeof searchQuery>;

const memberHit = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nameKana: z.string().nullable(),
    employeeNumber: z.string().nullable(),
    workplaceName: z.string().nullable(),
    status: enumOf(MEMBER_STATUSES),
  })
  .meta({ id: 'SearchMember' });

const workplaceHit = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nameKana: z.string().nullable(),
    establishment: z.string().nullable(),
  })
  .meta({ id: 'SearchWorkplace' });

const demandHit = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: enumOf(NEGOTIATION_STATUSES),
    priority: enumOf(PRIORITIES),
    seasonName: z.string().nullable(),
  })
  .meta({ id: 'SearchDemand' });

const taskHit = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: enumOf(TASK_STATUSES),
    dueOn: dateOut.nullable(),
  })
  .meta({ id: 'SearchTask' });

const GROUPS = ['members', 'workplaces', 'demands', 'tasks'] as const;
export type SearchGroup = (typeof GROUPS)[number];

export const searchResultSchema = z
  .object({
    members: z.array(memberHit),
    workplaces: z.array(workplaceHit),
    demands: z.array(demandHit),
    tasks: z.array(taskHit),
    more: z
      .object(Object.fromEntries(GROUPS.map((g) => [g, z.boolean()])) as Record<SearchGroup, z.ZodBoolean>)
      .meta({
        description:
          'Per group: whether more records match than were returned (the list pages find them all with the same `q`).',
      }),
    membersNeedMoreCharacters: z.boolean().meta({
      description: `True when \`q\` is shorter than ${MEMBER_SEARCH_MIN_CHARS} characters (spaces not counted): members were not searched.`,
    }),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof searchResultSchema>;
export type SearchMemberHit = z.infer<typeof memberHit>;
export type SearchWorkplaceHit = z.infer<typeof workplaceHit>;
export type SearchDemandHit = z.infer<typeof demandHit>;
export type SearchTaskHit = z.infer<typeof taskHit>;
