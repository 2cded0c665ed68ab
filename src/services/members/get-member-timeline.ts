import { mayChangeNote } from '../../core/access/policy';
import { findMemberTimeline } from '../../db/queries/member-timeline';
import { findSettings } from '../../db/queries/settings';
import { auditSensitiveReads, reachableMember, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { type PageQuery, resolvePage, toPage } from '../paging';

/**
 * A member's story as the actor may see it (sensitive cases only with `cases.sensitive`,
 * tasks by the task visibility rule); each sensitive case shown is recorded in the audit log.
 * Each note says whether it was changed after it was recorded and whether the actor may change it.
 */
export async function getMemberTimeline(ctx: ServiceContext, memberId: string, query: PageQuery) {
  const scope = scopeOf(ctx);
  await reachableMember(ctx.db, scope, memberId);
  const page = resolvePage(query);
  const { timezone } = await findSettings(ctx.db);
  const result = await findMemberTimeline(ctx.db, memberId, timezone, page, scope);
  // Every event of a sensitive case (opened, closed, reopened) shows it: one read per case.
  await auditSensitiveReads(
    ctx,
    result.items
      .filter((i) => i.sensitive && i.kind.startsWith('case_'))
      .map((i) => ({ id: i.refId, memberId })),
    'timeline',
  );
  const items = result.items.map(({ authorId, ...item }) => {
    const note = item.kind === 'note';
    return {
      ...item,
      // version > 1 rather than updatedAt > createdAt: a fixed clock (tests, a fast double
      // submit) stamps both alike, and a move is a change too.
      edited: note && (item.version ?? 1) > 1,
      canEdit: note && mayChangeNote(ctx.actor, { authorId }),
    };
  });
  return toPage(page, { items, total: result.total });
}
