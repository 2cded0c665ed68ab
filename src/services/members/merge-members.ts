import { eq } from 'drizzle-orm';
import { workplaceInScope } from '../../core/access/policy';
import { invalid, outOfScope } from '../../core/errors';
import { type MergeMembersInput, mergedContactLists, mergedValues } from '../../core/members/merge';
import { memberStateErrors } from '../../core/members/schemas';
import { becomesAtRisk } from '../../core/workflows/evaluate';
import { insertAuditEvents } from '../../db/queries/audit';
import { insertMemberMerge, latestEngagementChange, moveMemberRecords } from '../../db/queries/member-merge';
import { findMemberById } from '../../db/queries/members';
import { releaseUnseenOwnership } from '../../db/queries/ownership';
import { bump, lockVersioned } from '../../db/queries/records';
import { engagementHistory, members } from '../../db/schema';
import { assertOwnerSees, ownerSees, reachableMember, requirePermission, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';
import { followUpAtRisk } from '../workflows/follow-up-at-risk';

/** The engagement history reason of a merge that changed the kept member's engagement. */
export const MERGE_REASON = '重複登録の統合';

/**
 * Merges two records of one person (admins and officers: `members.merge`). `keptId` stays,
 * `input.otherId` is removed; in ONE transaction:
 * 1. role (403), both members reachable (404), not the same member (400), both versions
 *    (409), locked in id order (two merges of the same pair cannot deadlock);
 * 2. the kept record's fields: `input.fields` chooses per field (core/members/merge.ts),
 *    checked like a PATCH (leftOn with status; an owner who can see the member); phone
 *    numbers and e-mail addresses are the union of both records' (mergedContactLists);
 * 3. everything of the removed record moves to the kept one (db/queries/member-merge.ts:
 *    notes, cases with their events, engagement history, demand and handover links, tasks,
 *    the workplaces it represented, earlier merges into it, the meetings it attended);
 * 4. the removed record is deleted, a member_merges row makes its id resolve to the kept
 *    one (GET answers 308), and the kept record is updated (one version step);
 * 5. when the kept engagement differs from the last history row (the removed record's
 *    history may end later), a history row records it, and becoming at_risk runs the
 *    follow-up rule as for any change;
 * 6. one `merge` audit event names both records, the fields taken from the removed one
 *    and the counts moved (the triggers record each row written, the removed record's
 *    values included).
 */
export async function mergeMembers(ctx: ServiceContext, keptId: string, input: MergeMembersInput) {
  requirePermission(ctx, 'members.merge');
  const scope = scopeOf(ctx);
  const { otherId } = input;
  return ctx.db.transaction(async (tx) => {
    await reachableMember(tx, scope, keptId);
    await reachableMember(tx, scope, otherId);
    if (otherId === keptId) throw invalid({ otherId: 'must be another member than the one kept' });
    const versions = { [keptId]: input.version, [otherId]: input.otherVersion };
    const locked = new Map<string, typeof members.$inferSelect>();
    for (const id of [keptId, otherId].sort()) {
      locked.set(id, await lockVersioned(tx, members, id, versions[id]!, 'Member'));
    }
    const kept = locked.get(keptId)!;
    const other = locked.get(otherId)!;
    // Moved out of the scope between the check and the lock: as unreachable as before.
    if (!workplaceInScope(scope, kept.workplaceId) || !workplaceInScope(scope, other.workplaceId)) {
      throw outOfScope('Member');
    }

    const { values, fromOther } = mergedValues(kept, other, input.fields);
    const errors = memberStateErrors(values);
    if (Object.keys(errors).length) throw invalid(errors);
    if (values.ownerId !== kept.ownerId) {
      await assertOwnerSees(tx, values.ownerId, { type: 'member', workplaceId: values.workplaceId });
    } else if (
      values.workplaceId !== kept.workplaceId &&
      !(await ownerSees(tx, values.ownerId, values.workplaceId))
    ) {
      values.ownerId = null;
    }

    const moved = await moveMemberRecords(tx, { mergedId: otherId, keptId, now: ctx.now });
    await tx.delete(members).where(eq(members.id, otherId));
    await insertMemberMerge(tx, { mergedId: otherId, keptId, now: ctx.now, actorId: ctx.actor.id });
    // After the delete: the kept record may take the removed one's employee number (unique).
    await tx
      .update(members)
      .set({
        ...values,
        ...mergedContactLists(kept, other),
        // Custom fields: the kept record's values, and the removed one's where the kept has none.
        customFields: {
          ...((other.customFields as Record<string, unknown> | null) ?? {}),
          ...((kept.customFields as Record<string, unknown> | null) ?? {}),
        },
        ...bump(members, ctx.now),
      })
      .where(eq(members.id, keptId));
    // Tasks moved from the removed record to a rep who cannot see the kept one are unassigned.
    await releaseUnseenOwnership(tx, { memberIds: [keptId] }, ctx.now);

    const last = await latestEngagementChange(tx, keptId);
    let historyId = last?.id;
    if (!last || last.to !== values.engagement) {
      const [row] = await tx
        .insert(engagementHistory)
        .values({
          memberId: keptId,
          from: (last?.to as typeof values.engagement | undefined) ?? null,
          to: values.engagement,
          changedAt: ctx.now,
          changedBy: ctx.actor.id,
          reason: MERGE_REASON,
        })
        .returning({ id: engagementHistory.id });
      historyId = row!.id;
    }
    if (becomesAtRisk(kept.engagement, values.engagement) && historyId) {
      await followUpAtRisk(tx, ctx.now, [{ memberId: keptId, historyId }]);
    }

    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'merge',
        tableName: 'members',
        recordId: keptId,
        subjectId: keptId,
        details: { keptId, mergedId: otherId, fieldsFromMerged: fromOther, moved },
      },
    ]);
    const today = await organizationToday(tx, ctx.now);
    return (await findMemberById(tx, keptId, today, scope))!;
  });
}
