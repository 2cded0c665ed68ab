import type { ListWorkplacesQuery } from '../../core/workplaces/schemas';
import { findWorkplaces } from '../../db/queries/workplaces';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';

/** The workplaces within the actor's scope (a rep's own), every filter, sort and total included. */
export async function listWorkplaces(ctx: ServiceContext, query: ListWorkplacesQuery) {
  const page = resolvePage(query);
  return toPage(page, await findWorkplaces(ctx.db, query, page, scopeOf(ctx)));
}
