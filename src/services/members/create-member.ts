import { invalid } from '../../core/errors';
import { type CreateMemberInput, memberStateErrors } from '../../core/members/schemas';
import { becomesAtRisk } from '../../core/workflows/evaluate';
import { findMemberById } from '../../db/queries/members';
import { engagementHistory, members } from '../../db/schema';
import { assertOwnerSees, requirePermission, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';
import { customFieldWrite } from '../custom-fields/custom-field-values';
import { followUpAtRisk } from '../workflows/follow-up-at-risk';

/**
 * Creates a member (`records.write`: admins and officers). The owner must be able
 * to see the member: a rep only for a member of their workplaces (400 on ownerId).
 */
export async function createMember(ctx: ServiceContext, input: CreateMemberInput) {
  requirePermission(ctx, 'records.write');
  const { engagementReason, customFields: customFieldsInput, ...fields } = input;
  const errors = memberStateErrors({
    status: fields.status,
    leftOn: fields.leftOn ?? null,
    joinedOn: fields.joinedOn ?? null,
  });
  if (Object.keys(errors).length) throw invalid(errors);

  return ctx.db.transaction(async (tx) => {
    await assertOwnerSees(tx, fields.ownerId, { type: 'member', workplaceId: fields.workplaceId ?? null });
    const customFields = await customFieldWrite(tx, 'member', customFieldsInput, { creating: true });
    const [row] = await tx
      .insert(members)
      .values({
        ...fields,
        ...(customFields ? { customFields } : {}),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: members.id });
    if (!row) throw new Error('insert returned no row');
    // The initial engagement is history too: the story starts here.
    const [history] = await tx
      .insert(engagementHistory)
      .values({
        memberId: row.id,
        from: null,
        to: fields.engagement,
        changedAt: ctx.now,
        changedBy: ctx.actor.id,
        reason: engagementReason ?? null,
      })
      .returning({ id: engagementHistory.id });
    // Created at_risk counts as becoming at_risk (SPEC §4): the follow-up task is part of this change.
    if (becomesAtRisk(null, fields.engagement)) {
      await followUpAtRisk(tx, ctx.now, [{ memberId: row.id, historyId: history!.id }]);
    }
    const today = await organizationToday(tx, ctx.now);
    return (await findMemberById(tx, row.id, today, scopeOf(ctx)))!;
  });
}
