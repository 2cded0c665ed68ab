import type { ListDemandsQuery } from '../../core/demands/schemas';
import { findDemands } from '../../db/queries/demands';
import { organizationTodaySql } from '../../db/queries/settings';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';
import { relatedCountsOf } from './related-counts';

/**
 * The demands of a season (by default the current one; every demand while no season has
 * started); relatedMemberCount (and the sort by it) counts only members within the scope.
 */
export async function listDemands(ctx: ServiceContext, query: ListDemandsQuery) {
  const page = resolvePage(query);
  const scope = scopeOf(ctx);
  return toPage(
    page,
    await findDemands(
      ctx.db,
      query,
      organizationTodaySql(ctx.now),
      page,
      scope,
      await relatedCountsOf(ctx, scope),
    ),
  );
}
