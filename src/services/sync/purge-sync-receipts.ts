import { SYNC_RECEIPT_DAYS } from '../../core/sync/schemas';
import type { Db } from '../../db/client';
import { deleteReceiptsBefore } from '../../db/queries/sync';

/**
 * Forgets sync receipts older than SYNC_RECEIPT_DAYS (run by the daily sweep). An outbox item
 * first delivered longer ago than that and replayed afterwards would be applied again; a device
 * syncs within minutes of regaining signal, so the window is generous.
 */
export async function purgeSyncReceipts(ctx: { db: Db; now: Date }): Promise<number> {
  return deleteReceiptsBefore(ctx.db, new Date(ctx.now.getTime() - SYNC_RECEIPT_DAYS * 86_400_000));
}
