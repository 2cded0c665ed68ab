import { sql } from 'drizzle-orm';
import { notFound } from '../../core/errors';
import type { SurveyFreeText } from '../../core/surveys/schemas';
import { rowsOf } from '../../db/queries/records';
import { findSurveyFreeText } from '../../db/queries/survey-results';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

/**
 * A page of a survey's free-text answers (admins and officers: `surveys.write`). Identified:
 * each with its member, only members within the actor's scope; anonymous: the text alone,
 * in an order unrelated to submission (db/queries/survey-results.ts findSurveyFreeText).
 */
export async function listSurveyFreeText(
  ctx: ServiceContext,
  surveyId: string,
  query: PageQuery,
): Promise<SurveyFreeText> {
  requirePermission(ctx, 'surveys.write');
  const page = resolvePage(query);
  const survey = rowsOf<{ anonymous: boolean }>(
    await ctx.db.execute(sql`select anonymous from surveys where id = ${surveyId}`),
  )[0];
  if (!survey) throw notFound('Survey');
  const result = await findSurveyFreeText(ctx.db, surveyId, {
    anonymous: survey.anonymous,
    scope: scopeOf(ctx),
    ...page,
  });
  return toPage(page, result);
}
