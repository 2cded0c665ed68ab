import { findBriefings, findHandoverMemberPage } from '../../db/queries/handover';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';
import { auditBriefingReads, briefingSince } from './briefing-window';
import { getHandover } from './get-handover';

/**
 * The briefings of a handover's members, a page at a time in kana order: one
 * statement for the page of ids, one for the total, and a fixed number for the
 * briefings of the whole page (never one per member).
 */
export async function listHandoverBriefings(ctx: ServiceContext, handoverId: string, query: PageQuery) {
  await getHandover(ctx, handoverId);
  const scope = scopeOf(ctx);
  const page = resolvePage(query);
  const { ids, total } = await findHandoverMemberPage(ctx.db, handoverId, scope, page);
  const items = await findBriefings(ctx.db, scope, ids, briefingSince(ctx.now));
  await auditBriefingReads(ctx, items);
  return toPage(page, { items, total });
}
