import { z } from 'zod';
import { uuid, versionField } from '../common/schemas';

/**
 * Merging two records of one person (統合): `:id` is kept, `otherId` is removed. Every
 * field of the kept record takes the kept record's value, or the other's where the kept
 * one is empty — unless `fields` says otherwise for that field.
 */
export const MERGE_FIELDS = [
  'name',
  'nameKana',
  'employeeNumber',
  'workplaceId',
  'department',
  'jobType',
  'grade',
  'joinedOn',
  'engagement',
  'concerns',
  'nextAction',
  'nextActionDueOn',
  'parentOrganization',
  'unionRole',
  'status',
  'leftOn',
  'ownerId',
  'postalAddress',
  'preferredChannel',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const MERGE_SIDES = ['kept', 'other'] as const;
export type MergeSide = (typeof MERGE_SIDES)[number];

const side = z.enum(MERGE_SIDES, { message: 'must be kept or other' }).optional().meta({
  description: 'Whose value the kept record has: `kept` (its own) or `other` (the removed record’s).',
});

export const mergeFieldChoicesSchema = z
  .strictObject(Object.fromEntries(MERGE_FIELDS.map((f) => [f, side])) as Record<MergeField, typeof side>)
  .meta({
    id: 'MemberMergeFields',
    description:
      'For each field, whose value the kept record keeps. A field not named keeps the kept record’s value, or takes the other’s when the kept one is empty. To keep a third value, merge and then change the kept member.',
    example: { nameKana: 'other', engagement: 'kept' },
  });
export type MergeFieldChoices = Partial<Record<MergeField, MergeSide>>;

export const mergeMembersSchema = z
  .strictObject({
    otherId: uuid.meta({ description: 'The member record to merge into this one (it is removed).' }),
    version: versionField.meta({ description: 'The version of the kept member (`:id`) you read.' }),
    otherVersion: versionField.meta({ description: 'The version of the other member you read.' }),
    fields: mergeFieldChoicesSchema.optional(),
  })
  .meta({ id: 'MemberMerge' });
export type MergeMembersInput = z.infer<typeof mergeMembersSchema>;

export const mergePreviewQuery = z.object({
  otherId: uuid.meta({ description: 'The member record that would be merged into this one.' }),
});

/** What a merge moves from the removed record to the kept one. */
export const mergeMovesSchema = z
  .object({
    notes: z.number().int(),
    cases: z.number().int(),
    caseEvents: z.number().int(),
    engagementHistory: z.number().int(),
    demandLinks: z.number().int().meta({
      description: 'Demand links moved (a demand both were linked to counts once, as the kept record’s)',
    }),
    tasks: z.number().int(),
    handoverLinks: z.number().int(),
    workplacesRepresented: z.number().int().meta({ description: 'Workplaces whose 職場委員 (rep) it is' }),
    mergedIds: z.number().int().meta({ description: 'Earlier merged records that resolved to it' }),
    meetingsAttended: z.number().int().meta({
      description: 'Meetings it attended (a meeting both attended counts once, as the kept record’s)',
    }),
  })
  .meta({ id: 'MemberMergeMoves' });
export type MergeMoves = z.infer<typeof mergeMovesSchema>;

export const mergePreviewSchema = z
  .object({
    conflicts: z.array(z.enum(MERGE_FIELDS)).meta({
      description: 'The fields where both records have a value and the values differ (choose in `fields`).',
    }),
    moves: mergeMovesSchema,
  })
  .meta({ id: 'MemberMergePreview' });

type MergeValues = Record<MergeField, unknown>;

const same = (a: unknown, b: unknown) => a === b || (a == null && b == null);

/** The fields on which two records disagree, both having a value. */
export function mergeConflicts(kept: MergeValues, other: MergeValues): MergeField[] {
  return MERGE_FIELDS.filter((f) => kept[f] != null && other[f] != null && !same(kept[f], other[f]));
}

/**
 * Fields whose default comes from the same record as another's (listed before them in
 * MERGE_FIELDS): the day someone left goes with the status it explains, a due day with
 * its action — a left record's leftOn must not land on an active one.
 */
export const MERGE_FOLLOWS: Partial<Record<MergeField, MergeField>> = {
  leftOn: 'status',
  nextActionDueOn: 'nextAction',
};
const FOLLOWS = MERGE_FOLLOWS;

/**
 * The kept record's values after the merge, and the fields taken from the other record.
 * A named choice wins; otherwise the kept value, or the other's when the kept one is empty
 * (leftOn and nextActionDueOn: the record whose status and next action were taken).
 */
export function mergedValues<T extends MergeValues>(
  kept: T,
  other: T,
  choices: MergeFieldChoices = {},
): { values: Pick<T, MergeField>; fromOther: MergeField[] } {
  const values = {} as Pick<T, MergeField>;
  const fromOther: MergeField[] = [];
  const sides = {} as Record<MergeField, MergeSide>;
  for (const f of MERGE_FIELDS) {
    const leader = FOLLOWS[f];
    const fallback: MergeSide =
      leader && values[leader] != null
        ? sides[leader]
        : kept[f] == null && other[f] != null
          ? 'other'
          : 'kept';
    const choice = choices[f] ?? fallback;
    sides[f] = choice;
    values[f] = choice === 'other' ? other[f] : kept[f];
    if (choice === 'other' && !same(kept[f], other[f])) fromOther.push(f);
  }
  return { values, fromOther };
}

type ContactLists = { phones: unknown; emails: unknown };

/**
 * The kept record's phone numbers and e-mail addresses after a merge: its own, then the
 * removed record's that it lacks (both stored normalized, so equal numbers compare equal).
 * Nothing is dropped, even past the form's five: the officer trims the list afterwards.
 */
export function mergedContactLists(kept: ContactLists, other: ContactLists) {
  const union = <T>(a: unknown, b: unknown, key: (x: T) => string): T[] => {
    const out = [...((a as T[] | null) ?? [])];
    const seen = new Set(out.map(key));
    for (const x of (b as T[] | null) ?? []) {
      if (seen.has(key(x))) continue;
      seen.add(key(x));
      out.push(x);
    }
    return out;
  };
  return {
    phones: union<{ number: string }>(kept.phones, other.phones, (p) => p.number),
    emails: union<{ address: string }>(kept.emails, other.emails, (e) => e.address.toLowerCase()),
  };
}
