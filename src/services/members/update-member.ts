import { eq } from 'drizzle-orm';
import { invalid } from '../../core/errors';
import { memberStateErrors, type UpdateMemberInput } from '../../core/members/schemas';
import { becomesAtRisk } from '../../core/workflows/evaluate';
import { findMemberById } from '../../db/queries/members';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { engagementHistory, members } from '../../db/schema';
import { organizationToday, type ServiceContext } from '../context';
import { followUpAtRisk } from '../workflows/follow-up-at-risk';

export async function updateMember(ctx: ServiceContext, id: string, input: UpdateMemberInput) {
  const { version, engagementReason, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    const current = await lockVersioned(tx, members, id, version, 'Member');
    const changes = definedOnly(patch);
    const merged = { ...current, ...changes };
    const errors = memberStateErrors(merged);
    if (Object.keys(errors).length) throw invalid(errors);

    await tx
      .update(members)
      .set({ ...changes, ...bump(members, ctx.now) })
      .where(eq(members.id, id));
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
    return (await findMemberById(tx, id, today))!;
  });
}
