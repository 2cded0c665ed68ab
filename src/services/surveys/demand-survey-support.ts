import { notFound } from '../../core/errors';
import { surveyStatus } from '../../core/surveys/schemas';
import { findDemandById } from '../../db/queries/demands';
import { findDemandSurveySupport } from '../../db/queries/surveys';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { todayOf } from './shared';

/**
 * The surveys that offer a demand, each with its respondents and how many chose the demand:
 * the demand's survey support, apart from its linked members (anonymous surveys count here
 * only). Whole-union totals, so `surveys.read` (not reps). 404 for an unknown demand.
 */
export async function demandSurveySupport(ctx: ServiceContext, demandId: string) {
  requirePermission(ctx, 'surveys.read');
  if (!(await findDemandById(ctx.db, demandId, scopeOf(ctx)))) throw notFound('Demand');
  const today = await todayOf(ctx.db, ctx.now);
  const rows = await findDemandSurveySupport(ctx.db, demandId);
  return rows.map((r) => ({
    surveyId: r.surveyId,
    title: r.title,
    anonymous: r.anonymous,
    status: surveyStatus(r, today),
    respondents: r.respondents,
    count: r.count,
  }));
}
