import { storableText } from '../../core/common/schemas';
import { ENGAGEMENTS, MEMBER_STATUSES, UNION_ROLES } from '../../core/enums';
import type { MemberImportRow, RowWarning } from '../../core/import/types';
import { contactInputFields, PREFERRED_CHANNELS } from '../../core/members/contacts';
import { normalizeKana } from '../../core/members/kana';
import { insertAuditEvents } from '../../db/queries/audit';
import { activeCustomFieldDefinitions } from '../../db/queries/custom-fields';
import { listStagedDuplicateWarnings } from '../../db/queries/duplicates';
import {
  classifyMemberStage,
  createMemberStage,
  createStageWorkplaces,
  insertStagedEngagementHistory,
  insertStagedMembers,
  listStagedChanges,
  MEMBER_FIELD_BITS,
  MEMBER_IMPORT_COLUMNS,
  MEMBER_STAGE,
  type MemberImportField,
  markParseFailedRows,
  missingStageWorkplaces,
  resolveMemberStage,
  stageMemberRows,
  updateStagedMembers,
} from '../../db/queries/import-members';
import {
  addStageErrors,
  analyzeStage,
  dropInvalidStageRows,
  listStageErrors,
  lockImports,
} from '../../db/queries/import-stage';
import { requirePermission } from '../access';
import type { ServiceContext } from '../context';
import { followUpAtRisk } from '../workflows/follow-up-at-risk';
import {
  type ApplyImportOptions,
  checkCustomFields,
  checkDate,
  checkEnum,
  checkText,
  distinctRows,
  type FieldError,
  finalErrors,
  IMPORT_REASON,
  type ImportResult,
  inImportTransaction,
  MAX_CHANGED_ROWS,
  type RowChange,
  stageInChunks,
} from './import-engine';

/**
 * Imports member rows (名簿): upsert by the member's id (an export's ID column) when
 * the row has one, else by employee number (社員番号), all or nothing, with bulk SQL —
 * the rows are staged in chunks, then merged by a fixed number of set-based
 * statements. Rows with neither are created; an unknown id is a row error. Rows
 * with parse errors (named in `parseErrors`) are staged too, so that one check
 * reports everything wrong with them, and are never written. An update changes
 * only the columns the file has. Engagement history
 * records each new member's initial value and each change (with the file's
 * reason or 「インポート」), and members who became at_risk get the follow-up
 * task, as for any other change. Needs `records.write` (admins and officers).
 */
