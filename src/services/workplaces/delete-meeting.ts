import { eq } from 'drizzle-orm';
import { lockVersioned } from '../../db/queries/records';
import { workplaceMeetings } from '../../db/schema';
import type { ServiceContext } from '../context';

export async function deleteMeeting(
  ctx: ServiceContext,
  workplaceId: string,
  meetingId: string,
  version: number,
) {
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(
      tx,
      workplaceMeetings,
      meetingId,
      version,
      'Meeting',
      eq(workplaceMeetings.workplaceId, workplaceId),
    );
    await tx.delete(workplaceMeetings).where(eq(workplaceMeetings.id, meetingId));
  });
}
