import type { DbOrTx } from '../client';
import { auditLog } from '../schema';

/** An event the services record themselves (table writes are recorded by triggers). */
export type AuditEvent = {
  at: Date;
  actorId: string | null;
  /** sign_in | sign_in_failed | sign_out | denied | read_sensitive | export | handover … */
  action: string;
  tableName?: string | null;
  recordId?: string | null;
  subjectId?: string | null;
  details?: Record<string, unknown> | null;
};

/** Appends events to the audit log in one statement. */
export async function insertAuditEvents(db: DbOrTx, events: readonly AuditEvent[]) {
  if (!events.length) return;
  await db.insert(auditLog).values(
    events.map((e) => ({
      at: e.at,
      actorId: e.actorId,
      action: e.action,
      tableName: e.tableName ?? null,
      recordId: e.recordId ?? null,
      subjectId: e.subjectId ?? null,
      details: e.details ?? null,
    })),
  );
}
