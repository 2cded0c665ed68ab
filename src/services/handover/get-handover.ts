import { notFound } from '../../core/errors';
import { findHandoverById } from '../../db/queries/handover';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

export async function getHandover(ctx: ServiceContext, id: string) {
  requirePermission(ctx, 'handover');
  const handover = await findHandoverById(ctx.db, id);
  if (!handover) throw notFound('Handover');
  return handover;
}
