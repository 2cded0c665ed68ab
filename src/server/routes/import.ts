import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, forbidden, invalid } from '../../core/errors';
import {
  columnMappingSchema,
  createImportMappingSchema,
  importFormSchema,
  importMappingSchema,
  importResultSchema,
  listImportMappingsQuery,
  MAX_LISTED_ERRORS,
  updateImportMappingSchema,
} from '../../core/import/api-schemas';
import type { ColumnMapping, ImportKind } from '../../core/import/types';
import { createImportMapping } from '../../services/import/create-import-mapping';
import { deleteImportMapping } from '../../services/import/delete-import-mapping';
import type { ImportProgress } from '../../services/import/import-engine';
import { type ImportFileResult, importFile } from '../../services/import/import-file';
import { listImportMappings } from '../../services/import/list-import-mappings';
import { MAX_IMPORT_BYTES } from '../../services/import/read-table';
import { updateImportMapping } from '../../services/import/update-import-mapping';
import { serviceContext } from '../context';
import type { AppDeps, AppEnv } from '../env';
import { toAppError } from '../errors';
import { errorFields } from '../logger';
import { requirePermission } from '../middleware/auth';
import {
  createRouter,
  errorResponses,
  idParams,
  jsonBody,
  jsonResponse,
  listOf,
  versionQuery,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Import 取り込み'];

/** The routes that take a file: multipart bodies up to MAX_IMPORT_BYTES (every other write is JSON ≤ 1 MB). */
export const IMPORT_UPLOAD_PATHS: ReadonlySet<string> = new Set([
  '/api/import/members',
  '/api/import/workplaces',
  '/api/import/demand-links',
]);

/** Room for the multipart framing and the other form fields around a file of MAX_IMPORT_BYTES. */
const FORM_OVERHEAD = 512 * 1024;

/** The body limit of an upload: a file over MAX_IMPORT_BYTES is refused (413) before it is read. */
export const importBodyLimit: MiddlewareHandler = bodyLimit({
  maxSize: MAX_IMPORT_BYTES + FORM_OVERHEAD,
  onError: () => {
    throw new AppError('payload_too_large', `The file must be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, {
      file: `must be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    });
  },
});

/**
 * Whether the request is a file upload to an import route, the one place a write
 * may be multipart. A browser lets any site post a multipart form, so an upload
 * must come from this origin: `Sec-Fetch-Site` (or, from browsers without it,
 * `Origin`) naming another site is refused with 403. Scripts send neither.
 */
export function isImportUpload(c: Context, contentType: string): boolean {
  if (!IMPORT_UPLOAD_PATHS.has(c.req.path) || !/^multipart\/form-data\b/i.test(contentType)) return false;
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) {
    if (site !== 'same-origin' && site !== 'none') throw forbidden('Upload files from the Kumiai app itself');
    return true;
  }
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== c.req.header('host')) throw forbidden('Upload files from the Kumiai app itself');
  }
  return true;
}

const uploadForm = importFormSchema.extend({
  file: z
    .instanceof(File, { message: 'must be a file' })
    .meta({ type: 'string', format: 'binary', description: 'CSV (UTF-8 or Shift_JIS), TSV or XLSX' }),
});

const progressSchema = z
  .union([
    z.object({ phase: z.enum(['reading', 'validating', 'writing']), done: z.number(), total: z.number() }),
    z.object({ result: importResultSchema }),
    z.object({
      error: z.object({
        code: z.string(),
        message: z.string(),
        fields: z.record(z.string(), z.string()).optional(),
      }),
    }),
  ])
  .meta({
    id: 'ImportProgressLine',
    description:
      'One line of the NDJSON stream: progress `{phase, done, total}`, then `{result}` or `{error}` as the last line.',
  });

const ROUTE_TEXT: Record<
  ImportKind,
  {
    what: string;
    operationId: string;
    who: string;
    key: string;
    permission: 'records.write' | 'demands.link';
  }
