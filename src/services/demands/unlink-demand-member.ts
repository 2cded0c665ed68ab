import { notFound } from '../../core/errors';
import { deleteDemandMember, findDemandById } from '../../db/queries/demands';
import type { ServiceContext } from '../context';

/** Removes a member from a demand; like linking, it leaves the demand's version alone. */
export async function unlinkDemandMember(ctx: ServiceContext, demandId: string, memberId: string) {
  return ctx.db.transaction(async (tx) => {
    if (!(await findDemandById(tx, demandId))) throw notFound('Demand');
    if (!(await deleteDemandMember(tx, demandId, memberId))) throw notFound('Link');
    return (await findDemandById(tx, demandId))!;
  });
}
