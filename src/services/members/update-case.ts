import { and, eq } from 'drizzle-orm';
import { invalid } from '../../core/errors';
import { caseStateErrors, type UpdateCaseInput } from '../../core/members/schemas';
import { findCaseById } from '../../db/queries/member-records';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { caseScopeSql } from '../../db/queries/scope';
import { memberCases } from '../../db/schema';
import { reachableMember, requirePermission, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';

/**
 * Changes a case; closing it stamps closedOn (today unless given), reopening clears it.
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
  const { version, ...patch } = input;
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
    const changes = definedOnly(patch);
    if (changes.status === 'closed' && current.status === 'open' && changes.closedOn === undefined) {
      changes.closedOn = await organizationToday(tx, ctx.now);
    }
    if (changes.status === 'open' && current.status === 'closed' && changes.closedOn === undefined) {
      changes.closedOn = null;
    }
    const errors = caseStateErrors({ ...current, ...changes });
    if (Object.keys(errors).length) throw invalid(errors);
    await tx
      .update(memberCases)
      .set({ ...changes, ...bump(memberCases, ctx.now) })
      .where(eq(memberCases.id, caseId));
    return (await findCaseById(tx, caseId))!;
  });
}
