import { eq } from 'drizzle-orm';
import { can, mayChangeNote } from '../../core/access/policy';
import { forbidden } from '../../core/errors';
import type { UpdateNoteInput } from '../../core/members/schemas';
import { findNoteById } from '../../db/queries/member-records';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { memberNotes } from '../../db/schema';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/**
 * Corrects a note, or moves it to another member (`memberId`: one put on the wrong
 * member). Admins and officers may change any note, a rep their own (mayChangeNote);
 * the member and a move's target must both be reachable (404 otherwise). Notes hold no
 * link to a case or anything else of the member, so a move carries only the note.
 * The audit trigger keeps the old text and the old member.
 */
export async function updateNote(
  ctx: ServiceContext,
  memberId: string,
  noteId: string,
  input: UpdateNoteInput,
) {
  if (!can(ctx.actor.role, 'records.write')) requirePermission(ctx, 'notes.create');
  const scope = scopeOf(ctx);
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
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
    if (patch.memberId !== undefined && patch.memberId !== memberId) {
      await reachableMember(tx, scope, patch.memberId);
    }
    await tx
      .update(memberNotes)
      .set({ ...definedOnly(patch), ...bump(memberNotes, ctx.now) })
      .where(eq(memberNotes.id, noteId));
    return (await findNoteById(tx, noteId))!;
  });
}
