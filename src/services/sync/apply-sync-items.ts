import type { z } from 'zod';
import { can } from '../../core/access/policy';
import { todayIn } from '../../core/common/dates';
import { AppError, forbidden, invalid } from '../../core/errors';
import { createNoteSchema, updateMemberSchema } from '../../core/members/schemas';
import { type AppliedResult, type SyncItem, type SyncResult, syncItemSchema } from '../../core/sync/schemas';
import { updateTaskSchema } from '../../core/tasks/schemas';
import { createMeetingSchema, updateWorkplaceSchema } from '../../core/workplaces/schemas';
import type { Db, Tx } from '../../db/client';
import { databaseErrorToAppError } from '../../db/errors';
import { insertAuditEvents } from '../../db/queries/audit';
import { findSettings } from '../../db/queries/settings';
import {
  claimReceipt,
  findReceipt,
  finishReceipt,
  lockMemberEngagement,
  lockWorkplaceAtmosphere,
} from '../../db/queries/sync';
import { lockTask } from '../../db/queries/tasks';
import { assertReachableWorkplace, reachableMember, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { createNote } from '../members/create-note';
import { updateMember } from '../members/update-member';
import { visibleTask } from '../tasks/task-access';
import { updateTask } from '../tasks/update-task';
import { createMeeting } from '../workplaces/create-meeting';
import { updateWorkplace } from '../workplaces/update-workplace';
import { requireSyncUser } from './sync-access';

type Conflict = { level: string; version: number; changedAt: Date | null };

/** Thrown inside an item's transaction to undo its receipt: the item conflicts, nothing is written. */
class ConflictSignal extends Error {
  constructor(readonly current: Conflict) {
    super('conflict');
  }
}

/**
 * POST /api/sync (issue 19): applies the phone app's outbox items in order, each exactly once.
 * Every item runs in its own transaction together with its receipt (sync_receipts, keyed by the
 * device's clientId), through the same services, checks and audit triggers as the web routes,
 * with the user's scope as it is now. A replayed clientId finds its receipt and answers
 * `duplicate` (two racing replays meet at the receipt's primary key); one held by another user
 * is `rejected` (duplicate_client_id). A conflict or a refusal rolls its transaction back, so
 * it leaves no receipt and writes nothing: sending it again is answered anew.
 */
export async function applySyncItems(
  ctx: ServiceContext,
  items: readonly { clientId: string }[],
): Promise<{ results: SyncResult[] }> {
  requireSyncUser(ctx);
  const results: SyncResult[] = [];
  for (const raw of items) results.push(await applyOne(ctx, raw));
  return { results };
}

async function applyOne(ctx: ServiceContext, raw: { clientId: string }): Promise<SyncResult> {
  const clientId = raw.clientId;
  const parsed = syncItemSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      clientId,
      status: 'rejected',
      error: { code: 'validation', message: 'Some fields are invalid', fields: fieldErrors(parsed.error) },
    };
  }
  const item = parsed.data;
  try {
    return await ctx.db.transaction(async (tx) => {
      const claimed = await claimReceipt(tx, {
        clientId,
        userId: ctx.actor.id,
        kind: item.kind,
        deviceTime: new Date(item.deviceTime),
        receivedAt: ctx.now,
      });
      if (!claimed) return replayAnswer(tx, ctx, clientId);
      // The services open their own transactions: inside this one they become savepoints.
      const inner: ServiceContext = { ...ctx, db: tx as unknown as Db };
      const applied = await applyItem(inner, tx, item);
      await finishReceipt(tx, clientId, applied);
      await insertAuditEvents(tx, [
        {
          at: ctx.now,
          actorId: ctx.actor.id,
          action: 'sync',
          tableName: 'sync_receipts',
          recordId: applied.recordId ?? null,
          // The member, workplace or task the item was about: a search by its id finds the sync.
          subjectId: targetOf(item),
          details: { clientId, kind: item.kind, deviceTime: item.deviceTime, ...flags(applied) },
        },
      ]);
      return { clientId, ...applied };
    });
  } catch (err) {
    if (err instanceof ConflictSignal) {
      return {
        clientId,
        status: 'conflict',
        current: {
          level: err.current.level,
          version: err.current.version,
          changedAt: err.current.changedAt?.toISOString() ?? null,
        },
      };
    }
    const appError = err instanceof AppError ? err : databaseErrorToAppError(err);
    if (!appError || appError.code === 'database_unavailable' || appError.code === 'internal_error')
      throw err;
    await recordRefusal(ctx, item, appError);
    return { clientId, status: 'rejected', error: rejection(appError) };
  }
}

function flags(a: AppliedResult) {
  return { ...(a.alreadyDone ? { alreadyDone: true } : {}), ...(a.unchanged ? { unchanged: true } : {}) };
}

/** A clientId already received: `duplicate` for its own user, refused (and nothing else told) for another. */
async function replayAnswer(tx: Tx, ctx: ServiceContext, clientId: string): Promise<SyncResult> {
  const receipt = await findReceipt(tx, clientId);
  if (receipt && receipt.userId === ctx.actor.id) {
    return { clientId, status: 'duplicate', first: receipt.result };
  }
  return {
    clientId,
    status: 'rejected',
    error: {
      code: 'duplicate_client_id',
      message: 'This clientId was already used; send the item with a new one',
    },
  };
}

