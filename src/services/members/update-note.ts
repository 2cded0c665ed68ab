import { eq } from 'drizzle-orm';
import type { UpdateNoteInput } from '../../core/members/schemas';
import { findNoteById } from '../../db/queries/member-records';
import { bump, definedOnly } from '../../db/queries/records';
import { memberNotes } from '../../db/schema';
import { reachableMember, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { lockChangeableNote, requireNoteWriter } from './note-access';

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
  requireNoteWriter(ctx);
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    await lockChangeableNote(tx, ctx, { memberId, noteId, version });
    if (patch.memberId !== undefined && patch.memberId !== memberId) {
      await reachableMember(tx, scopeOf(ctx), patch.memberId);
    }
    await tx
      .update(memberNotes)
      .set({ ...definedOnly(patch), ...bump(memberNotes, ctx.now) })
      .where(eq(memberNotes.id, noteId));
    return (await findNoteById(tx, noteId))!;
  });
}
