import { eq } from 'drizzle-orm';
import { can, ENGAGEMENT_FIELDS, workplaceInScope } from '../../core/access/policy';
import { forbidden, invalid, outOfScope } from '../../core/errors';
import { memberStateErrors, type UpdateMemberInput } from '../../core/members/schemas';
import { becomesAtRisk } from '../../core/workflows/evaluate';
import { findMemberById } from '../../db/queries/members';
import { releaseUnseenOwnership } from '../../db/queries/ownership';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { engagementHistory, members } from '../../db/schema';
import { assertOwnerSees, ownerSees, reachableMember, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';
import { customFieldWrite } from '../custom-fields/custom-field-values';
import { followUpAtRisk } from '../workflows/follow-up-at-risk';

const engagementFields: ReadonlySet<string> = new Set(ENGAGEMENT_FIELDS);

/** The fields of a patch beyond the engagement and its reason (what needs `records.write`). */
function nonEngagementFields(input: UpdateMemberInput): string[] {
  return Object.entries(input)
    .filter(([field, value]) => value !== undefined && !engagementFields.has(field))
    .map(([field]) => field);
}

/**
 * Changes a member. Admins and officers (`records.write`) may change any field; a
 * rep (`engagement.change`) only the engagement and its reason of a member in their
 * workplaces. Checked in that order before anything is written: role (403), member
 * reachable (404), fields (403), version (409), validation (400). A new owner must be
 * able to see the member (a rep: one of their workplaces; 400 on ownerId); a move to
 * a workplace the unchanged rep owner does not cover clears the owner and unassigns
 * the open tasks that rep holds about the member, in the same transaction.
 */
export async function updateMember(ctx: ServiceContext, id: string, input: UpdateMemberInput) {
  const { role } = ctx.actor;
  const writesRecords = can(role, 'records.write');
  if (!writesRecords && !can(role, 'engagement.change')) throw forbidden();
  const scope = scopeOf(ctx);
  const { version, engagementReason, customFields: customFieldsInput, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    await reachableMember(tx, scope, id);
    if (!writesRecords) {
      const denied = nonEngagementFields(input);
      if (denied.length) {
        throw forbidden(`Your role may change only the engagement and its reason, not: ${denied.join(', ')}`);
      }
    }
    const current = await lockVersioned(tx, members, id, version, 'Member');
    // Moved out of the scope between the check and the lock: as unreachable as before.
    if (!workplaceInScope(scope, current.workplaceId)) throw outOfScope('Member');
    const changes: Partial<typeof current> = definedOnly(patch);
    const customFields = await customFieldWrite(tx, 'member', customFieldsInput, {
      current: current.customFields,
      creating: false,
    });
    if (customFields) changes.customFields = customFields;
    const merged = { ...current, ...changes };
    const errors = memberStateErrors(merged);
    if (Object.keys(errors).length) throw invalid(errors);
    if (merged.ownerId !== current.ownerId) {
      await assertOwnerSees(tx, merged.ownerId, { type: 'member', workplaceId: merged.workplaceId });
    } else if (
      merged.workplaceId !== current.workplaceId &&
      !(await ownerSees(tx, merged.ownerId, merged.workplaceId))
    ) {
      // Moved out of the rep owner's sight: the owner goes in the same update (one version step).
      changes.ownerId = null;
    }

    await tx
      .update(members)
      .set({ ...changes, ...bump(members, ctx.now) })
      .where(eq(members.id, id));
    if (merged.workplaceId !== current.workplaceId) {
      await releaseUnseenOwnership(tx, { memberIds: [id] }, ctx.now);
    }
    if (changes.engagement && changes.engagement !== current.engagement) {
      const [history] = await tx
        .insert(engagementHistory)
        .values({
          memberId: id,
          from: current.engagement,
          to: changes.engagement,
          changedAt: ctx.now,
          changedBy: ctx.actor.id,
          reason: engagementReason ?? null,
        })
        .returning({ id: engagementHistory.id });
      // The follow-up task commits or rolls back with the change itself (SPEC §4).
      if (becomesAtRisk(current.engagement, changes.engagement)) {
        await followUpAtRisk(tx, ctx.now, [{ memberId: id, historyId: history!.id }]);
      }
    }
    const today = await organizationToday(tx, ctx.now);
    return (await findMemberById(tx, id, today, scope))!;
  });
}
