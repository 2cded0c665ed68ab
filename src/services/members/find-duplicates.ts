import { type FindDuplicatesInput, MAX_DUPLICATES } from '../../core/members/duplicates';
import { findDuplicateMembers } from '../../db/queries/duplicates';
import { organizationTodaySql } from '../../db/queries/settings';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';

/**
 * The members a new or edited record would likely duplicate (same name and reading, or the
 * same employee number but for leading zeros), among those the actor may see: a rep learns
 * nothing about members outside their workplaces. Every role may ask (it is a search).
 */
export async function findDuplicates(ctx: ServiceContext, input: FindDuplicatesInput) {
  const scope = scopeOf(ctx);
  const items = await findDuplicateMembers(
    ctx.db,
    input,
    organizationTodaySql(ctx.now),
    scope,
    MAX_DUPLICATES,
  );
  return { items };
}
