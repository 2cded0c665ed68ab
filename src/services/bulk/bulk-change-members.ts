import type { MemberBulkInput, MemberBulkResult } from '../../core/bulk/schemas';
import { becomesAtRisk } from '../../core/workflows/evaluate';
import { insertNotesWhere, setMembersEngagementWhere, setOwnerWhere } from '../../db/queries/bulk';
import { selectedMembersSql } from '../../db/queries/demands';
import { organizationTodaySql } from '../../db/queries/settings';
import { requirePermission, scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';
import { bulkFilterCustomFields } from '../custom-fields/custom-field-values';
import { assertMayAssign, assignsOnlySelf } from '../tasks/task-access';
import { followUpAtRisk } from '../workflows/follow-up-at-risk';
import { createSubjectTasks, holder, runBulk } from './run-bulk';

const AUDIT_ACTION = 'bulk_members' as const;

/**
 * One bulk action on the members a request names (ids, or the member list's filters), within
 * the actor's scope, in one transaction of set-based statements; a failure anywhere writes
 * nothing. The permission of the single action applies (403 before anything is read):
 * set_owner `records.write`, set_engagement `engagement.change`, add_note `notes.create`,
 * create_task the rules of POST /tasks (an executive or rep assigns only themselves).
 *
 * - set_owner: members the new owner cannot see (a rep owner: outside their workplaces) are
 *   skipped and counted, like those already owned by them; an unknown or disabled owner is a 400.
 * - set_engagement: one reason for all; per member changed, a history row, a version step and
 *   the at-risk follow-up (SPEC §4); members already at that engagement are skipped.
 * - add_note, create_task: one note or task per member; a task goes only about members its
 *   assignee can see (the rest skipped).
 *
 * The row triggers audit each write; one `bulk_members` event records the action, the counts
 * and the selection's kind. set_owner and set_engagement are idempotent by nature (a retry
 * changes nothing more); for all four an `Idempotency-Key` replays the first answer.
 */
export async function bulkChangeMembers(
  ctx: ServiceContext,
  input: MemberBulkInput,
  idempotencyKey?: string,
): Promise<MemberBulkResult> {
  const { role } = ctx.actor;
  if (input.action === 'set_owner') requirePermission(ctx, 'records.write');
  if (input.action === 'set_engagement') requirePermission(ctx, 'engagement.change');
  if (input.action === 'add_note') requirePermission(ctx, 'notes.create');
  let assigneeId: string | null = null;
  if (input.action === 'create_task') {
    assigneeId =
      input.task?.assigneeId == null && assignsOnlySelf(role)
        ? ctx.actor.id
        : (input.task?.assigneeId ?? null);
    assertMayAssign(ctx.actor, assigneeId);
  }
  const scope = scopeOf(ctx);

  return runBulk(
    ctx,
    {
      auditAction: AUDIT_ACTION,
      table: 'members',
      input,
      ids: input.memberIds,
      idempotencyKey,
    },
    async (tx) => {
      const customFields = input.filter ? await bulkFilterCustomFields(tx, 'member', input.filter) : null;
      const selection = selectedMembersSql(input, scope, organizationTodaySql(ctx.now), customFields);
      let selected = 0;
      let changed = 0;
      const details: Record<string, unknown> = {};
      switch (input.action) {
        case 'set_owner': {
          const owner = await holder(tx, input.ownerId, 'ownerId');
          ({ selected, changed } = await setOwnerWhere(tx, 'member', selection, owner, ctx.now));
          details.ownerId = input.ownerId ?? null;
          break;
        }
        case 'set_engagement': {
          const engagement = input.engagement!;
          const result = await setMembersEngagementWhere(tx, selection, {
            engagement,
            reason: input.engagementReason!,
            actorId: ctx.actor.id,
            now: ctx.now,
          });
          selected = result.selected;
          changed = result.changes.length;
          // The follow-up tasks commit or roll back with the changes (SPEC §4), one per member.
          const atRisk = result.changes.filter((c) => becomesAtRisk(c.from, engagement));
          const made = await followUpAtRisk(tx, ctx.now, atRisk);
          details.engagement = engagement;
          details.followUps = made.length;
          break;
        }
        case 'add_note': {
          const note = input.note!;
          ({ selected, changed } = await insertNotesWhere(tx, selection, {
            occurredOn: note.occurredOn ?? (await organizationToday(tx, ctx.now)),
            channel: note.channel,
            body: note.body,
            authorId: ctx.actor.id,
            now: ctx.now,
          }));
          break;
        }
        case 'create_task': {
          ({ selected, changed } = await createSubjectTasks(
            tx,
            ctx,
            'member',
            selection,
            input.task!,
            assigneeId,
          ));
          details.assigneeId = assigneeId;
          break;
        }
      }
      return { changed, skipped: selected - changed, details };
    },
  );
}
