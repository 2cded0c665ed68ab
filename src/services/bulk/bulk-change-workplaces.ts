import type { WorkplaceBulkInput, WorkplaceBulkResult } from '../../core/bulk/schemas';
import { selectedWorkplacesSql, setOwnerWhere } from '../../db/queries/bulk';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { bulkFilterCustomFields } from '../custom-fields/custom-field-values';
import { assertMayAssign, assignsOnlySelf } from '../tasks/task-access';
import { createSubjectTasks, holder, runBulk } from './run-bulk';

const AUDIT_ACTION = 'bulk_workplaces' as const;

/**
 * One bulk action on the workplaces a request names (ids, or the workplace list's filters with
 * its `cf.<key>` custom-field filters), within the actor's scope (a rep: their workplaces), in
 * one transaction of set-based statements; a failure anywhere writes nothing. The permission
 * of the single action applies (403 before anything is read):
 *
 * - set_owner: `records.write`, as PATCH /workplaces/{id}. An unknown or disabled owner is a
 *   400 on ownerId; workplaces the new owner cannot see (a rep owner: not one of theirs) are
 *   skipped and counted, like those already owned by them. Each changed workplace's version
 *   is bumped.
 * - create_task: the rules of POST /tasks (an executive or rep assigns only themselves); one
 *   task about each workplace its assignee can see (the rest skipped and counted).
 *
 * `skipped` also counts, for a selection by ids, the ids unknown or outside the scope (without
 * saying which); a filter reaches only the scope, so workplaces outside it are not counted
 * (their number is not the actor's to know). The row triggers audit each write; one
 * `bulk_workplaces` event records the action, the counts and the selection's kind. An
 * `Idempotency-Key` replays the first answer.
 */
export async function bulkChangeWorkplaces(
  ctx: ServiceContext,
  input: WorkplaceBulkInput,
  idempotencyKey?: string,
): Promise<WorkplaceBulkResult> {
  let assigneeId: string | null = null;
  if (input.action === 'set_owner') requirePermission(ctx, 'records.write');
  if (input.action === 'create_task') {
    assigneeId =
      input.task?.assigneeId == null && assignsOnlySelf(ctx.actor.role)
        ? ctx.actor.id
        : (input.task?.assigneeId ?? null);
    assertMayAssign(ctx.actor, assigneeId);
  }
  const scope = scopeOf(ctx);

  return runBulk(
    ctx,
    {
      auditAction: AUDIT_ACTION,
      table: 'workplaces',
      input,
      ids: input.workplaceIds,
      idempotencyKey,
    },
    async (tx) => {
      const customFields = input.filter ? await bulkFilterCustomFields(tx, 'workplace', input.filter) : null;
      const selection = selectedWorkplacesSql(input, customFields, scope);
      let selected: number;
      let changed: number;
      const details: Record<string, unknown> = {};
      if (input.action === 'set_owner') {
        const owner = await holder(tx, input.ownerId, 'ownerId');
        ({ selected, changed } = await setOwnerWhere(tx, 'workplace', selection, owner, ctx.now));
        details.ownerId = input.ownerId ?? null;
      } else {
        ({ selected, changed } = await createSubjectTasks(
          tx,
          ctx,
          'workplace',
          selection,
          input.task!,
          assigneeId,
        ));
        details.assigneeId = assigneeId;
      }
      const requested = input.workplaceIds ? new Set(input.workplaceIds).size : selected;
      return { changed, skipped: requested - changed, details };
    },
  );
}
