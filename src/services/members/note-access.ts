import { eq } from 'drizzle-orm';
import { can, mayChangeNote } from '../../core/access/policy';
import { forbidden } from '../../core/errors';
import type { Tx } from '../../db/client';
import { lockVersioned } from '../../db/queries/records';
import { memberNotes } from '../../db/schema';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/** Admins and officers change any note; other roles need to be able to write notes at all (403). */
export function requireNoteWriter(ctx: ServiceContext) {
  if (!can(ctx.actor.role, 'records.write')) requirePermission(ctx, 'notes.create');
}

/**
 * The note to edit, move or delete, locked at the version the user read, in the order
 * every change checks: the member is reachable (404), the note is that member's at that
 * version (404/409), and the actor may change it (mayChangeNote: 403).
 */
export async function lockChangeableNote(
  tx: Tx,
  ctx: ServiceContext,
  ref: { memberId: string; noteId: string; version: number },
) {
  await reachableMember(tx, scopeOf(ctx), ref.memberId);
  const note = await lockVersioned(
    tx,
    memberNotes,
    ref.noteId,
    ref.version,
    'Note',
    eq(memberNotes.memberId, ref.memberId),
  );
  if (!mayChangeNote(ctx.actor, note)) throw forbidden();
  return note;
}
