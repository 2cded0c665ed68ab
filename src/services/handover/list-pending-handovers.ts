import { findPendingHandovers } from '../../db/queries/handover';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * 要引き継ぎ (admin only): disabled accounts whose portfolio is not empty —
 * members or workplaces they still own, open tasks still assigned to them.
 */
export async function listPendingHandovers(ctx: ServiceContext) {
  requirePermission(ctx, 'admin');
  const items = await findPendingHandovers(ctx.db);
  return { items, total: items.length };
}
