import { eq } from 'drizzle-orm';
import { lockVersioned } from '../../db/queries/records';
import { surveys } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * Deletes a survey with its demands, invitations (every link dies) and answers, in one
 * transaction (the foreign keys cascade); the audit log keeps the survey's delete. Links
 * already made by applying it stay. Needs `surveys.write`.
 */
export async function deleteSurvey(ctx: ServiceContext, id: string, version: number) {
  requirePermission(ctx, 'surveys.write');
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, surveys, id, version, 'Survey');
    await tx.delete(surveys).where(eq(surveys.id, id));
  });
}
