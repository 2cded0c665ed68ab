import type { CreateHandoverInput } from '../../core/handover/schemas';
import { insertAuditEvents } from '../../db/queries/audit';
import {
  countOpenCases,
  findHandoverById,
  insertHandover,
  reassignPortfolio,
} from '../../db/queries/handover';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';
import { planHandover } from './plan-handover';

/**
 * 引き継ぎ (SPEC §1 job 3): moves a staff user's members, workplaces and open
 * tasks to another officer in one transaction, and records the handover (its
 * counts, its members for their timelines, an audit event). Without lists, the
 * whole portfolio moves; with `memberIds`/`workplaceIds`, those and the open
 * tasks about them. Nothing else changes: notes, cases and histories stay with
 * their member, so the new owner reads the same story.
 */
export async function createHandover(ctx: ServiceContext, input: CreateHandoverInput) {
  requirePermission(ctx, 'handover');
  const { fromUserId, toUserId } = input;

  return ctx.db.transaction(async (tx) => {
    // Locks what moves (so nothing changes owner meanwhile) and checks it is the portfolio's.
    const plan = await planHandover(tx, input, true);
    const explicit = plan.explicit;
    const moved = await reassignPortfolio(tx, {
      fromUserId,
      toUserId,
      memberIds: plan.memberIds,
      workplaceIds: plan.workplaceIds,
      taskIds: plan.taskIds,
      now: ctx.now,
    });
    const openCaseCount = await countOpenCases(tx, moved.memberIds);
    const counts = {
      memberCount: moved.memberIds.length,
      workplaceCount: moved.workplaceIds.length,
      taskCount: moved.taskIds.length,
      openCaseCount,
    };
    const id = await insertHandover(
      tx,
      {
        createdAt: ctx.now,
        fromUserId,
        toUserId,
        createdBy: ctx.actor.id,
        note: input.note ?? null,
        ...counts,
      },
      moved.memberIds,
    );
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'handover',
        tableName: 'handovers',
        recordId: id,
        subjectId: fromUserId,
        details: { fromUserId, toUserId, scope: explicit ? 'selected' : 'portfolio', ...counts },
      },
    ]);
    return (await findHandoverById(tx, id))!;
  });
}
