import { workplaceInScope } from '../../core/access/policy';
import { findMergedInto } from '../../db/queries/member-merge';
import { findMemberPlacement } from '../../db/queries/scope';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';

/**
 * The member a removed (merged) record's id now resolves to, when the actor may see that
 * member; undefined otherwise (an id never merged, or a kept member outside the actor's
 * scope: the caller answers 404 as for any missing member, so nothing leaks).
 */
export async function resolveMergedMember(ctx: ServiceContext, id: string): Promise<string | undefined> {
  const keptId = await findMergedInto(ctx.db, id);
  if (!keptId) return undefined;
  const placement = await findMemberPlacement(ctx.db, keptId);
  if (!placement || !workplaceInScope(scopeOf(ctx), placement.workplaceId)) return undefined;
  return keptId;
}
