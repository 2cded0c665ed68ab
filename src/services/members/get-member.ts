import { workplaceInScope } from '../../core/access/policy';
import { notFound, outOfScope } from '../../core/errors';
import { findEngagementReview } from '../../db/queries/meeting-attendance';
import { findMemberById } from '../../db/queries/members';
import { organizationTodaySql } from '../../db/queries/settings';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';

/**
 * One member, 404 when missing or outside the actor's scope; counts only the cases the actor may see.
 * `engagementReview`: whether their meeting attendance and engagement disagree (関与度の見直し).
 */
export async function getMember(ctx: ServiceContext, id: string) {
  const scope = scopeOf(ctx);
  const today = organizationTodaySql(ctx.now);
  const member = await findMemberById(ctx.db, id, today, scope);
  if (!member) throw notFound('Member');
  if (!workplaceInScope(scope, member.workplaceId)) throw outOfScope('Member');
  const review = await findEngagementReview(ctx.db, id);
  return {
    ...member,
    engagementReview: review
      ? { suggestedDirection: review.suggestedDirection, attended: review.attended, of: review.of }
      : null,
  };
}
