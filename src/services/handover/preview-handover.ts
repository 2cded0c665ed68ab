import type { CreateHandoverInput, HandoverPreview } from '../../core/handover/schemas';
import { countHandoverPreview } from '../../db/queries/handover';
import { requirePermission, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';
import { planHandover } from './plan-handover';

/**
 * The confirmation of a handover: what it would move, with the same checks and
 * answers (400s) as the handover itself and nothing written — the members,
 * workplaces and open tasks, and what goes with the members: at-risk members,
 * open and overdue cases, next actions and overdue ones, counted in SQL.
 */
export async function previewHandover(
  ctx: ServiceContext,
  input: CreateHandoverInput,
): Promise<HandoverPreview> {
  requirePermission(ctx, 'handover');
  const plan = await planHandover(ctx.db, input, false);
  const today = await organizationToday(ctx.db, ctx.now);
  const counts = await countHandoverPreview(ctx.db, scopeOf(ctx), plan.memberIds, today);
  return {
    fromUserId: plan.from.id,
    fromUserName: plan.from.displayName,
    toUserId: plan.to.id,
    toUserName: plan.to.displayName,
    memberCount: plan.memberIds.length,
    workplaceCount: plan.workplaceIds.length,
    taskCount: plan.taskIds.length,
    ...counts,
  };
}
