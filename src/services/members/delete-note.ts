import { eq } from 'drizzle-orm';
import { memberNotes } from '../../db/schema';
import type { ServiceContext } from '../context';
import { lockChangeableNote, requireNoteWriter } from './note-access';

/** Deletes a note entered by mistake: admins and officers any note, a rep their own (mayChangeNote). */
export async function deleteNote(ctx: ServiceContext, memberId: string, noteId: string, version: number) {
  requireNoteWriter(ctx);
  await ctx.db.transaction(async (tx) => {
    await lockChangeableNote(tx, ctx, { memberId, noteId, version });
    await tx.delete(memberNotes).where(eq(memberNotes.id, noteId));
  });
}
