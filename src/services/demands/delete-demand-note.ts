import { eq } from 'drizzle-orm';
import { lockVersioned } from '../../db/queries/records';
import { demandNotes } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/** Needs `demands.write` (403 for reps). */
export async function deleteDemandNote(
  ctx: ServiceContext,
  demandId: string,
  noteId: string,
  version: number,
) {
  requirePermission(ctx, 'demands.write');
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, demandNotes, noteId, version, 'Note', eq(demandNotes.demandId, demandId));
    await tx.delete(demandNotes).where(eq(demandNotes.id, noteId));
  });
}
