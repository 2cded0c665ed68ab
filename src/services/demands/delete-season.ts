import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { lockVersioned } from '../../db/queries/records';
import { countSeasonDemands } from '../../db/queries/seasons';
import { bargainingSeasons } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * Deletes a season entered by mistake. Refused (409, nothing written) while demands
 * belong to it: they would lose their season. The lock on the season row makes a demand
 * created into it meanwhile wait, then fail its reference.
 */
export async function deleteSeason(ctx: ServiceContext, id: string, version: number) {
  requirePermission(ctx, 'seasons.write');
  await ctx.db.transaction(async (tx) => {
    await lockVersioned(tx, bargainingSeasons, id, version, 'Season');
    const demandCount = await countSeasonDemands(tx, id);
    if (demandCount > 0) {
      throw new AppError(
        'conflict',
        `${demandCount} demand(s) belong to this season. Move them to another season (or delete them) first; nothing was deleted.`,
        undefined,
        { demandCount },
      );
    }
    await tx.delete(bargainingSeasons).where(eq(bargainingSeasons.id, id));
  });
}
