import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { blindToWorkplaceSql, sqlUuidArray } from './scope';

// Who may own what (access rule): a member or workplace is owned only by a staff
// user who can see it, so a rep owns members and workplaces of their workplaces
// only, and holds open tasks about those only. Writes that name such an owner
// are refused (services/access.ts assertOwnerSees); writes that move a member, or change a rep's
// workplaces or role, release what the rep can no longer see, in the same
// transaction (the audit triggers record each change, attributed to the actor).

/** Which records moved or whose owner's reach changed. */
export type Released =
  /** Members whose workplace changed: a subquery returning their ids, or the ids. */
  | { memberIds: SQL | readonly string[] }
  /** Staff users whose workplaces or role changed. */
  | { userIds: readonly string[] };

const idsIn = (ids: SQL | readonly string[]) =>
  Array.isArray(ids) ? sql`select unnest(${sqlUuidArray(ids as readonly string[])})` : (ids as SQL);

/**
 * Clears the owner of members (and, for changed users, workplaces) whom their rep
 * owner can no longer see, and unassigns the open tasks such a rep holds about
 * them (they go to the officers' pile; done tasks keep who did them, and
 * taskScopeSql keeps them from the rep). Set-based: three statements at most,
 * whatever the number of records; each bumps version and updatedAt.
 */
export async function releaseUnseenOwnership(tx: DbOrTx, released: Released, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const byMembers = 'memberIds' in released;
  const userIds = byMembers ? null : sqlUuidArray(released.userIds);
  const memberIds = byMembers ? idsIn(released.memberIds) : null;
  if (userIds && !(released as { userIds: readonly string[] }).userIds.length) return;

  await tx.execute(sql`
    update members m set owner_id = null, version = m.version + 1, updated_at = ${at}
      from users u
     where u.id = m.owner_id
       and ${memberIds ? sql`m.id in (${memberIds})` : sql`m.owner_id = any(${userIds})`}
       and ${blindToWorkplaceSql(sql`u.id`, sql`u.role`, sql`m.workplace_id`)}`);
  if (userIds) {
    await tx.execute(sql`
      update workplaces w set owner_id = null, version = w.version + 1, updated_at = ${at}
        from users u
       where u.id = w.owner_id and w.owner_id = any(${userIds})
         and ${blindToWorkplaceSql(sql`u.id`, sql`u.role`, sql`w.id`)}`);
  }
  await tx.execute(sql`
    update tasks t set assignee_id = null, version = t.version + 1, updated_at = ${at}
      from users u
     where u.id = t.assignee_id and t.status = 'open'
       and ${
         memberIds
           ? sql`t.subject_type = 'member' and t.subject_id in (${memberIds})`
           : sql`t.assignee_id = any(${userIds})`
       }
       and (
         (t.subject_type = 'member' and exists (
            select 1 from members sm where sm.id = t.subject_id
               and ${blindToWorkplaceSql(sql`u.id`, sql`u.role`, sql`sm.workplace_id`)}))
         or (t.subject_type = 'workplace' and ${blindToWorkplaceSql(sql`u.id`, sql`u.role`, sql`t.subject_id`)}))`);
}
