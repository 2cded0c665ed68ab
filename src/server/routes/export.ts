import { createRoute, z } from '@hono/zod-openapi';
import { customFieldFilterParams } from '../../core/custom-fields/filters';
import { EXPORT_FORMATS, EXPORT_KINDS } from '../../core/export/columns';
import { EXPORT_QUERIES } from '../../core/export/schemas';
import {
  EXPORT_BATCH_ROWS,
  EXPORT_CONTENT_TYPES,
  EXPORT_MAX_ROWS,
  exportRecords,
} from '../../services/export/export-records';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { fileDownload } from '../file-download';
import { requirePermission } from '../middleware/auth';
import { createRouter, errorResponses } from '../openapi';

const tags = ['Export エクスポート'];

const initialCap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const LIST_PATHS = { members: '/members', workplaces: '/workplaces', demands: '/demands', tasks: '/tasks' };

const description = (kind: string, format: string) =>
  [
    `The ${kind} the list \`GET /api${LIST_PATHS[kind as keyof typeof LIST_PATHS]}\` would give with the same filters and sort (no paging: every matching row), within the caller's scope exactly as the list. Admins and officers only (the \`export\` permission); other roles get 403 before anything is read.`,
    format === 'csv'
      ? 'CSV as Excel opens it: UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting.'
      : 'XLSX: one sheet, a bold frozen header row with a filter; dates are text `YYYY-MM-DD`, so reading the file back gives exactly the exported values.',
    "`lang=ja` (default): the Japanese headers of SPEC §3 and Japanese enum labels; `lang=en`: English headers and API values. Text cells starting with `=`, `+`, `-`, `@`, a tab or a carriage return are prefixed with `'` (formula injection guard); the import removes it again.",
    `At most ${EXPORT_MAX_ROWS.toLocaleString('en')} rows (400 beyond, before anything is written); the file is streamed, read from the database ${EXPORT_BATCH_ROWS.toLocaleString('en')} rows at a time. Every export is recorded in the audit log (\`export\`, with the filter and the row count).`,
  ].join('\n\n');

/**
 * `GET /api/export/{members|workplaces|demands|tasks}.{csv|xlsx}` (SPEC §6): one
 * route per file, each documenting its kind's list filters.
 */
export function exportRoutes(deps: AppDeps) {
  const log = deps.log ?? ((level, message) => console[level](message));
  const router = createRouter();
  router.use('/export/*', requirePermission('export'));
  for (const kind of EXPORT_KINDS) {
    for (const format of EXPORT_FORMATS) {
      router.openapi(
        createRoute({
          method: 'get',
          path: `/export/${kind}.${format}`,
          operationId: `export${initialCap(kind)}${initialCap(format)}`, // exportMembersCsv …
          tags,
          summary: `Export ${kind} as ${format.toUpperCase()} with the list's filters`,
          description: description(kind, format),
          request: { query: EXPORT_QUERIES[kind] },
          responses: {
            200: {
              description: 'The file, as an attachment',
              content: { [EXPORT_CONTENT_TYPES[format]]: { schema: z.string().meta({ format: 'binary' }) } },
            },
            ...errorResponses,
          },
        }),
        async (c) => {
          const download = await exportRecords(serviceContext(c, deps), kind, format, c.req.valid('query'), {
            customFieldParams: customFieldFilterParams(c.req.queries()),
          });
          return fileDownload(download, log, `GET ${c.req.routePath}`);
        },
      );
    }
  }
  return router;
}
