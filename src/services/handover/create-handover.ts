import { AppError, type FieldErrors, invalid } from '../../core/errors';
import { type CreateHandoverInput, HANDOVER_TARGET_ROLES } from '../../core/handover/schemas';
import { insertAuditEvents } from '../../db/queries/audit';
import {
  countOpenCases,
  findHandoverById,
  insertHandover,
  lockHandoverTasks,
  lockHandoverUsers,
  lockPortfolioMembers,
  lockPortfolioWorkplaces,
  reassignPortfolio,
} from '../../db/queries/handover';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

const unique = (ids: readonly string[] | undefined) => (ids ? [...new Set(ids)] : undefined);

/** The requested ids that are missing or owned by someone other than `ownerId`. */
function notOwned(
  requested: readonly string[],
  rows: readonly { id: string; ownerId: string | null }[],
  ownerId: string,
) {
  const owned = new Set(rows.filter((r) => r.ownerId === ownerId).map((r) => r.id));
  return requested.filter((id) => !owned.has(id));
}

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
  if (fromUserId === toUserId) throw invalid({ toUserId: 'must differ from fromUserId' });
  const memberIds = unique(input.memberIds);
  const workplaceIds = unique(input.workplaceIds);
  const explicit = memberIds !== undefined || workplaceIds !== undefined;

  return ctx.db.transaction(async (tx) => {
    const staff = await lockHandoverUsers(tx, [fromUserId, toUserId]);
    const from = staff.find((u) => u.id === fromUserId);
    const to = staff.find((u) => u.id === toUserId);
    const errors: FieldErrors = {};
    if (!from) errors.fromUserId = 'is not a staff user';
    if (!to) errors.toUserId = 'is not a staff user';
    else if (to.disabled) errors.toUserId = 'is a disabled account';
    else if (!(HANDOVER_TARGET_ROLES as readonly string[]).includes(to.role)) {
      errors.toUserId = 'must be an administrator or officer';
    }
    if (Object.keys(errors).length) throw invalid(errors);

    // Lock what moves (so nothing changes owner meanwhile) and check the lists name the portfolio.
    // Without lists: everything the user owns; with them: only the ids named (none for an absent list).
    const lockFor = <T>(ids: string[] | undefined, lock: (ids: string[] | null) => Promise<T[]>) =>
      !explicit ? lock(null) : ids?.length ? lock(ids) : Promise.resolve([]);
    const memberRows = await lockFor(memberIds, (ids) => lockPortfolioMembers(tx, fromUserId, ids));
    const workplaceRows = await lockFor(workplaceIds, (ids) => lockPortfolioWorkplaces(tx, fromUserId, ids));
    const strayMembers = memberIds ? notOwned(memberIds, memberRows, fromUserId) : [];
    const strayWorkplaces = workplaceIds ? notOwned(workplaceIds, workplaceRows, fromUserId) : [];
    if (strayMembers.length)
      errors.memberIds = `are not members owned by fromUserId: ${strayMembers.join(', ')}`;
    if (strayWorkplaces.length) {
      errors.workplaceIds = `are not workplaces owned by fromUserId: ${strayWorkplaces.join(', ')}`;
    }
    if (Object.keys(errors).length) throw invalid(errors);

    const moveMembers = memberRows.map((r) => r.id);
    const moveWorkplaces = workplaceRows.map((r) => r.id);
    const taskRows = await lockHandoverTasks(
      tx,
      fromUserId,
      explicit ? { memberIds: moveMembers, workplaceIds: moveWorkplaces } : null,
    );
    if (!moveMembers.length && !moveWorkplaces.length && !taskRows.length) {
      throw new AppError('validation_failed', 'Nothing to hand over', {
        fromUserId: 'has nothing to hand over',
      });
    }

    const moved = await reassignPortfolio(tx, {
      fromUserId,
      toUserId,
      memberIds: moveMembers,
      workplaceIds: moveWorkplaces,
      taskIds: taskRows.map((r) => r.id),
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
