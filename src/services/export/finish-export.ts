import { insertAuditEvents } from '../../db/queries/audit';
import type { ServiceContext } from '../context';

/** The `export` audit event of one download: what was exported (`rowCount`, `complete` are added). */
export type ExportAudit = {
  tableName: string;
  recordId?: string;
  details: Record<string, unknown>;
};

/**
 * Runs an export's writing to its end, as every download does: `produce` writes the rows
 * (counting them in `progress.written`); once the last row is written the export gets its
 * `export` audit event with the row count — before the file is closed, so a complete file
 * always has its audit row — and the writer is ended. If writing stops early (the reader
 * went away, a query failed), the event is written with `complete: false` and the rows
 * written so far, and the writer is aborted with the error. The promise gives the row
 * count or rejects with the error; a rejection nobody awaits is not an unhandled one.
 */
export function finishExport(
  ctx: Pick<ServiceContext, 'db' | 'actor' | 'now'>,
  writer: { end(): Promise<void>; abort(error: Error): void },
  audit: ExportAudit,
  produce: (progress: { written: number }) => Promise<void>,
): Promise<number> {
  const record = (rowCount: number, complete: boolean) =>
    insertAuditEvents(ctx.db, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'export',
        tableName: audit.tableName,
        ...(audit.recordId === undefined ? {} : { recordId: audit.recordId }),
        details: { ...audit.details, rowCount, ...(complete ? {} : { complete }) },
      },
    ]);
  const finished = (async () => {
    const progress = { written: 0 };
    let audited = false;
    try {
      await produce(progress);
      audited = true;
      await record(progress.written, true);
      await writer.end();
      return progress.written;
    } catch (error) {
      if (!audited) await record(progress.written, false).catch(() => undefined);
      writer.abort(error as Error);
      throw error;
    }
  })();
  // The caller observes the promise; a download cut short must not be an unhandled rejection.
  finished.catch(() => undefined);
  return finished;
}
