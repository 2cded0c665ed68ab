import { notFound } from '../../core/errors';
import { findDemandById, insertDemandMember, lockDemandKey, lockMemberKey } from '../../db/queries/demands';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/**
 * Records that a member holds a demand. Idempotent: linking twice keeps the
 * first link. The demand's version is not bumped: the links are a set beside
 * the record, not a field of it, so two officers linking members to the same
 * demand at once must not get 409s for edits that cannot clash.
 *
 * Needs `demands.link` (every role), then a member within the scope: a rep
 * links only members of their workplaces (404 for any other, as for a missing one).
 */
export async function linkDemandMember(ctx: ServiceContext, demandId: string, memberId: string) {
  requirePermission(ctx, 'demands.link');
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    if (!(await lockDemandKey(tx, demandId))) throw notFound('Demand');
    if (!(await lockMemberKey(tx, memberId))) throw notFound('Member');
    await reachableMember(tx, scope, memberId);
    await insertDemandMember(tx, { demandId, memberId, createdBy: ctx.actor.id, createdAt: ctx.now });
    return (await findDemandById(tx, demandId, scope))!;
  });
}