function rejection(e: AppError): NonNullable<SyncResult['error']> {
  switch (e.code) {
    case 'validation_failed':
      return { code: 'validation', message: e.message, ...(e.fields ? { fields: e.fields } : {}) };
    case 'forbidden':
      return { code: 'forbidden', message: e.message };
    case 'not_found':
      // The same answer for a missing record and one outside the scope (no existence leak).
      return { code: 'not_found', message: 'Not found' };
    default:
      // A unique clash or a stale version inside a service: reported as invalid for this item.
      return { code: 'validation', message: e.message, ...(e.fields ? { fields: e.fields } : {}) };
  }
}

/** A refusal the routes would audit (403, or 404 for a record outside the scope) is audited here too. */
async function recordRefusal(ctx: ServiceContext, item: SyncItem, e: AppError) {
  const denied = e.code === 'forbidden' || (e.code === 'not_found' && e.details?.denied === true);
  if (!denied) return;
  await insertAuditEvents(ctx.db, [
    {
      at: ctx.now,
      actorId: ctx.actor.id,
      action: 'denied',
      recordId: targetOf(item),
      subjectId: targetOf(item),
      details: {
        method: 'POST',
        path: '/api/sync',
        status: e.code === 'forbidden' ? 403 : 404,
        kind: item.kind,
        deviceTime: item.deviceTime,
      },
    },
  ]);
}

function targetOf(item: SyncItem): string {
  switch (item.kind) {
    case 'note':
    case 'engagement':
      return item.memberId;
    case 'meeting':
    case 'atmosphere':
      return item.workplaceId;
    case 'task_done':
      return item.taskId;
  }
}

async function applyItem(ctx: ServiceContext, tx: Tx, item: SyncItem): Promise<AppliedResult> {
  const scope = scopeOf(ctx);
  switch (item.kind) {
    case 'note': {
      const { timezone } = await findSettings(tx);
      // The day the rep wrote it, by the organization's calendar; never later than today.
      const written = todayIn(timezone, new Date(item.deviceTime));
      const today = todayIn(timezone, ctx.now);
      const note = await createNote(
        ctx,
        item.memberId,
        asInput(createNoteSchema, {
          body: item.body,
          channel: item.channel,
          occurredOn: written < today ? written : today,
        }),
      );
      return { status: 'applied', recordId: note.id };
    }
    case 'engagement': {
      if (!can(ctx.actor.role, 'records.write') && !can(ctx.actor.role, 'engagement.change'))
        throw forbidden();
      await reachableMember(tx, scope, item.memberId);
      const current = await currentOrMissing(lockMemberEngagement(tx, item.memberId), 'Member');
      if (current.level !== item.baseLevel) throw new ConflictSignal(current);
      if (current.level === item.level)
        return { status: 'applied', recordId: item.memberId, unchanged: true };
      await updateMember(
        ctx,
        item.memberId,
        asInput(updateMemberSchema, {
          engagement: item.level,
          engagementReason: item.reason,
          version: current.version,
        }),
      );
      return { status: 'applied', recordId: item.memberId };
    }
    case 'atmosphere': {
      if (!can(ctx.actor.role, 'records.write') && !can(ctx.actor.role, 'atmosphere.change'))
        throw forbidden();
      await assertReachableWorkplace(tx, scope, item.workplaceId);
      const current = await currentOrMissing(lockWorkplaceAtmosphere(tx, item.workplaceId), 'Workplace');
      if (current.level !== item.baseLevel) throw new ConflictSignal(current);
      if (current.level === item.level)
        return { status: 'applied', recordId: item.workplaceId, unchanged: true };
      await updateWorkplace(
        ctx,
        item.workplaceId,
        asInput(updateWorkplaceSchema, {
          atmosphere: item.level,
          ...(item.reason ? { atmosphereReason: item.reason } : {}),
          version: current.version,
        }),
      );
      return { status: 'applied', recordId: item.workplaceId };
    }
    case 'task_done': {
      const task = await visibleTask(tx, scope, await lockTask(tx, item.taskId));
      // Done already (on the web, or by someone else): the device's wish holds; nothing is written.
      if (task.status === 'done') return { status: 'applied', recordId: task.id, alreadyDone: true };
      await updateTask(ctx, task.id, asInput(updateTaskSchema, { status: 'done', version: task.version }));
      return { status: 'applied', recordId: task.id };
    }
    case 'meeting': {
      const meeting = await createMeeting(
        ctx,
        item.workplaceId,
        asInput(createMeetingSchema, {
          heldOn: item.heldOn,
          title: item.title,
          attendeeIds: item.attendeeIds,
          ...(item.invitedCount !== undefined ? { invitedCount: item.invitedCount } : {}),
          ...(item.notes != null ? { notes: item.notes } : {}),
        }),
      );
      return { status: 'applied', recordId: meeting.id };
    }
  }
}

async function currentOrMissing(p: Promise<Conflict | undefined>, what: string): Promise<Conflict> {
  const current = await p;
  if (!current) throw new AppError('not_found', `${what} not found`);
  return current;
}

/** A service's own input, made by its own schema from checked values (a refusal: 400 as on the web). */
function asInput<T extends z.ZodType>(schema: T, value: z.input<T>): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(fieldErrors(parsed.error));
  return parsed.data;
}

/** zod issues of one item → `{ field: message }` (the routes' shape, paths inside the item). */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = 'is not a known field';
      continue;
    }
    const path = issue.path.join('.') || 'item';
    fields[path] ??=
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  }
  return fields;
}
