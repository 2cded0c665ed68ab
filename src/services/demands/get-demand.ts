import { notFound } from '../../core/errors';
import { findDemandById } from '../../db/queries/demands';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { relatedCountsOf } from './related-counts';

/** Every role reads every demand; a rep's relatedMemberCount counts their workplaces' members only. */
export async function getDemand(ctx: ServiceContext, id: string) {
  const scope = scopeOf(ctx);
  const demand = await findDemandById(ctx.db, id, scope, await relatedCountsOf(ctx, scope));
  if (!demand) throw notFound('Demand');
  return demand;
}
