import { notFound } from '../../core/errors';
import { deleteDemandMember, findDemandById, lockDemandKey } from '../../db/queries/demands';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/**
 * Removes a member from a demand; like linking, it leaves the demand's version alone.
 * Needs `demands.link`, then a member within the scope: a rep unlinks only members
 * of their workplaces (404 for any other, whether linked or not).
 */
export async function unlinkDemandMember(ctx: ServiceContext, demandId: string, memberId: string) {
  requirePermission(ctx, 'demands.link');
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    if (!(await lockDemandKey(tx, demandId))) throw notFound('Demand');
    // A member who no longer exists has no link left (it cascades): "Link" as before for any role.
    if (scope.workplaceIds !== null) await reachableMember(tx, scope, memberId);
    if (!(await deleteDemandMember(tx, demandId, memberId))) throw notFound('Link');
    return (await findDemandById(tx, demandId, scope))!;
  });
}
