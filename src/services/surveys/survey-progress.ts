import { notFound } from '../../core/errors';
import { findProgress, findSurveyRecord } from '../../db/queries/surveys';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { requireAnyPermission } from './shared';

/**
 * The response rate per workplace of the invited members (their workplace now), live, within
 * the scope (a rep: the rep's workplaces only). Says who has answered in number only.
 * Every role (surveys.read or surveys.track).
 */
export async function surveyProgress(ctx: ServiceContext, surveyId: string) {
  requireAnyPermission(ctx, 'surveys.read', 'surveys.track');
  if (!(await findSurveyRecord(ctx.db, surveyId))) throw notFound('Survey');
  const rows = await findProgress(ctx.db, surveyId, scopeOf(ctx));
  const invited = rows.reduce((n, r) => n + r.invited, 0);
  const answered = rows.reduce((n, r) => n + r.answered, 0);
  return {
    invited,
    answered,
    workplaces: rows.map((r) => ({ ...r, rate: r.invited === 0 ? 0 : r.answered / r.invited })),
  };
}
