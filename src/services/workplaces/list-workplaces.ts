import type { ListWorkplacesQuery } from '../../core/workplaces/schemas';
import { findWorkplaces } from '../../db/queries/workplaces';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';

export async function listWorkplaces(ctx: ServiceContext, query: ListWorkplacesQuery) {
  const page = resolvePage(query);
  return toPage(page, await findWorkplaces(ctx.db, query, page));
}
