import { invalid } from '../../core/errors';
import { type CreateSurveyInput, DEFAULT_FREE_TEXT_LABEL, withQuestionIds } from '../../core/surveys/schemas';
import { currentSeasonIdSql } from '../../db/queries/seasons';
import { organizationTodaySql } from '../../db/queries/settings';
import { setSurveyDemands, unknownDemandIds } from '../../db/queries/surveys';
import { surveys } from '../../db/schema';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { loadSurvey } from './shared';

/** The free-text question's wording from the input: true → the default, false/null → none. */
export function freeTextLabelOf(freeText: boolean | string | null): string | null {
  if (freeText === true) return DEFAULT_FREE_TEXT_LABEL;
  if (freeText === false || freeText === null) return null;
  return freeText;
}

/**
 * Creates a survey with its demands (in the order given) and questions (ids assigned).
 * Without `seasonId` it joins the current season; unknown demands are a 400 on demandIds,
 * an unknown season a 400 on seasonId (the foreign key). Needs `surveys.write`.
 */
export async function createSurvey(ctx: ServiceContext, input: CreateSurveyInput) {
  requirePermission(ctx, 'surveys.write');
  return ctx.db.transaction(async (tx) => {
    if ((await unknownDemandIds(tx, input.demandIds)).length > 0)
      throw invalid({ demandIds: 'must be existing demands' });
    const [row] = await tx
      .insert(surveys)
      .values({
        title: input.title,
        seasonId:
          input.seasonId === undefined ? currentSeasonIdSql(organizationTodaySql(ctx.now)) : input.seasonId,
        anonymous: input.anonymous,
        rankTop: input.rankTop ?? null,
        freeTextLabel: freeTextLabelOf(input.freeText),
        questions: withQuestionIds(input.questions ?? []),
        closesOn: input.closesOn,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: surveys.id });
    if (!row) throw new Error('insert returned no row');
    await setSurveyDemands(tx, row.id, input.demandIds);
    return loadSurvey(tx, row.id, scopeOf(ctx), ctx.now);
  });
}
