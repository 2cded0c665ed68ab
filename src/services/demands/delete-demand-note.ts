import { eq } from 'drizzle-orm';
import { lockVersioned } from '../../db/queries/records';
import { demandNotes } from '../../db/schema';
import type { ServiceContext } from '../context';

export async function deleteDemandNote(
  ctx: ServiceContext,
  demandId: string,
  noteId: string,
  version: number,
) {
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, demandNotes, noteId, version, 'Note', eq(demandNotes.demandId, demandId));
    await tx.delete(demandNotes).where(eq(demandNotes.id, noteId));
  });
}
