import { notFound } from '../../core/errors';
import { findDemandById } from '../../db/queries/demands';
import type { ServiceContext } from '../context';

export async function getDemand(ctx: ServiceContext, id: string) {
  const demand = await findDemandById(ctx.db, id);
  if (!demand) throw notFound('Demand');
  return demand;
}
