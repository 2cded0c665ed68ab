import type { CreateDemandNoteInput } from '../../core/demands/schemas';
import { notFound } from '../../core/errors';
import { findDemandNoteById, lockDemandKey } from '../../db/queries/demands';
import { demandNotes } from '../../db/schema';
import { requirePermission } from '../access';
import { organizationToday, type ServiceContext } from '../context';

/**
 * Adds to the negotiation log (経営側の回答・交渉の経緯); the author is the signed-in user.
 * Needs `demands.write` (403 for reps).
 */
export async function createDemandNote(ctx: ServiceContext, demandId: string, input: CreateDemandNoteInput) {
  requirePermission(ctx, 'demands.write');
  return ctx.db.transaction(async (tx) => {
    if (!(await lockDemandKey(tx, demandId))) throw notFound('Demand');
    const [row] = await tx
      .insert(demandNotes)
      .values({
        demandId,
        occurredOn: input.occurredOn ?? (await organizationToday(tx, ctx.now)),
        kind: input.kind,
        body: input.body,
        authorId: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: demandNotes.id });
    if (!row) throw new Error('insert returned no row');
    return (await findDemandNoteById(tx, row.id))!;
  });
}
