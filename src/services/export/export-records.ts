import type { Readable } from 'node:stream';
import { can } from '../../core/access/policy';
import { todayIn } from '../../core/common/dates';
import { invalid } from '../../core/errors';
import {
  customFieldExportColumns,
  EXPORT_COLUMNS,
  type ExportColumn,
  type ExportFormat,
  type ExportKind,
  exportFileNames,
  type FormatOptions,
  formatRow,
  headersOf,
  memberExportColumns,
} from '../../core/export/columns';
import type { ExportQueryOf } from '../../core/export/schemas';
import { activeCustomFieldDefinitions } from '../../db/queries/custom-fields';
import {
  demandExportSource,
  type ExportSource,
  memberExportSource,
  taskExportSource,
  workplaceExportSource,
} from '../../db/queries/export';
import { findSettings, organizationTodaySql } from '../../db/queries/settings';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { customFieldFilter } from '../custom-fields/custom-field-values';
import { finishExport } from './finish-export';
import { csvWriter, type RowWriter, xlsxWriter } from './writers';

/**
 * The most rows one export holds. Larger unions export by workplace (or another
 * filter); the limit keeps the id snapshot small (a few MB) and an XLSX far below
 * Excel's 1,048,576 rows. The member import takes files of the same size.
 */
export const EXPORT_MAX_ROWS = 200_000;
/** Rows read from the database per statement while the file is written. */
export const EXPORT_BATCH_ROWS = 2_000;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const SHEET_NAMES: Record<ExportKind, { ja: string; en: string }> = {
  members: { ja: '組合員', en: 'Members' },
  workplaces: { ja: '職場', en: 'Workplaces' },
  demands: { ja: '交渉・要求', en: 'Demands' },
  tasks: { ja: 'タスク', en: 'Tasks' },
};

export type ExportDownload = {
  kind: ExportKind;
  format: ExportFormat;
  fileNames: { ascii: string; display: string };
  contentType: string;
  /** How many rows matched when the export started (rows removed meanwhile are skipped). */
  matched: number;
  /** The file's bytes, produced as they are read. */
  body: Readable;
  /** The rows written, once the last one is and the export is in the audit log; rejects if it was cut short. */
  finished: Promise<number>;
};

/**
 * Members, workplaces, demands or tasks as CSV or XLSX (SPEC §6), with the list's
 * filters and sort, within the actor's scope exactly as the list (admins and
 * officers only: the `export` permission). The matching ids are taken first (at
 * most EXPORT_MAX_ROWS, else 400 before anything is written); the rows are then
 * read in batches of EXPORT_BATCH_ROWS as the reader consumes the file. The audit
 * log gets one `export` event with the filter and the row count when the last row
 * is written (before the file is closed), or with `complete: false` if the
 * download stops early.
 */
export async function exportRecords<K extends ExportKind>(
  ctx: ServiceContext,
  kind: K,
  format: ExportFormat,
  query: ExportQueryOf[K],
  limits: {
    maxRows?: number;
    batchRows?: number;
    /** The list's `cf.<key>` filters (members and workplaces). */
    customFieldParams?: Record<string, readonly string[]>;
  } = {},
): Promise<ExportDownload> {
  const maxRows = limits.maxRows ?? EXPORT_MAX_ROWS;
  const batchRows = limits.batchRows ?? EXPORT_BATCH_ROWS;
  requirePermission(ctx, 'export');
  const scope = scopeOf(ctx);
  const { lang, ...filter } = query;
  const settings = await findSettings(ctx.db);
  const options: FormatOptions = { lang, timeZone: settings.timezone, format };
  // Custom fields (members and workplaces): one column per active field, and the list's cf.<key> filters.
  const entity = kind === 'members' ? 'member' : kind === 'workplaces' ? 'workplace' : null;
  const definitions = entity ? await activeCustomFieldDefinitions(ctx.db, entity) : [];
  const customFields = entity ? await customFieldFilter(ctx.db, entity, limits.customFieldParams) : null;
  const source = sourceFor(
    ctx,
    kind,
    { ...(filter as Omit<ExportQueryOf[K], 'lang'>), ...(customFields ? { customFields } : {}) },
    scope,
  );
  // Contact details only for roles that may see them (the rows lack them otherwise too).
  const columns = [
    ...(kind === 'members'
      ? memberExportColumns(can(ctx.actor.role, 'contacts.read'))
      : EXPORT_COLUMNS[kind]),
    ...customFieldExportColumns(definitions, lang),
  ] as readonly ExportColumn<unknown>[];

  const ids = await source.ids(maxRows + 1);
  if (ids.length > maxRows) {
    const limit = maxRows.toLocaleString('en');
    throw invalid(
      { filters: `match more than ${limit} rows; narrow them (e.g. by workplace) and export in parts` },
      `An export holds at most ${limit} rows`,
    );
  }

  const headers = headersOf(columns, lang);
  const writer: RowWriter =
    format === 'csv' ? csvWriter(headers) : xlsxWriter(SHEET_NAMES[kind][lang], headers, columns);

  const finished = finishExport(
    ctx,
    writer,
    {
      tableName: kind,
      details: {
        kind,
        format,
        lang,
        filter: { ...definedOnly(filter), ...(customFields ? { customFields } : {}) },
      },
    },
    async (progress) => {
      for (let start = 0; start < ids.length; start += batchRows) {
        const batch = ids.slice(start, start + batchRows);
        const byId = new Map((await source.rows(batch)).map((row) => [row.id, row]));
        for (const id of batch) {
          const row = byId.get(id);
          if (!row) continue; // deleted, or out of the filter or scope, since the export started
          await writer.write(formatRow(columns, row, options));
          progress.written += 1;
        }
      }
    },
  );

  return {
    kind,
    format,
    fileNames: exportFileNames(kind, format, todayIn(settings.timezone, ctx.now), lang),
    contentType: EXPORT_CONTENT_TYPES[format],
    matched: ids.length,
    body: writer.output,
    finished,
  };
}

function sourceFor<K extends ExportKind>(
  ctx: ServiceContext,
  kind: K,
  filter: Omit<ExportQueryOf[K], 'lang'>,
  scope: ReturnType<typeof scopeOf>,
): ExportSource<unknown> {
  switch (kind) {
    case 'members':
      return memberExportSource(
        ctx.db,
        filter as Omit<ExportQueryOf['members'], 'lang'>,
        scope,
        organizationTodaySql(ctx.now),
      );
    case 'workplaces':
      return workplaceExportSource(ctx.db, filter as Omit<ExportQueryOf['workplaces'], 'lang'>, scope);
    case 'demands':
      return demandExportSource(
        ctx.db,
        filter as Omit<ExportQueryOf['demands'], 'lang'>,
        scope,
        organizationTodaySql(ctx.now),
      );
    default: {
      // As the task list: `assignee=me` is the actor, `none` the unassigned tasks.
      const { assignee, ...rest } = filter as Omit<ExportQueryOf['tasks'], 'lang'>;
      const assigneeId = assignee === 'me' ? ctx.actor.id : assignee === 'none' ? null : assignee;
      return taskExportSource(ctx.db, { ...rest, assigneeId }, scope);
    }
  }
}

function definedOnly(filter: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
}