export async function applyMemberImport(
  ctx: ServiceContext,
  rows: readonly MemberImportRow[],
  options: ApplyImportOptions,
): Promise<ImportResult> {
  requirePermission(ctx, 'records.write');
  const failed = new Set((options.parseErrors ?? []).map((e) => e.row));
  const checkErrors: FieldError[] = [];
  const staged: Record<string, unknown>[] = rows.map((row) => ({
    ...stageRow(row, checkErrors),
    parse_failed: failed.has(row.row),
  }));
  const presentMask = staged.reduce((mask, r) => mask | (r.present as number), 0);
  const total = distinctRows([...rows, ...(options.parseErrors ?? [])]);

  return inImportTransaction(ctx, async (tx) => {
    await lockImports(tx);
    await createMemberStage(tx);
    await stageInChunks(staged, options, (chunk) => stageMemberRows(tx, chunk));
    await addStageErrors(tx, checkErrors);
    await analyzeStage(tx, MEMBER_STAGE);
    const requiredCustomFields = (await activeCustomFieldDefinitions(tx, 'member'))
      .filter((d) => d.required)
      .map((d) => d.key);
    await resolveMemberStage(tx, {
      createWorkplaces: options.createWorkplaces ?? false,
      requiredCustomFields,
    });
    const errors = finalErrors(options.parseErrors, await listStageErrors(tx), options.columnNames);
    // The rows that did not parse count as rows with errors from here on (skipped, never written).
    await markParseFailedRows(tx);
    const blocked = errors.length > 0 && !options.skipInvalid;
    if (options.skipInvalid) await dropInvalidStageRows(tx, MEMBER_STAGE);
    const counts = await classifyMemberStage(tx);
    const changes = groupChanges(await listStagedChanges(tx, MAX_CHANGED_ROWS), options.columnNames);
    const warnings = duplicateWarnings(
      await listStagedDuplicateWarnings(tx, counts.created),
      options.columnNames,
    );
    const result: ImportResult = {
      kind: 'members',
      dryRun: options.dryRun,
      applied: false,
      total,
      ...counts,
      skipped: distinctRows(errors),
      errors,
      warnings,
      createdWorkplaces: [],
      followUpTasks: 0,
      changes,
      changesNotListed: Math.max(0, counts.updated - changes.length),
      byDemand: [],
    };
    if (blocked) {
      if (options.createWorkplaces) result.createdWorkplaces = await missingStageWorkplaces(tx);
      return { result, commit: false };
    }

    const writing = counts.created + counts.updated;
    await options.onProgress?.({ phase: 'writing', done: 0, total: writing });
    if (options.createWorkplaces) {
      result.createdWorkplaces = await createStageWorkplaces(tx, {
        now: ctx.now,
        actorId: ctx.actor.id,
        reason: IMPORT_REASON,
      });
    }
    await insertStagedMembers(tx, ctx.now);
    await options.onProgress?.({ phase: 'writing', done: counts.created, total: writing });
    if (counts.updated) await updateStagedMembers(tx, ctx.now, presentMask);
    const becameAtRisk = await insertStagedEngagementHistory(tx, {
      now: ctx.now,
      actorId: ctx.actor.id,
      defaultReason: IMPORT_REASON,
    });
    // SPEC §4 at_risk_follow_up fires for imported changes like any other, in this transaction.
    result.followUpTasks = (await followUpAtRisk(tx, ctx.now, becameAtRisk)).length;
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'import',
        tableName: 'members',
        details: auditDetails(result, options.fileName),
      },
    ]);
    await options.onProgress?.({ phase: 'writing', done: writing, total: writing });
    return { result: { ...result, applied: !options.dryRun }, commit: !options.dryRun };
  });
}

/**
 * Counts and the file name only: no personal data in the audit event. The name is the
 * client's: what jsonb cannot hold (NUL, half a surrogate pair) becomes U+FFFD.
 */
export function auditDetails(result: ImportResult, fileName: string | undefined) {
  return {
    kind: result.kind,
    fileName: fileName === undefined ? null : storableText(fileName),
    total: result.total,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    skipped: result.skipped,
    createdWorkplaces: result.createdWorkplaces.length,
    followUpTasks: result.followUpTasks,
  };
}

/**
 * Likely duplicates as the result says them: the file's column, and a message naming the
 * existing member or the earlier row. What happens is unchanged (a new member is created,
 * an update applied): the user decides — fix the employee number, or import the export
 * with its ID column, to update the existing member instead.
 */
function duplicateWarnings(
  rows: Awaited<ReturnType<typeof listStagedDuplicateWarnings>>,
  columnNames: Readonly<Record<string, string>> | undefined,
): RowWarning[] {
  const column = (field: string) => columnNames?.[field] ?? field;
  return rows.map((w) => {
    const byName = w.kind === 'same_name' || w.kind === 'same_name_in_file';
    const message =
      w.kind === 'same_name'
        ? `has the same name and reading as an existing member (${w.memberName}); a new member would be created`
        : w.kind === 'same_name_in_file'
          ? `has the same name and reading as row ${w.otherRow}; both would be created`
          : w.kind === 'employee_number_zeros'
            ? `equals the employee number ${w.memberEmployeeNumber} of ${w.memberName} but for leading zeros; a new member would be created`
            : w.kind === 'employee_number_zeros_in_file'
              ? `equals the employee number of row ${w.otherRow} but for leading zeros; both would be created`
              : `would change the employee number ${w.memberEmployeeNumber} only in its leading zeros`;
    return { ...w, column: column(byName ? 'name' : 'employeeNumber'), message };
  });
}

