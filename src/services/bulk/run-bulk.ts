import type { AuditAction } from '../../core/audit/actions';
import { invalid } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { insertAuditEvents } from '../../db/queries/audit';
import { type Holder, insertSubjectTasksWhere } from '../../db/queries/bulk';
import { findAssignee } from '../../db/queries/tasks';
import type { ServiceContext } from '../context';
import { replayOf } from './idempotency';

/** A new owner or assignee: an enabled staff user (400 on `field` otherwise). */
export async function holder(
  tx: DbOrTx,
  id: string | null | undefined,
  field: string,
): Promise<Holder | null> {
  if (!id) return null;
  const user = await findAssignee(tx, id);
  if (!user) throw invalid({ [field]: 'does not exist' });
  if (user.disabled) throw invalid({ [field]: 'is a disabled account' });
  return { id: user.id, role: user.role };
}

/** A task about each selected member or workplace (create_task), for `assigneeId` (checked). */
export async function createSubjectTasks(
  tx: DbOrTx,
  ctx: ServiceContext,
  subject: 'member' | 'workplace',
  selection: Parameters<typeof insertSubjectTasksWhere>[2],
  task: { title: string; body?: string | null; dueOn?: string | null },
  assigneeId: string | null,
) {
  const assignee = await holder(tx, assigneeId, 'task.assigneeId');
  return insertSubjectTasksWhere(tx, subject, selection, {
    title: task.title,
    body: task.body ?? null,
    dueOn: task.dueOn ?? null,
    assignee,
    createdBy: ctx.actor.id,
    now: ctx.now,
  });
}

/** What one bulk request did: counts, and what its audit event keeps beside them. */
export type BulkOutcome = { changed: number; skipped: number; details?: Record<string, unknown> };

/**
 * The frame of a bulk request on members or workplaces: one transaction in which a retry
 * carrying an earlier `Idempotency-Key` answers the first counts (replayed, nothing written),
 * otherwise `work` writes and one audit event (`action`, on `table`) records the request's
 * action, counts, selection kind and key beside the row audit of each write.
 */
export async function runBulk(
  ctx: ServiceContext,
  request: {
    auditAction: AuditAction;
    table: string;
    input: { action: string };
    /** How the request chose its rows: ids (and how many distinct) or the list's filter. */
    ids: readonly string[] | undefined;
    idempotencyKey: string | undefined;
  },
  work: (tx: DbOrTx) => Promise<BulkOutcome>,
): Promise<{ changed: number; skipped: number; replayed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const { requestHash, earlier } = await replayOf(tx, {
      actorId: ctx.actor.id,
      action: request.auditAction,
      key: request.idempotencyKey,
      now: ctx.now,
      input: request.input,
    });
    if (earlier) {
      return { changed: Number(earlier.changed ?? 0), skipped: Number(earlier.skipped ?? 0), replayed: true };
    }
    const { changed, skipped, details } = await work(tx);
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: request.auditAction,
        tableName: request.table,
        details: {
          action: request.input.action,
          changed,
          skipped,
          ...(request.ids
            ? { selection: 'ids', requested: new Set(request.ids).size }
            : { selection: 'filter' }),
          ...details,
          ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey, requestHash } : {}),
        },
      },
    ]);
    return { changed, skipped, replayed: false };
  });
}
