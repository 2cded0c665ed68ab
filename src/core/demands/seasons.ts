import { z } from 'zod';
import { dateOut, recordOutput } from '../common/output';
import { plainDate, requiredText, uuid, versionField } from '../common/schemas';

// Bargaining seasons 交渉シーズン (2027春闘, 2026秋闘): every demand belongs to one (or none).

const seasonFields = {
  name: requiredText(100).meta({ example: '2027春闘' }),
  startsOn: plainDate,
  endsOn: plainDate,
};

const ENDS_BEFORE_START = 'must be on or after the start date';

export const createSeasonSchema = z
  .strictObject(seasonFields)
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: ENDS_BEFORE_START });
  })
  .meta({ id: 'SeasonCreate' });
export type CreateSeasonInput = z.infer<typeof createSeasonSchema>;

export const updateSeasonSchema = z
  .strictObject({
    name: seasonFields.name.optional(),
    startsOn: seasonFields.startsOn.optional(),
    endsOn: seasonFields.endsOn.optional(),
    version: versionField,
  })
  .meta({ id: 'SeasonUpdate' });
export type UpdateSeasonInput = z.infer<typeof updateSeasonSchema>;

/** The dates of a season after a change: the end may not come before the start (checked on the merged record). */
export function seasonDateErrors(season: {
  startsOn: string;
  endsOn: string;
}): Record<string, string> | null {
  return season.endsOn < season.startsOn ? { endsOn: ENDS_BEFORE_START } : null;
}

export type SeasonDates = { id: string; startsOn: string; endsOn: string };

/**
 * The current season on `today` (a plain date in the organization's zone): the one whose
 * dates contain it (the latest start wins when seasons overlap), else the one that started
 * most recently, else none (no season has started yet). The same rule as
 * `currentSeasonIdSql` in db/queries/seasons.ts; ties on the start date go to the lower id.
 */
export function currentSeasonOf<T extends SeasonDates>(seasons: readonly T[], today: string): T | null {
  let best: T | null = null;
  const rank = (s: T) => [s.endsOn >= today ? 1 : 0, s.startsOn] as const;
  for (const s of seasons) {
    if (s.startsOn > today) continue;
    if (!best) {
      best = s;
      continue;
    }
    const [a, b] = [rank(s), rank(best)];
    if (a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : s.id < best.id) best = s;
  }
  return best;
}

/** Which demands a list, export or dashboard shows: one season, the current one, every demand, or those without a season. */
export const SEASON_CHOICES = ['current', 'all', 'none'] as const;
export type SeasonChoice = (typeof SEASON_CHOICES)[number] | (string & {});

export const seasonChoice = z
  .union([z.enum(SEASON_CHOICES, { message: 'must be a season id, current, all or none' }), uuid], {
    message: 'must be a season id, current, all or none',
  })
  .meta({
    description:
      'A season id, `current` (the current season: the one whose dates contain the organization’s today, latest start first, else the most recently started one; every demand when there is none), `all`, or `none` (demands without a season). Default `current`.',
  });

// Responses

export const seasonSchema = z
  .object({
    ...recordOutput,
    name: z.string(),
    startsOn: dateOut,
    endsOn: dateOut,
    demandCount: z.number().int().meta({ description: 'Demands that belong to the season' }),
  })
  .meta({ id: 'Season' });

export const seasonListSchema = z
  .object({
    items: z.array(seasonSchema).meta({ description: 'Every season, latest start first' }),
    currentId: z.uuid().nullable().meta({
      description:
        'The current season: its dates contain the organization’s today (latest start wins), else the one that started most recently; null when none has started.',
    }),
  })
  .meta({ id: 'SeasonList' });

/** The season a dashboard shows (null: every demand). */
export const seasonRefSchema = z
  .object({ id: z.uuid(), name: z.string(), startsOn: dateOut, endsOn: dateOut })
  .meta({ id: 'SeasonRef' });