> = {
  members: {
    what: 'members (組合員名簿)',
    operationId: 'importMembers',
    who: 'admins and officers',
    key: 'Upsert by `employeeNumber` (社員番号; rows without one are created); an update changes only the columns the file has.',
    permission: 'records.write',
  },
  workplaces: {
    what: 'workplaces (職場一覧)',
    operationId: 'importWorkplaces',
    who: 'admins and officers',
    key: 'Upsert by `name` (職場名); an update changes only the columns the file has.',
    permission: 'records.write',
  },
  'demand-links': {
    what: 'links of members to demands (要求への組合員の紐付け)',
    operationId: 'importDemandLinks',
    who: 'every role with `demands.link`; a rep links members of their workplaces only',
    key: 'Each row names a member by `ID` (the member export’s id column) or 社員番号, and a demand by 要求ID or 要求 (its title within the season named by 交渉シーズン, else the current season). A member outside the caller’s scope is reported exactly as an unknown one. A pair already linked counts as `unchanged` (already linked); a row repeating an earlier row’s member and demand is linked once (a `link_in_file` warning). Links are made with source `import`; `byDemand` gives the counts per demand. Saved mappings are not available for this kind.',
    permission: 'demands.link',
  },
};

function importRoute(kind: ImportKind) {
  const text = ROUTE_TEXT[kind];
  return createRoute({
    method: 'post',
    path: `/import/${kind}`,
    operationId: text.operationId,
    tags,
    // Authorized before the upload is parsed.
    middleware: [requirePermission(text.permission)] as const,
    summary: `Import ${text.what} from a CSV, TSV or XLSX file (${text.who})`,
    description: [
      text.key,
      'CSV may be UTF-8 (with or without BOM) or Shift_JIS/CP932, as Excel writes it. At most 32 MB.',
      '`dryRun` defaults to **true**: the import is computed in a transaction that is rolled back, and the answer lists the counts and every row error (row, column, reason). Send `dryRun=false` to apply.',
      'All or nothing: one row error and nothing is written, unless `skipInvalid=true` (the valid rows are applied, the others reported as skipped).',
      'Without `mapping` or `mappingId` the columns are matched by their headers (Japanese or English); the answer shows the mapping used.',
      'With `Accept: application/x-ndjson` the answer is a stream of progress lines `{"phase":"reading"|"validating"|"writing","done":n,"total":m}` ending with `{"result":…}` or `{"error":…}`.',
    ].join('\n\n'),
    request: {
      body: { required: true, content: { 'multipart/form-data': { schema: uploadForm } } },
    },
    responses: {
      200: {
        description: 'What the import did (or, for a dry run or when errors stopped it, would do)',
        content: {
          'application/json': { schema: importResultSchema },
          'application/x-ndjson': { schema: progressSchema },
        },
      },
      ...writeErrorResponses,
      413: {
        description: 'The file is larger than 32 MB',
        content: {
          'application/json': {
            schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
          },
        },
      },
    },
  });
}

/** The mapping form field: a JSON object of header → field or null. */
function mappingOf(text: string | undefined): ColumnMapping | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid({ mapping: 'is not valid JSON' });
  }
  const parsed = columnMappingSchema.safeParse(value);
  if (!parsed.success || value === null || Array.isArray(value)) {
    throw invalid({ mapping: 'must be a JSON object of file header → field name or null' });
  }
  return parsed.data;
}

/** The answer lists the first errors and warnings; `errorCount` and `warningCount` count them all. */
function presentResult(result: ImportFileResult) {
  const { errors, warnings, ...rest } = result;
  return {
    ...rest,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: errors.length,
    warnings: warnings.slice(0, MAX_LISTED_ERRORS),
    warningCount: warnings.length,
  };
}

