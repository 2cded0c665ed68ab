import { findCurrentSeasonId, findSeasons } from '../../db/queries/seasons';
import { organizationTodaySql } from '../../db/queries/settings';
import type { ServiceContext } from '../context';

/**
 * Every bargaining season, latest start first, and which one is current on the
 * organization's today. Every role reads them (as every role reads demands); a season
 * holds no member data, and its demandCount counts demands, which every role sees.
 */
export async function listSeasons(ctx: ServiceContext) {
  const [items, currentId] = await Promise.all([
    findSeasons(ctx.db),
    findCurrentSeasonId(ctx.db, organizationTodaySql(ctx.now)),
  ]);
  return { items, currentId };
}
