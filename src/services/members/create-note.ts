import type { CreateNoteInput } from '../../core/members/schemas';
import { findNoteById } from '../../db/queries/member-records';
import { memberNotes } from '../../db/schema';
import { reachableMember, requirePermission, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';

/**
 * Records a consultation or contact (相談・連絡履歴); the author is the signed-in user.
 * Needs `notes.create` (not executives) and a member within the actor's scope.
 */
export async function createNote(ctx: ServiceContext, memberId: string, input: CreateNoteInput) {
  requirePermission(ctx, 'notes.create');
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    await reachableMember(tx, scope, memberId);
    const [row] = await tx
      .insert(memberNotes)
      .values({
        memberId,
        occurredOn: input.occurredOn ?? (await organizationToday(tx, ctx.now)),
        channel: input.channel,
        body: input.body,
        authorId: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: memberNotes.id });
    return (await findNoteById(tx, row!.id))!;
  });
}
