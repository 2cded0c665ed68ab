import { presentAuditChanges } from '../../core/audit/changes';
import { type AuditLogQuery, resolveAuditRange } from '../../core/audit/schemas';
import { invalid } from '../../core/errors';
import { type AuditFilter, type AuditKey, countAuditRows, listAuditRows } from '../../db/queries/audit';
import { findSettings } from '../../db/queries/settings';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';

/** `total` counts at most this many entries (a bounded scan, whatever the log's size). */
export const AUDIT_TOTAL_CAP = 10_000;

const CURSOR = /^a:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{1,18})$/;

/** The opaque cursor: the exact `at` and `id` of the last entry of the page. */
export function encodeAuditCursor(key: AuditKey): string {
  return Buffer.from(`a:${key.at}|${key.id}`).toString('base64url');
}

export function decodeAuditCursor(cursor: string): AuditKey | undefined {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || Number.isNaN(Date.parse(match[1]!))) return undefined;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) ? { at: match[1]!, id } : undefined;
}

/**
 * 監査ログ (admin only): newest first, filtered by actor, record (or what it
 * belongs to), action, table and a time range; keyset paging on (at, id), so a
 * page never repeats or skips entries while new ones are written. `total` is
 * given on the first page only, counted up to AUDIT_TOTAL_CAP.
 */
export async function listAuditLog(ctx: ServiceContext, query: AuditLogQuery) {
  requirePermission(ctx, 'admin');
  const after = query.cursor !== undefined ? decodeAuditCursor(query.cursor) : undefined;
  if (query.cursor !== undefined && !after) throw invalid({ cursor: 'is not a cursor this server issued' });
  const { timezone } = await findSettings(ctx.db);
  const { range, errors } = resolveAuditRange(query, timezone);
  if (errors) throw invalid(errors);

  const filter: AuditFilter = {
    actorId: query.userId,
    recordId: query.recordId,
    action: query.action,
    tableName: query.table,
    from: range.from,
    to: range.to,
  };
  const [rows, counted] = await Promise.all([
    listAuditRows(ctx.db, filter, query.limit + 1, after),
    after ? undefined : countAuditRows(ctx.db, filter, AUDIT_TOTAL_CAP),
  ]);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);

  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actorId ? { id: r.actorId, displayName: r.actorName } : null,
      action: r.action,
      table: r.tableName,
      recordId: r.recordId,
      subjectId: r.subjectId,
      ...presentAuditChanges(r.action, r.before, r.after),
      recordName: r.recordName,
      recordDeleted: r.recordDeleted,
      subjectName: r.subjectName,
      subjectDeleted: r.subjectDeleted,
      details: (r.details as Record<string, unknown> | null) ?? null,
    })),
    ...(counted === undefined
      ? {}
      : { total: Math.min(counted, AUDIT_TOTAL_CAP), totalCapped: counted > AUDIT_TOTAL_CAP }),
    ...(more && last ? { nextCursor: encodeAuditCursor({ at: last.atKey, id: last.id }) } : {}),
  };
}
