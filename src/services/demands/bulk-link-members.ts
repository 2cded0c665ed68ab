import type { Scope } from '../../core/access/policy';
import type { BulkDemandMembersInput } from '../../core/demands/schemas';
import { notFound } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { insertAuditEvents } from '../../db/queries/audit';
import {
  deleteDemandMembersWhere,
  findDemandById,
  insertDemandMembersWhere,
  lockDemandKey,
  nameLinkSource,
  selectedMembersSql,
} from '../../db/queries/demands';
import { organizationTodaySql } from '../../db/queries/settings';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { bulkFilterCustomFields } from '../custom-fields/custom-field-values';

/** The members a request names, its `cf.<key>` filters checked against the active fields. */
async function selectionOf(tx: DbOrTx, input: BulkDemandMembersInput, scope: Scope, now: Date) {
  const customFields = input.filter ? await bulkFilterCustomFields(tx, 'member', input.filter) : null;
  return selectedMembersSql(input, scope, organizationTodaySql(now), customFields);
}

function describeSelection(input: BulkDemandMembersInput) {
  return input.memberIds
    ? { selection: 'ids', requested: new Set(input.memberIds).size }
    : { selection: 'filter' };
}

/**
 * Links every member the request names (ids or the member list's filters) within the actor's
 * scope to a demand, in one set-based statement and one transaction, with source `bulk`.
 * Members already linked keep their first link. The row triggers record each link made;
 * one `link_members` event records the operation and its count. Like a single link, the
 * demand's version is not bumped. Needs `demands.link`; 404 for an unknown demand.
 */
export async function bulkLinkDemandMembers(
  ctx: ServiceContext,
  demandId: string,
  input: BulkDemandMembersInput,
) {
  requirePermission(ctx, 'demands.link');
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    if (!(await lockDemandKey(tx, demandId))) throw notFound('Demand');
    const linked = await insertDemandMembersWhere(
      tx,
      { demandId, createdBy: ctx.actor.id, createdAt: ctx.now, source: 'bulk' },
      await selectionOf(tx, input, scope, ctx.now),
    );
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'link_members',
        tableName: 'demands',
        recordId: demandId,
        subjectId: demandId,
        details: { linked, source: 'bulk', ...describeSelection(input) },
      },
    ]);
    const demand = (await findDemandById(tx, demandId, scope))!;
    return { linked, relatedMemberCount: demand.relatedMemberCount };
  });
}

/**
 * Unlinks every member the request names within the actor's scope from a demand; the same rules as
 * linking. The link history records each unlink with source `bulk`.
 */
export async function bulkUnlinkDemandMembers(
  ctx: ServiceContext,
  demandId: string,
  input: BulkDemandMembersInput,
) {
  requirePermission(ctx, 'demands.link');
  const scope = scopeOf(ctx);
  return ctx.db.transaction(async (tx) => {
    if (!(await lockDemandKey(tx, demandId))) throw notFound('Demand');
    await nameLinkSource(tx, 'bulk');
    const unlinked = await deleteDemandMembersWhere(
      tx,
      demandId,
      await selectionOf(tx, input, scope, ctx.now),
    );
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'unlink_members',
        tableName: 'demands',
        recordId: demandId,
        subjectId: demandId,
        details: { unlinked, ...describeSelection(input) },
      },
    ]);
    const demand = (await findDemandById(tx, demandId, scope))!;
    return { unlinked, relatedMemberCount: demand.relatedMemberCount };
  });
}
