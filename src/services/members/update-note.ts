import { eq } from 'drizzle-orm';
import type { UpdateNoteInput } from '../../core/members/schemas';
import { findNoteById } from '../../db/queries/member-records';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { memberNotes } from '../../db/schema';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/** Corrects a note (`records.write`: admins and officers may edit any note). */
export async function updateNote(
  ctx: ServiceContext,
  memberId: string,
  noteId: string,
  input: UpdateNoteInput,
) {
  requirePermission(ctx, 'records.write');
  const scope = scopeOf(ctx);
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    await reachableMember(tx, scope, memberId);
    await lockVersioned(tx, memberNotes, noteId, version, 'Note', eq(memberNotes.memberId, memberId));
    await tx
      .update(memberNotes)
      .set({ ...definedOnly(patch), ...bump(memberNotes, ctx.now) })
      .where(eq(memberNotes.id, noteId));
    return (await findNoteById(tx, noteId))!;
  });
}