export function importRoutes(deps: AppDeps) {
  const log = deps.log ?? ((level, message, extra) => console[level](message, extra ?? ''));
  const upload = async (c: Context<AppEnv>, kind: ImportKind, form: z.infer<typeof uploadForm>) => {
    const ctx = serviceContext(c, deps);
    const input = {
      kind,
      data: new Uint8Array(await form.file.arrayBuffer()),
      fileName: form.file.name || `${kind}.csv`,
      mapping: mappingOf(form.mapping),
      mappingId: form.mappingId,
      dryRun: form.dryRun,
      createWorkplaces: form.createWorkplaces,
      skipInvalid: form.skipInvalid,
    };
    if (!/\bapplication\/x-ndjson\b/i.test(c.req.header('accept') ?? '')) {
      return c.json(presentResult(await importFile(ctx, input)), 200);
    }
    const encoder = new TextEncoder();
    // A client that went away does not stop the import (as with a plain JSON answer): lines are dropped.
    let open = true;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (value: unknown) => {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
          } catch {
            open = false;
          }
        };
        try {
          const result = await importFile(ctx, {
            ...input,
            onProgress: async (p: ImportProgress) => {
              send(p);
              // Let the event loop write the line now: PGlite runs in this thread, and an import
              // that only awaits its queries would otherwise hold every line until the end.
              await new Promise((resolve) => setImmediate(resolve));
            },
          });
          send({ result: presentResult(result) });
        } catch (err) {
          const appError = toAppError(err);
          if (appError.code === 'internal_error') {
            // As app.ts's onError: never the message (a failed query's holds the rows' values).
            log('error', 'request failed', {
              reqId: c.get('requestId'),
              method: c.req.method,
              route: c.req.routePath,
              error: errorFields(err),
            });
          }
          send({
            error: {
              code: appError.code,
              message: appError.message,
              ...(appError.fields ? { fields: appError.fields } : {}),
              ...(appError.code === 'internal_error' ? { requestId: c.get('requestId') } : {}),
            },
          });
        }
        if (open) controller.close();
      },
      cancel() {
        // The import runs to its end and commits or rolls back on its own.
        open = false;
      },
    });
    return new Response(body, {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
    });
  };

  return (
    createRouter()
      .openapi(
        createRoute({
          method: 'get',
          path: '/import/mappings',
          operationId: 'listImportMappings',
          tags,
          summary: 'Saved column mappings (admins and officers)',
          request: { query: listImportMappingsQuery },
          responses: {
            200: jsonResponse(
              listOf(importMappingSchema, 'ImportMappingList'),
              'Saved mappings, by kind and name',
            ),
            ...errorResponses,
          },
        }),
        async (c) =>
          c.json(present(await listImportMappings(serviceContext(c, deps), c.req.valid('query'))), 200),
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/import/mappings',
          operationId: 'createImportMapping',
          tags,
          summary: 'Save a column mapping under a name (unique per kind)',
          request: { body: jsonBody(createImportMappingSchema) },
          responses: { 201: jsonResponse(importMappingSchema, 'The saved mapping'), ...writeErrorResponses },
        }),
        async (c) =>
          c.json(present(await createImportMapping(serviceContext(c, deps), c.req.valid('json'))), 201),
      )
      .openapi(
        createRoute({
          method: 'patch',
          path: '/import/mappings/{id}',
          operationId: 'updateImportMapping',
          tags,
          summary: 'Rename or change a saved mapping (send the `version` you read)',
          request: { params: idParams, body: jsonBody(updateImportMappingSchema) },
          responses: {
            200: jsonResponse(importMappingSchema, 'The changed mapping'),
            ...writeErrorResponses,
          },
        }),
        async (c) =>
          c.json(
            present(
              await updateImportMapping(
                serviceContext(c, deps),
                c.req.valid('param').id,
                c.req.valid('json'),
              ),
            ),
            200,
          ),
      )
      .openapi(
        createRoute({
          method: 'delete',
          path: '/import/mappings/{id}',
          operationId: 'deleteImportMapping',
          tags,
          summary: 'Delete a saved mapping (send the `version` you read)',
          request: { params: idParams, query: versionQuery },
          responses: { 204: { description: 'Deleted' }, ...writeErrorResponses },
        }),
        async (c) => {
          await deleteImportMapping(
            serviceContext(c, deps),
            c.req.valid('param').id,
            c.req.valid('query').version,
          );
          return c.body(null, 204);
        },
      )
      // The answer is JSON or an NDJSON stream (a plain Response), which the typed handler signature cannot express.
      .openapi(importRoute('members'), (c) => upload(c, 'members', c.req.valid('form')) as never)
      .openapi(importRoute('workplaces'), (c) => upload(c, 'workplaces', c.req.valid('form')) as never)
      .openapi(importRoute('demand-links'), (c) => upload(c, 'demand-links', c.req.valid('form')) as never)
  );
}
