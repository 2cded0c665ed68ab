import type { ListStaffQuery } from '../../core/users/schemas';
import { findStaff } from '../../db/queries/users';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';

/**
 * Staff for owner selects, assignee pickers and filters: every signed-in role may
 * list the enabled accounts by name and role. Disabled accounts (a departing
 * officer to hand over) need the handover permission.
 */
export async function listStaff(ctx: ServiceContext, query: ListStaffQuery) {
  const includeDisabled = query.includeDisabled === 'true';
  if (includeDisabled) requirePermission(ctx, 'handover');
  const page = resolvePage(query);
  const canOwnIn = query.canOwnIn === 'none' ? null : query.canOwnIn;
  return toPage(page, await findStaff(ctx.db, { includeDisabled, canOwnIn }, page));
}
