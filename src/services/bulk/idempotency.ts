import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { findIdempotentEvent } from '../../db/queries/bulk';

/**
 * A retried bulk request (the same `Idempotency-Key` header from the same user within a day)
 * answers what the first one did without doing it again. The key, with a hash of the body, is
 * kept in the request's one audit event, so no table is needed; same-key requests are
 * serialized by an advisory lock, so two racing retries cannot both write. The same key with a
 * different body is a 409. Answers the earlier event's details, or undefined (go ahead).
 */
export async function replayOf(
  tx: DbOrTx,
  p: { actorId: string; action: string; key: string | undefined; now: Date; input: unknown },
): Promise<{ requestHash: string; earlier: Record<string, unknown> | undefined }> {
  const requestHash = createHash('sha256').update(JSON.stringify(p.input)).digest('hex');
  if (!p.key) return { requestHash, earlier: undefined };
  const earlier = await findIdempotentEvent(tx, {
    actorId: p.actorId,
    action: p.action,
    key: p.key,
    now: p.now,
  });
  if (earlier && earlier.requestHash !== requestHash) {
    throw new AppError('conflict', 'This Idempotency-Key was used for a different request', {
      'Idempotency-Key': 'was used for a different request',
    });
  }
  return { requestHash, earlier };
}
