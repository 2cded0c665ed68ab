import { notFound } from '../../core/errors';
import { anonymousFiguresWithheld } from '../../core/surveys/disclosure';
import { surveyStatus } from '../../core/surveys/schemas';
import { findDemandById } from '../../db/queries/demands';
import { findSettings } from '../../db/queries/settings';
import { findDemandSurveySupport } from '../../db/queries/surveys';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { todayOf } from './shared';

/**
 * The surveys that offer a demand, each with its respondents and how many chose the demand:
 * the demand's survey support, apart from its linked members (anonymous surveys count here
 * only). Whole-union totals, so `surveys.read` (not reps). 404 for an unknown demand. An
 * anonymous survey's count is withheld while it is open or below k respondents (disclosure.ts).
 */
export async function demandSurveySupport(ctx: ServiceContext, demandId: string) {
  requirePermission(ctx, 'surveys.read');
  if (!(await findDemandById(ctx.db, demandId, scopeOf(ctx)))) throw notFound('Demand');
  const today = await todayOf(ctx.db, ctx.now);
  const rows = await findDemandSurveySupport(ctx.db, demandId);
  const { surveyMinCell } = await findSettings(ctx.db);
  return rows.map((r) => {
    const status = surveyStatus(r, today);
    const withheld = anonymousFiguresWithheld({ ...r, status, minCell: surveyMinCell });
    return {
      surveyId: r.surveyId,
      title: r.title,
      anonymous: r.anonymous,
      status,
      respondents: r.respondents,
      count: withheld === null ? r.count : null,
      withheld,
    };
  });
}
