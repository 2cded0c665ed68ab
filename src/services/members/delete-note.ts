import { eq } from 'drizzle-orm';
import { can, mayChangeNote } from '../../core/access/policy';
import { forbidden } from '../../core/errors';
import { lockVersioned } from '../../db/queries/records';
import { memberNotes } from '../../db/schema';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/** Deletes a note entered by mistake: admins and officers any note, a rep their own (mayChangeNote). */
export async function deleteNote(ctx: ServiceContext, memberId: string, noteId: string, version: number) {
  if (!can(ctx.actor.role, 'records.write')) requirePermission(ctx, 'notes.create');
  const scope = scopeOf(ctx);
  await ctx.db.transaction(async (tx) => {
    await reachableMember(tx, scope, memberId);
    const note = await lockVersioned(
      tx,
      memberNotes,
      noteId,
      version,
      'Note',
      eq(memberNotes.memberId, memberId),
    );
    if (!mayChangeNote(ctx.actor, note)) throw forbidden();
    await tx.delete(memberNotes).where(eq(memberNotes.id, noteId));
  });
}
