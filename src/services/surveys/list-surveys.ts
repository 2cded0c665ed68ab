import { findSurveys } from '../../db/queries/surveys';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';
import { presentSurvey, requireAnyPermission, todayOf } from './shared';

/**
 * Surveys, latest closing day first; `season` a season id, `none` or `all` (default). Every
 * role (surveys.read or surveys.track); invited/answered count only members in the scope.
 */
export async function listSurveys(ctx: ServiceContext, query: PageQuery & { season?: string | undefined }) {
  requireAnyPermission(ctx, 'surveys.read', 'surveys.track');
  const page = resolvePage(query);
  const result = await findSurveys(ctx.db, scopeOf(ctx), { season: query.season }, page);
  const today = await todayOf(ctx.db, ctx.now);
  return toPage(page, { items: result.items.map((row) => presentSurvey(row, today)), total: result.total });
}
