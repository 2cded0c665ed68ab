import { and, eq } from 'drizzle-orm';
import { lockVersioned } from '../../db/queries/records';
import { members, tasks } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * Removes a member and everything recorded about them (notes, cases, history,
 * demand links, tasks about them). A member who leaves the union is normally
 * kept with status `left`; deletion is for records entered by mistake.
 */
export async function deleteMember(ctx: ServiceContext, id: string, version: number) {
  requirePermission(ctx, 'admin');
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, members, id, version, 'Member');
    await tx.delete(tasks).where(and(eq(tasks.subjectType, 'member'), eq(tasks.subjectId, id)));
    await tx.delete(members).where(eq(members.id, id));
  });
}
