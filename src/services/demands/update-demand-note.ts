import { eq } from 'drizzle-orm';
import type { UpdateDemandNoteInput } from '../../core/demands/schemas';
import { findDemandNoteById } from '../../db/queries/demands';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { demandNotes } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/** Needs `demands.write` (403 for reps). */
export async function updateDemandNote(
  ctx: ServiceContext,
  demandId: string,
  noteId: string,
  input: UpdateDemandNoteInput,
) {
  requirePermission(ctx, 'demands.write');
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    // Scoped to the demand in the path: a note id under another demand is a 404.
    await lockVersioned(tx, demandNotes, noteId, version, 'Note', eq(demandNotes.demandId, demandId));
    await tx
      .update(demandNotes)
      .set({ ...definedOnly(patch), ...bump(demandNotes, ctx.now) })
      .where(eq(demandNotes.id, noteId));
    return (await findDemandNoteById(tx, noteId))!;
  });
}
