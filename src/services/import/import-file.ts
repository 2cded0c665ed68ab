import { AppError, notFound } from '../../core/errors';
import { type ImportCustomField, suggestMapping } from '../../core/import/mapping';
import { parseDemandLinkTable, parseMemberTable, parseWorkplaceRows } from '../../core/import/parse-rows';
import type { ColumnMapping, ImportKind, RawTable } from '../../core/import/types';
import { activeCustomFieldDefinitions } from '../../db/queries/custom-fields';
import { findImportMapping } from '../../db/queries/import-mappings';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';
import { applyDemandLinkImport } from './apply-demand-link-import';
import { applyMemberImport } from './apply-member-import';
import { applyWorkplaceImport } from './apply-workplace-import';
import type { ImportResult, ProgressListener } from './import-engine';
import { assertValidMapping } from './mapping-rules';
import { readTable } from './read-table';

export type ImportFileInput = {
  kind: ImportKind;
  data: Uint8Array;
  fileName: string;
  /** The mapping to use; else a saved one (`mappingId` or `mappingName`); else the suggested one. */
  mapping?: ColumnMapping | undefined;
  mappingId?: string | undefined;
  mappingName?: string | undefined;
  dryRun: boolean;
  createWorkplaces?: boolean;
  skipInvalid?: boolean;
  onProgress?: ProgressListener;
};

export type ImportFileResult = ImportResult & {
  fileName: string;
  format: RawTable['format'];
  encoding: RawTable['encoding'] | null;
  headers: string[];
  /** The mapping used, one entry per header of the file. */
  mapping: ColumnMapping;
};

/**
 * An import from a file, as the API and the CLI run it: read the file (CSV in
 * UTF-8 or Shift_JIS, TSV, XLSX), map its columns, parse the cells, then apply
 * the rows in one transaction (or only check them: `dryRun`). Progress is
 * reported per phase: reading, validating, writing. Members and workplaces need
 * `records.write`; demand links `demands.link` (within the actor's scope).
 */
export async function importFile(ctx: ServiceContext, input: ImportFileInput): Promise<ImportFileResult> {
  requirePermission(ctx, input.kind === 'demand-links' ? 'demands.link' : 'records.write');
  const bytes = input.data.byteLength;
  await input.onProgress?.({ phase: 'reading', done: 0, total: bytes });
  const table = await readTable(input.data, input.fileName);
  await input.onProgress?.({ phase: 'reading', done: bytes, total: bytes });

  // Custom fields: columns headed by a field's label or key fill it (members and workplaces).
  const customFields =
    input.kind === 'demand-links'
      ? []
      : await activeCustomFieldDefinitions(ctx.db, input.kind === 'members' ? 'member' : 'workplace');
  const mapping = restrictTo(table.headers, await chosenMapping(ctx, input, table.headers, customFields));
  assertValidMapping(input.kind, mapping, 'mapping', table.headers, customFields);
  await input.onProgress?.({ phase: 'validating', done: 0, total: table.rows.length });
  const options = {
    dryRun: input.dryRun,
    createWorkplaces: input.createWorkplaces ?? false,
    skipInvalid: input.skipInvalid ?? false,
    columnNames: columnNamesOf(mapping),
    fileName: input.fileName,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  };
  // Members and demand links: the rows with parse errors go along, so the check also reports
  // what the database says about them (an unknown workplace, owner, ID or demand) in the same pass.
  let result: ImportResult;
  if (input.kind === 'members') {
    const parsed = parseMemberTable(table, mapping, customFields);
    result = await applyMemberImport(ctx, [...parsed.rows, ...parsed.invalidRows], {
      ...options,
      parseErrors: parsed.errors,
    });
  } else if (input.kind === 'workplaces') {
    const parsed = parseWorkplaceRows(table, mapping, customFields);
    result = await applyWorkplaceImport(ctx, parsed.rows, { ...options, parseErrors: parsed.errors });
  } else {
    const parsed = parseDemandLinkTable(table, mapping);
    result = await applyDemandLinkImport(ctx, [...parsed.rows, ...parsed.invalidRows], {
      ...options,
      parseErrors: parsed.errors,
    });
  }
  return {
    ...result,
    fileName: input.fileName,
    format: table.format,
    encoding: table.encoding ?? null,
    headers: table.headers,
    mapping,
  };
}

async function chosenMapping(
  ctx: ServiceContext,
  input: ImportFileInput,
  headers: readonly string[],
  customFields: readonly ImportCustomField[],
): Promise<ColumnMapping> {
  if (input.mapping) return input.mapping;
  if (input.mappingId || input.mappingName) {
    // Demand-link mappings cannot be saved (import_mappings_kind): a name finds none.
    const saved = input.mappingId
      ? await findImportMapping(ctx.db, { id: input.mappingId })
      : input.kind === 'demand-links'
        ? undefined
        : await findImportMapping(ctx.db, { kind: input.kind, name: input.mappingName! });
    if (!saved) throw notFound('Import mapping');
    if (saved.kind !== input.kind) {
      throw new AppError('validation_failed', 'The saved mapping is for another kind of import', {
        mappingId: `is a mapping for ${saved.kind}`,
      });
    }
    return saved.columns;
  }
  return suggestMapping(input.kind, headers, customFields);
}

/** One entry per header of the file (a header the mapping does not name is ignored); no prototype. */
function restrictTo(headers: readonly string[], mapping: ColumnMapping): ColumnMapping {
  const used: ColumnMapping = Object.create(null);
  for (const header of headers) {
    const field = Object.hasOwn(mapping, header) ? mapping[header] : null;
    used[header] = typeof field === 'string' && field !== '' ? field : null;
  }
  return used;
}

/** field → the header that fills it, so that errors name the column the user sees. */
function columnNamesOf(mapping: ColumnMapping): Record<string, string> {
  const names: Record<string, string> = Object.create(null);
  for (const [header, field] of Object.entries(mapping)) if (field) names[field] ??= header;
  return names;
}
