import { AppError, notFound } from '../../core/errors';
import { insertAuditEvents } from '../../db/queries/audit';
import { applySurveyLinks, lockSurvey } from '../../db/queries/surveys';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/**
 * Links each respondent of an identified survey to the demands they chose (that the survey
 * still offers), source `survey`, in one statement and one transaction; links that exist are
 * kept, so applying again makes none (idempotent). Within the actor's scope. 409 for an
 * anonymous survey (nothing ties its answers to members). One `apply_survey` audit event
 * beside the link rows. Needs `surveys.write`.
 */
export async function applySurvey(ctx: ServiceContext, surveyId: string) {
  requirePermission(ctx, 'surveys.write');
  return ctx.db.transaction(async (tx) => {
    const survey = await lockSurvey(tx, surveyId);
    if (!survey) throw notFound('Survey');
    if (survey.anonymous)
      throw new AppError('conflict', 'An anonymous survey’s answers cannot be linked to members');
    const result = await applySurveyLinks(tx, surveyId, scopeOf(ctx), { actorId: ctx.actor.id, at: ctx.now });
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'apply_survey',
        tableName: 'surveys',
        recordId: surveyId,
        subjectId: surveyId,
        details: result,
      },
    ]);
    return result;
  });
}