function groupChanges(
  rows: Awaited<ReturnType<typeof listStagedChanges>>,
  columnNames: Readonly<Record<string, string>> | undefined,
): RowChange[] {
  const byRow = new Map<number, RowChange>();
  for (const r of rows) {
    let change = byRow.get(r.row);
    if (!change) {
      change = { row: r.row, name: r.name, fields: [] };
      byRow.set(r.row, change);
    }
    change.fields.push({
      field: r.field,
      column: columnNames?.[r.field] ?? r.field,
      before: r.before,
      after: r.after,
    });
  }
  return [...byRow.values()];
}

const TEXT_LIMITS: Partial<Record<MemberImportField, number>> = {
  employeeNumber: 50,
  name: 100,
  nameKana: 100,
  workplaceName: 100,
  department: 100,
  jobType: 100,
  grade: 50,
  engagementReason: 1000,
  concerns: 4000,
  nextAction: 500,
  parentOrganization: 200,
  owner: 254,
  postalAddress: 300,
};
const DATE_FIELDS = new Set<MemberImportField>(['joinedOn', 'leftOn', 'nextActionDueOn']);

/** A row as staged (column → value) with its present-columns mask; bad cells become errors. */
function stageRow(row: MemberImportRow, errors: FieldError[]): Record<string, unknown> {
  const source = row as Record<string, unknown>;
  const out: Record<string, unknown> = { row_no: row.row };
  let present = 0;
  for (const c of MEMBER_IMPORT_COLUMNS) {
    const raw = source[c.field];
    if (raw === undefined) continue;
    present |= MEMBER_FIELD_BITS[c.field];
    let value: unknown;
    if (c.field === 'id') value = checkUuid(errors, row.row, raw);
    else if (c.field === 'engagement') value = checkEnum(errors, row.row, c.field, raw, ENGAGEMENTS);
    else if (c.field === 'unionRole') value = checkEnum(errors, row.row, c.field, raw, UNION_ROLES);
    else if (c.field === 'status') value = checkEnum(errors, row.row, c.field, raw, MEMBER_STATUSES);
    else if (c.field === 'preferredChannel')
      value = checkEnum(errors, row.row, c.field, raw, PREFERRED_CHANNELS) ?? null;
    else if (c.field === 'phones' || c.field === 'emails') value = checkList(errors, row.row, c.field, raw);
    else if (c.field === 'customFields') value = checkCustomFields(errors, row.row, raw);
    else if (DATE_FIELDS.has(c.field)) value = checkDate(errors, row.row, c.field, raw);
    else value = checkText(errors, row.row, c.field, raw, TEXT_LIMITS[c.field] ?? 4000, c.field === 'name');
    // The same normal forms as a member saved by hand: NFKC employee numbers, katakana readings.
    if (typeof value === 'string' && c.field === 'employeeNumber') value = value.normalize('NFKC');
    if (typeof value === 'string' && c.field === 'nameKana') value = normalizeKana(value) || null;
    out[c.column] = value ?? null;
  }
  // An enum cell that was present but empty leaves the stored value (or the default) alone.
  for (const field of ['engagement', 'unionRole', 'status'] as const) {
    if (source[field] !== undefined && out[columnOf(field)] === null) present &= ~MEMBER_FIELD_BITS[field];
  }
  out.present = present;
  return out;
}

/** A contact list as the form's schema takes it (the parser made it; checked again as staged). */
function checkList(errors: FieldError[], row: number, field: 'phones' | 'emails', value: unknown) {
  const parsed = contactInputFields[field].safeParse(value);
  if (parsed.success) return parsed.data ?? [];
  errors.push({ row, field, message: parsed.error.issues[0]?.message ?? 'is invalid' });
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkUuid(errors: FieldError[], row: number, value: unknown): string | null {
  if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
  errors.push({ row, field: 'id', message: 'must be a member ID' });
  return null;
}

function columnOf(field: MemberImportField): string {
  return MEMBER_IMPORT_COLUMNS.find((c) => c.field === field)!.column;
}
