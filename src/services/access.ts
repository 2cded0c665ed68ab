import {
  can,
  type Permission,
  type Scope,
  scopeOf as scopeOfActor,
  workplaceInScope,
} from '../core/access/policy';
import { forbidden, invalid, notFound, outOfScope } from '../core/errors';
import type { DbOrTx } from '../db/client';
import { insertAuditEvents } from '../db/queries/audit';
import { findMemberPlacement, workplaceExists } from '../db/queries/scope';
import { findAssignee } from '../db/queries/tasks';
import type { ServiceContext } from './context';

/** 403 unless the actor's role grants the permission (checked before anything is read or written). */
export function requirePermission(ctx: Pick<ServiceContext, 'actor'>, permission: Permission) {
  if (!can(ctx.actor.role, permission)) throw forbidden();
}

/**
 * The member's placement if the actor may reach them; 404 for a missing member and,
 * indistinguishably, for one outside the scope. Pass a transaction to check inside it.
 */
export async function reachableMember(db: DbOrTx, scope: Scope, memberId: string) {
  const placement = await findMemberPlacement(db, memberId);
  if (!placement) throw notFound('Member');
  if (!workplaceInScope(scope, placement.workplaceId)) throw outOfScope('Member');
  return placement;
}

/** 404 for a missing workplace or one outside the scope. */
export async function assertReachableWorkplace(db: DbOrTx, scope: Scope, workplaceId: string) {
  if (!(await workplaceExists(db, workplaceId))) throw notFound('Workplace');
  if (!workplaceInScope(scope, workplaceId)) throw outOfScope('Workplace');
}

/**
 * A member or workplace may be owned only by a staff user who can see it: 400 on
 * `ownerId` for a rep whose workplaces do not include `workplaceId` (the member's
 * workplace, or the workplace itself; none for a null one). A missing user is left to
 * the foreign key (400 on ownerId as well). Call it when a write sets or changes the owner.
 */
export async function assertOwnerSees(
  db: DbOrTx,
  ownerId: string | null | undefined,
  record: { type: 'member' | 'workplace'; workplaceId: string | null },
) {
  if (!(await ownerSees(db, ownerId, record.workplaceId))) {
    throw invalid({ ownerId: `is a workplace rep whose workplaces do not include this ${record.type}` });
  }
}

/** Whether this owner (none, or a missing user: true) could see a record of this workplace. */
export async function ownerSees(db: DbOrTx, ownerId: string | null | undefined, workplaceId: string | null) {
  if (!ownerId) return true;
  const owner = await findAssignee(db, ownerId);
  return !owner || workplaceInScope(scopeOfActor(owner), workplaceId);
}

/** What the actor can reach (role permissions, a rep's workplaces, sensitive cases). */
export function scopeOf(ctx: Pick<ServiceContext, 'actor'>): Scope {
  return scopeOfActor(ctx.actor);
}

/**
 * Records that the actor read sensitive cases: exactly one audit row per case a
 * view showed, however often it appears in it (a case listed in two sections, or
 * as both opened and closed on a timeline), in one statement. Call it once per
 * request with everything the response shows, e.g. a case list, a timeline, the
 * weekly follow-ups or a page of briefings; `via` names the screen.
 */
export async function auditSensitiveReads(
  ctx: Pick<ServiceContext, 'db' | 'actor' | 'now'>,
  cases: Iterable<{ id: string; memberId: string }>,
  via: string,
) {
  const shown = new Map<string, string>();
  for (const c of cases) if (!shown.has(c.id)) shown.set(c.id, c.memberId);
  await insertAuditEvents(
    ctx.db,
    [...shown].map(([id, memberId]) => ({
      at: ctx.now,
      actorId: ctx.actor.id,
      action: 'read_sensitive',
      tableName: 'member_cases',
      recordId: id,
      subjectId: memberId,
      details: { via },
    })),
  );
}
