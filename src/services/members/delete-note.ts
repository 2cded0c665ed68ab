import { eq } from 'drizzle-orm';
import { lockVersioned } from '../../db/queries/records';
import { memberNotes } from '../../db/schema';
import type { ServiceContext } from '../context';

export async function deleteNote(ctx: ServiceContext, memberId: string, noteId: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, memberNotes, noteId, version, 'Note', eq(memberNotes.memberId, memberId));
    await tx.delete(memberNotes).where(eq(memberNotes.id, noteId));
  });
}
