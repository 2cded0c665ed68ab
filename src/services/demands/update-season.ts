import { eq } from 'drizzle-orm';
import { seasonDateErrors, type UpdateSeasonInput } from '../../core/demands/seasons';
import { invalid } from '../../core/errors';
import { bump, definedOnly, lockVersioned } from '../../db/queries/records';
import { findSeasonById } from '../../db/queries/seasons';
import { bargainingSeasons } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/**
 * Renames a season or moves its dates (send the `version` you read). The end may not come
 * before the start, checked on the merged record (400 on endsOn, nothing written).
 */
export async function updateSeason(ctx: ServiceContext, id: string, input: UpdateSeasonInput) {
  requirePermission(ctx, 'seasons.write');
  const { version, ...patch } = input;
  return ctx.db.transaction(async (tx) => {
    const current = await lockVersioned(tx, bargainingSeasons, id, version, 'Season');
    const changes = definedOnly(patch);
    const dateErrors = seasonDateErrors({ ...current, ...changes });
    if (dateErrors) throw invalid(dateErrors);
    await tx
      .update(bargainingSeasons)
      .set({ ...changes, ...bump(bargainingSeasons, ctx.now) })
      .where(eq(bargainingSeasons.id, id));
    return (await findSeasonById(tx, id))!;
  });
}
