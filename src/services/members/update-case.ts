import { and, eq } from 'drizzle-orm';
import { invalid } from '../../core/errors';
import { caseStateErrors, caseTransitionErrors, type UpdateCaseInput } from '../../core/members/schemas';
import { completeCaseDueTasks, findCaseById, insertCaseEvents } from '../../db/queries/member-records';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { caseScopeSql } from '../../db/queries/scope';
import { memberCases } from '../../db/schema';
import { reachableMember, requirePermission, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';

/**
 * Changes a case. Closing it needs an outcome (対応結果) and stamps closedOn (today unless
 * given), closedAt and closedBy; reopening needs a reason and clears them. Each closing
 * and reopening is appended to the case's story (case_events) in the same transaction,
 * and closing completes the case's open case_due_follow_up tasks (a reopened case is
 * back in the follow-up lists at once; the rule makes a new task when its dueOn changes).
 * Needs `records.write`, a reachable member, and a case the actor may see (a sensitive
 * case is 404 without `cases.sensitive`, exactly like a missing one).
 */
export async function updateCase(
  ctx: ServiceContext,
  memberId: string,
  caseId: string,
  input: UpdateCaseInput,
) {
  requirePermission(ctx, 'records.write');
  const scope = scopeOf(ctx);
  const { version, outcome, reopenReason, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    await reachableMember(tx, scope, memberId);
    const current = await lockVersioned(
      tx,
      memberCases,
      caseId,
      version,
      'Case',
      and(eq(memberCases.memberId, memberId), caseScopeSql(scope)),
    );
    const transitionErrors = caseTransitionErrors(current, { status: patch.status, outcome, reopenReason });
    if (Object.keys(transitionErrors).length) {
      throw invalid(transitionErrors, 'The case was not changed.');
    }
    const changes: Partial<typeof memberCases.$inferInsert> = definedOnly(patch);
    const closing = changes.status === 'closed' && current.status === 'open';
    const reopening = changes.status === 'open' && current.status === 'closed';
    const today = closing || reopening ? await organizationToday(tx, ctx.now) : undefined;
    if (closing) {
      changes.closedOn ??= today;
      Object.assign(changes, { closedAt: ctx.now, closedBy: ctx.actor.id, outcome });
    }
    if (reopening) {
      if (changes.closedOn === undefined) changes.closedOn = null;
      Object.assign(changes, { closedAt: null, closedBy: null, outcome: null });
    }
    const errors = caseStateErrors({ ...current, ...changes } as Parameters<typeof caseStateErrors>[0]);
    if (Object.keys(errors).length) throw invalid(errors);
    await tx
      .update(memberCases)
      .set({ ...changes, ...bump(memberCases, ctx.now) })
      .where(eq(memberCases.id, caseId));
    if (closing || reopening) {
      await insertCaseEvents(tx, [
        {
          caseId,
          kind: closing ? 'closed' : 'reopened',
          occurredOn: closing ? (changes.closedOn as string) : today!,
          at: ctx.now,
          by: ctx.actor.id,
          text: closing ? outcome : reopenReason,
        },
      ]);
    }
    if (closing) await completeCaseDueTasks(tx, caseId, ctx.now);
    return (await findCaseById(tx, caseId))!;
  });
}
