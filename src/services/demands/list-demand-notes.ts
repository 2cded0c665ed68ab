import type { ListDemandNotesQuery } from '../../core/demands/schemas';
import { notFound } from '../../core/errors';
import { demandExists, findDemandNotes } from '../../db/queries/demands';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';

/** The negotiation log; every role reads it. */
export async function listDemandNotes(ctx: ServiceContext, demandId: string, query: ListDemandNotesQuery) {
  const page = resolvePage(query);
  if (!(await demandExists(ctx.db, demandId))) throw notFound('Demand');
  return toPage(page, await findDemandNotes(ctx.db, demandId, page));
}
