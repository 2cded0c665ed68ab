import { invalid, notFound } from '../../core/errors';
import { mergeConflicts } from '../../core/members/merge';
import { findMemberRecord } from '../../db/queries/member-data';
import { countMergeMoves } from '../../db/queries/member-merge';
import { reachableMember, requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';

/**
 * What merging `otherId` into `keptId` would do, for the confirmation (admins and officers:
 * `members.merge`): the fields on which the records disagree, and how many notes, cases,
 * history rows, links and tasks would move. Reads only.
 */
export async function previewMerge(ctx: ServiceContext, keptId: string, otherId: string) {
  requirePermission(ctx, 'members.merge');
  const scope = scopeOf(ctx);
  await reachableMember(ctx.db, scope, keptId);
  await reachableMember(ctx.db, scope, otherId);
  if (otherId === keptId) throw invalid({ otherId: 'must be another member than the one kept' });
  const kept = await findMemberRecord(ctx.db, keptId);
  const other = await findMemberRecord(ctx.db, otherId);
  if (!kept || !other) throw notFound('Member');
  return { conflicts: mergeConflicts(kept, other), moves: await countMergeMoves(ctx.db, otherId, keptId) };
}
