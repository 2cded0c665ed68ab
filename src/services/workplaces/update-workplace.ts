import { eq } from 'drizzle-orm';
import type { UpdateWorkplaceInput } from '../../core/workplaces/schemas';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { findWorkplaceById } from '../../db/queries/workplaces';
import { atmosphereHistory, workplaces } from '../../db/schema';
import type { ServiceContext } from '../context';

export async function updateWorkplace(ctx: ServiceContext, id: string, input: UpdateWorkplaceInput) {
  const { version, atmosphereReason, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    const current = await lockVersioned(tx, workplaces, id, version, 'Workplace');
    const changes = definedOnly(patch);
    await tx
      .update(workplaces)
      .set({ ...changes, ...bump(workplaces, ctx.now) })
      .where(eq(workplaces.id, id));
    // Only a real change is history; re-sending the same atmosphere (a form saving every field) is not.
    if (changes.atmosphere && changes.atmosphere !== current.atmosphere) {
      await tx.insert(atmosphereHistory).values({
        workplaceId: id,
        from: current.atmosphere,
        to: changes.atmosphere,
        changedAt: ctx.now,
        changedBy: ctx.actor.id,
        reason: atmosphereReason ?? null,
      });
    }
    return (await findWorkplaceById(tx, id))!;
  });
}
