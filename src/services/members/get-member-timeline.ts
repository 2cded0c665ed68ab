import { assertMemberExists } from '../../db/queries/member-records';
import { findMemberTimeline } from '../../db/queries/member-timeline';
import { findSettings } from '../../db/queries/settings';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

export async function getMemberTimeline(ctx: ServiceContext, memberId: string, query: PageQuery) {
  await assertMemberExists(ctx.db, memberId);
  const page = resolvePage(query);
  const { timezone } = await findSettings(ctx.db);
  return toPage(page, await findMemberTimeline(ctx.db, memberId, timezone, page));
}
