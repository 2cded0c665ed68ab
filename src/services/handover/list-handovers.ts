import type { ListHandoversQuery } from '../../core/handover/schemas';
import { findHandovers } from '../../db/queries/handover';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';

/** The handover history, newest first (admins and officers). */
export async function listHandovers(ctx: ServiceContext, query: ListHandoversQuery) {
  requirePermission(ctx, 'handover');
  const page = resolvePage(query);
  return toPage(page, await findHandovers(ctx.db, { userId: query.userId }, page));
}
