import { ATMOSPHERES } from '../../core/enums';
import type { WorkplaceImportRow } from '../../core/import/types';
import { normalizeKana } from '../../core/members/kana';
import { insertAuditEvents } from '../../db/queries/audit';
import { activeCustomFieldDefinitions } from '../../db/queries/custom-fields';
import {
  addStageErrors,
  analyzeStage,
  dropInvalidStageRows,
  listStageErrors,
  lockImports,
} from '../../db/queries/import-stage';
import {
  classifyWorkplaceStage,
  createWorkplaceStage,
  insertStagedAtmosphereHistory,
  insertStagedWorkplaces,
  resolveWorkplaceStage,
  stageWorkplaceRows,
  updateStagedWorkplaces,
  WORKPLACE_FIELD_BITS,
  WORKPLACE_IMPORT_COLUMNS,
  WORKPLACE_STAGE,
  type WorkplaceImportField,
} from '../../db/queries/import-workplaces';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';
import { auditDetails } from './apply-member-import';
import {
  type ApplyImportOptions,
  checkCustomFields,
  checkEnum,
  checkText,
  distinctRows,
  type FieldError,
  finalErrors,
  IMPORT_REASON,
  type ImportResult,
  inImportTransaction,
  rowsWithoutParseErrors,
  stageInChunks,
} from './import-engine';

const MAX_COUNT = 2_147_483_647;

/**
 * Imports workplace rows (職場一覧): upsert by name, all or nothing, staged and
 * merged set-based like the member import. Atmosphere history records each new
 * workplace's initial value and each change. Needs `records.write`.
 */
export async function applyWorkplaceImport(
  ctx: ServiceContext,
  rows: readonly WorkplaceImportRow[],
  options: ApplyImportOptions,
): Promise<ImportResult> {
  requirePermission(ctx, 'records.write');
  const checkErrors: FieldError[] = [];
  const staged = rowsWithoutParseErrors(rows, options.parseErrors).map((row) => stageRow(row, checkErrors));
  const presentMask = staged.reduce((mask, r) => mask | (r.present as number), 0);
  const total = distinctRows([...rows, ...(options.parseErrors ?? [])]);

  return inImportTransaction(ctx, async (tx) => {
    await lockImports(tx);
    await createWorkplaceStage(tx);
    await stageInChunks(staged, options, (chunk) => stageWorkplaceRows(tx, chunk));
    await addStageErrors(tx, checkErrors);
    await analyzeStage(tx, WORKPLACE_STAGE);
    const requiredCustomFields = (await activeCustomFieldDefinitions(tx, 'workplace'))
      .filter((d) => d.required)
      .map((d) => d.key);
    await resolveWorkplaceStage(tx, requiredCustomFields);
    const errors = finalErrors(options.parseErrors, await listStageErrors(tx), options.columnNames);
    const blocked = errors.length > 0 && !options.skipInvalid;
    if (options.skipInvalid) await dropInvalidStageRows(tx, WORKPLACE_STAGE);
    const counts = await classifyWorkplaceStage(tx);
    const result: ImportResult = {
      kind: 'workplaces',
      dryRun: options.dryRun,
      applied: false,
      total,
      ...counts,
      skipped: distinctRows(errors),
      errors,
      warnings: [],
      createdWorkplaces: [],
      changes: [],
      changesNotListed: 0,
      byDemand: [],
      followUpTasks: 0,
    };
    if (blocked) return { result, commit: false };

    const writing = counts.created + counts.updated;
    await options.onProgress?.({ phase: 'writing', done: 0, total: writing });
    await insertStagedWorkplaces(tx, ctx.now);
    await options.onProgress?.({ phase: 'writing', done: counts.created, total: writing });
    if (counts.updated) await updateStagedWorkplaces(tx, ctx.now, presentMask);
    await insertStagedAtmosphereHistory(tx, { now: ctx.now, actorId: ctx.actor.id, reason: IMPORT_REASON });
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'import',
        tableName: 'workplaces',
        details: auditDetails(result, options.fileName),
      },
    ]);
    await options.onProgress?.({ phase: 'writing', done: writing, total: writing });
    return { result: { ...result, applied: !options.dryRun }, commit: !options.dryRun };
  });
}

const TEXT_LIMITS: Partial<Record<WorkplaceImportField, number>> = {
  name: 100,
  nameKana: 100,
  establishment: 200,
  issues: 4000,
  organizingStatus: 4000,
  owner: 254,
};

function stageRow(row: WorkplaceImportRow, errors: FieldError[]): Record<string, unknown> {
  const source = row as Record<string, unknown>;
  const out: Record<string, unknown> = { row_no: row.row };
  let present = 0;
  for (const c of WORKPLACE_IMPORT_COLUMNS) {
    const raw = source[c.field];
    if (raw === undefined) continue;
    present |= WORKPLACE_FIELD_BITS[c.field];
    let value: unknown;
    if (c.field === 'atmosphere') {
      value = checkEnum(errors, row.row, c.field, raw, ATMOSPHERES);
      if (value === undefined) present &= ~WORKPLACE_FIELD_BITS.atmosphere;
    } else if (c.field === 'customFields') {
      value = checkCustomFields(errors, row.row, raw);
    } else if (c.field === 'employeeCount') {
      value = raw;
      if (raw !== null && (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > MAX_COUNT)) {
        errors.push({ row: row.row, field: c.field, message: 'must be a whole number, 0 or more' });
        value = null;
      }
    } else {
      value = checkText(errors, row.row, c.field, raw, TEXT_LIMITS[c.field] ?? 4000, c.field === 'name');
      // Rows parsed from a file are normalized already; rows given directly are normalized here.
      if (c.field === 'nameKana' && typeof value === 'string') value = normalizeKana(value) || null;
    }
    out[c.column] = value ?? null;
  }
  out.present = present;
  return out;
}
