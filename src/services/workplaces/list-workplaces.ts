import type { ListWorkplacesQuery } from '../../core/workplaces/schemas';
import { findWorkplaces } from '../../db/queries/workplaces';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { customFieldFilter } from '../custom-fields/custom-field-values';
import { resolvePage, toPage } from '../paging';

/** The workplaces within the actor's scope (a rep's own), every filter, sort and total included. */
export async function listWorkplaces(
  ctx: ServiceContext,
  query: ListWorkplacesQuery,
  customFieldParams?: Record<string, readonly string[]>,
) {
  const page = resolvePage(query);
  const customFields = await customFieldFilter(ctx.db, 'workplace', customFieldParams);
  return toPage(page, await findWorkplaces(ctx.db, { ...query, customFields }, page, scopeOf(ctx)));
}
