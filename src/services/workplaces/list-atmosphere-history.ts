import { findAtmosphereHistory } from '../../db/queries/workplaces';
import { assertReachableWorkplace, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

/** Every atmosphere the workplace has had, oldest first (the initial one included). */
export async function listAtmosphereHistory(ctx: ServiceContext, workplaceId: string, query: PageQuery) {
  const page = resolvePage(query);
  await assertReachableWorkplace(ctx.db, scopeOf(ctx), workplaceId);
  return toPage(page, await findAtmosphereHistory(ctx.db, workplaceId, page));
}
