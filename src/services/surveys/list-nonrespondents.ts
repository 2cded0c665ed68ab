import { notFound } from '../../core/errors';
import { findNonrespondents, findSurveyRecord } from '../../db/queries/surveys';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

/**
 * Invited members who have not answered (and can still: active, not organizing targets), by
 * workplace then kana, within the scope: a rep sees those of the rep's workplaces, to ask in
 * person. Never what anyone answered. Needs `surveys.track`.
 */
export async function listNonrespondents(
  ctx: ServiceContext,
  surveyId: string,
  query: PageQuery & { workplaceId?: string | undefined },
) {
  requirePermission(ctx, 'surveys.track');
  if (!(await findSurveyRecord(ctx.db, surveyId))) throw notFound('Survey');
  const page = resolvePage(query);
  const result = await findNonrespondents(
    ctx.db,
    surveyId,
    scopeOf(ctx),
    { workplaceId: query.workplaceId },
    page,
  );
  return toPage(page, result);
}
