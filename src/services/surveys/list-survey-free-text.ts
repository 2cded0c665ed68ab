import { notFound } from '../../core/errors';
import { assertFiguresShown } from '../../core/surveys/disclosure';
import type { SurveyFreeText } from '../../core/surveys/schemas';
import { findSurveyFreeText, findSurveyResultsHead } from '../../db/queries/survey-results';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';
import { todayOf } from './shared';

/**
 * A page of a survey's free-text answers (admins and officers: `surveys.write`). Identified:
 * each with its member, only members within the actor's scope; anonymous: the text alone,
 * in an order unrelated to submission (db/queries/survey-results.ts findSurveyFreeText), and
 * only once the survey is closed with at least k respondents (core/surveys/disclosure.ts).
 */
export async function listSurveyFreeText(
  ctx: ServiceContext,
  surveyId: string,
  query: PageQuery,
): Promise<SurveyFreeText> {
  requirePermission(ctx, 'surveys.write');
  const page = resolvePage(query);
  const survey = await findSurveyResultsHead(ctx.db, surveyId);
  if (!survey) throw notFound('Survey');
  assertFiguresShown(survey, await todayOf(ctx.db, ctx.now));
  const result = await findSurveyFreeText(ctx.db, surveyId, {
    anonymous: survey.anonymous,
    scope: scopeOf(ctx),
    ...page,
  });
  return toPage(page, result);
}
