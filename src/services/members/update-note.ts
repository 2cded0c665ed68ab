import { and, eq } from 'drizzle-orm';
import type { UpdateNoteInput } from '../../core/members/schemas';
import { findNoteById } from '../../db/queries/member-records';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { memberNotes } from '../../db/schema';
import type { ServiceContext } from '../context';

export async function updateNote(
  ctx: ServiceContext,
  memberId: string,
  noteId: string,
  input: UpdateNoteInput,
) {
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, memberNotes, noteId, version, 'Note', eq(memberNotes.memberId, memberId));
    await tx
      .update(memberNotes)
      .set({ ...definedOnly(patch), ...bump(memberNotes, ctx.now) })
      .where(and(eq(memberNotes.id, noteId)));
    return (await findNoteById(tx, noteId))!;
  });
}
