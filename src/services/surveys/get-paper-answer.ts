import { forbidden, notFound } from '../../core/errors';
import { findAnswer, findSurveyRecord } from '../../db/queries/surveys';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { presentAnswer } from './shared';

/**
 * What a member answered in an identified survey (to correct a paper answer), or
 * `answer: null`. Refused (403) for an anonymous survey: nobody reads an anonymous answer.
 * The member must be reachable (404 otherwise). Needs `surveys.track`.
 */
export async function getPaperAnswer(ctx: ServiceContext, surveyId: string, memberId: string) {
  requirePermission(ctx, 'surveys.track');
  const survey = await findSurveyRecord(ctx.db, surveyId);
  if (!survey) throw notFound('Survey');
  await reachableMember(ctx.db, scopeOf(ctx), memberId);
  if (survey.anonymous) throw forbidden('Answers to an anonymous survey are not shown to anyone');
  const answer = await findAnswer(ctx.db, surveyId, { memberId });
  return { answer: answer && { ...presentAnswer(answer), channel: answer.channel } };
}
