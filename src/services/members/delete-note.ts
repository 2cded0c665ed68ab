import { eq } from 'drizzle-orm';
import { lockVersioned } from '../../db/queries/records';
import { memberNotes } from '../../db/schema';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/** Deletes a note entered by mistake (`records.write`). */
export async function deleteNote(ctx: ServiceContext, memberId: string, noteId: string, version: number) {
  requirePermission(ctx, 'records.write');
  const scope = scopeOf(ctx);
  await ctx.db.transaction(async (tx) => {
    await reachableMember(tx, scope, memberId);
    await lockVersioned(tx, memberNotes, noteId, version, 'Note', eq(memberNotes.memberId, memberId));
    await tx.delete(memberNotes).where(eq(memberNotes.id, noteId));
  });
}
