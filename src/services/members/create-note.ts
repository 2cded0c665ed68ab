import type { CreateNoteInput } from '../../core/members/schemas';
import { assertMemberExists, findNoteById } from '../../db/queries/member-records';
import { memberNotes } from '../../db/schema';
import { organizationToday, type ServiceContext } from '../context';

/** Records a consultation or contact (相談・連絡履歴); the author is the signed-in user. */
export async function createNote(ctx: ServiceContext, memberId: string, input: CreateNoteInput) {
  return ctx.db.transaction(async (tx) => {
    await assertMemberExists(tx, memberId);
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
