import type { CreateSeasonInput } from '../../core/demands/seasons';
import { findSeasonById } from '../../db/queries/seasons';
import { bargainingSeasons } from '../../db/schema';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/** Needs `seasons.write` (admins and officers). A name already in use is a 409 on name. */
export async function createSeason(ctx: ServiceContext, input: CreateSeasonInput) {
  requirePermission(ctx, 'seasons.write');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(bargainingSeasons)
      .values({ ...input, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: bargainingSeasons.id });
    if (!row) throw new Error('insert returned no row');
    return (await findSeasonById(tx, row.id))!;
  });
}
