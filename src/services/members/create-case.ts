import { invalid } from '../../core/errors';
import { type CreateCaseInput, caseStateErrors } from '../../core/members/schemas';
import { findCaseById } from '../../db/queries/member-records';
import { memberCases } from '../../db/schema';
import { reachableMember, requirePermission, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';

/**
 * Opens a follow-up case (フォロー中の案件); a case created closed gets closedOn = today unless given.
 * Needs `records.write` and a member within the actor's scope.
 */
export async function createCase(ctx: ServiceContext, memberId: string, input: CreateCaseInput) {
  requirePermission(ctx, 'records.write');
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    await reachableMember(tx, scope, memberId);
    const today = await organizationToday(tx, ctx.now);
    const values = {
      ...input,
      openedOn: input.openedOn ?? today,
      dueOn: input.dueOn ?? null,
      closedOn: input.status === 'closed' ? (input.closedOn ?? today) : (input.closedOn ?? null),
    };
    const errors = caseStateErrors(values);
    if (Object.keys(errors).length) throw invalid(errors);
    const [row] = await tx
      .insert(memberCases)
      .values({ ...values, memberId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: memberCases.id });
    return (await findCaseById(tx, row!.id))!;
  });
}
