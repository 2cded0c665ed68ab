import { invalid } from '../../core/errors';
import { type CreateCaseInput, caseStateErrors } from '../../core/members/schemas';
import { findCaseById, insertCaseEvents } from '../../db/queries/member-records';
import { memberCases } from '../../db/schema';
import { reachableMember, requirePermission, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';

/**
 * Opens a follow-up case (フォロー中の案件); a case created closed (one recorded after the
 * fact) gets closedOn = today unless given, the creator as closedBy and the optional outcome.
 * Its story starts in case_events (開始, and 完了 when created closed), written with it.
 * Needs `records.write` and a member within the actor's scope.
 */
export async function createCase(ctx: ServiceContext, memberId: string, input: CreateCaseInput) {
  requirePermission(ctx, 'records.write');
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    await reachableMember(tx, scope, memberId);
    const today = await organizationToday(tx, ctx.now);
    const closed = input.status === 'closed';
    const values = {
      ...input,
      openedOn: input.openedOn ?? today,
      dueOn: input.dueOn ?? null,
      closedOn: closed ? (input.closedOn ?? today) : (input.closedOn ?? null),
      outcome: input.outcome ?? null,
      closedAt: closed ? ctx.now : null,
      closedBy: closed ? ctx.actor.id : null,
    };
    const errors = caseStateErrors(values);
    if (!closed && values.outcome) errors.outcome = 'is accepted only for a closed case';
    if (Object.keys(errors).length) throw invalid(errors);
    const [row] = await tx
      .insert(memberCases)
      .values({ ...values, memberId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: memberCases.id });
    const caseId = row!.id;
    await insertCaseEvents(tx, [
      { caseId, kind: 'opened', occurredOn: values.openedOn, at: ctx.now, by: ctx.actor.id },
      ...(closed
        ? [
            {
              caseId,
              kind: 'closed' as const,
              occurredOn: values.closedOn!,
              at: ctx.now,
              by: ctx.actor.id,
              text: values.outcome,
            },
          ]
        : []),
    ]);
    return (await findCaseById(tx, caseId))!;
  });
}
