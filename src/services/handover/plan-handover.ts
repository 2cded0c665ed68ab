import { AppError, type FieldErrors, invalid } from '../../core/errors';
import { type CreateHandoverInput, HANDOVER_TARGET_ROLES } from '../../core/handover/schemas';
import type { DbOrTx } from '../../db/client';
import {
  lockHandoverTasks,
  lockHandoverUsers,
  lockPortfolioMembers,
  lockPortfolioWorkplaces,
} from '../../db/queries/handover';

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

export type HandoverPlan = {
  from: { id: string; displayName: string };
  to: { id: string; displayName: string };
  /** Whether the input named what moves (memberIds/workplaceIds) rather than the whole portfolio. */
  explicit: boolean;
  memberIds: string[];
  workplaceIds: string[];
  taskIds: string[];
};

/**
 * What a handover moves, checked: both users (the new owner an enabled admin or
 * officer), the named members and workplaces owned by `fromUserId` (or all they
 * own), and the open tasks that go with them; 400 naming the field otherwise,
 * and when there is nothing to hand over. With `lock`, inside the handover's
 * transaction, the rows are locked (users shared, the rest for update, in id
 * order) so nothing changes owner meanwhile; the confirmation's preview reads
 * the same rows unlocked.
 */
export async function planHandover(
  db: DbOrTx,
  input: CreateHandoverInput,
  lock: boolean,
): Promise<HandoverPlan> {
  const { fromUserId, toUserId } = input;
  if (fromUserId === toUserId) throw invalid({ toUserId: 'must differ from fromUserId' });
  const memberIds = unique(input.memberIds);
  const workplaceIds = unique(input.workplaceIds);
  const explicit = memberIds !== undefined || workplaceIds !== undefined;

  const staff = await lockHandoverUsers(db, [fromUserId, toUserId], lock);
  const from = staff.find((u) => u.id === fromUserId);
  const to = staff.find((u) => u.id === toUserId);
  const errors: FieldErrors = {};
  if (!from) errors.fromUserId = 'is not a staff user';
  if (!to) errors.toUserId = 'is not a staff user';
  else if (to.disabled) errors.toUserId = 'is a disabled account';
  else if (!(HANDOVER_TARGET_ROLES as readonly string[]).includes(to.role)) {
    errors.toUserId = 'must be an administrator or officer';
  }
  if (!from || !to || Object.keys(errors).length) throw invalid(errors);

  // Without lists: everything the user owns; with them: only the ids named (none for an absent list).
  const select = <T>(ids: string[] | undefined, read: (ids: string[] | null) => Promise<T[]>) =>
    !explicit ? read(null) : ids?.length ? read(ids) : Promise.resolve([]);
  const memberRows = await select(memberIds, (ids) => lockPortfolioMembers(db, fromUserId, ids, lock));
  const workplaceRows = await select(workplaceIds, (ids) =>
    lockPortfolioWorkplaces(db, fromUserId, ids, lock),
  );
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
    db,
    fromUserId,
    explicit ? { memberIds: moveMembers, workplaceIds: moveWorkplaces } : null,
    lock,
  );
  if (!moveMembers.length && !moveWorkplaces.length && !taskRows.length) {
    throw new AppError('validation_failed', 'Nothing to hand over', {
      fromUserId: 'has nothing to hand over',
    });
  }
  return {
    from: { id: from.id, displayName: from.displayName },
    to: { id: to.id, displayName: to.displayName },
    explicit,
    memberIds: moveMembers,
    workplaceIds: moveWorkplaces,
    taskIds: taskRows.map((r) => r.id),
  };
}
