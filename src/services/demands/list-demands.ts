import type { ListDemandsQuery } from '../../core/demands/schemas';
import { findDemands } from '../../db/queries/demands';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';

export async function listDemands(ctx: ServiceContext, query: ListDemandsQuery) {
  const page = resolvePage(query);
  return toPage(page, await findDemands(ctx.db, query, page));
}
