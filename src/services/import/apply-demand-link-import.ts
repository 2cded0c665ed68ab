import type { DemandLinkCount, DemandLinkImportRow, RowWarning } from '../../core/import/types';
import { insertAuditEvents } from '../../db/queries/audit';
import {
  classifyDemandLinkStage,
  countDemandLinkStage,
  createDemandLinkStage,
  DEMAND_LINK_STAGE,
  insertStagedDemandLinks,
  resolveDemandLinkStage,
  stageDemandLinkRows,
} from '../../db/queries/import-demand-links';
import { addStageErrors, analyzeStage, listStageErrors, lockImports } from '../../db/queries/import-stage';
import { organizationTodaySql } from '../../db/queries/settings';
import { requirePermission, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { auditDetails } from './apply-member-import';
import {
  type ApplyImportOptions,
  checkText,
  distinctRows,
  type FieldError,
  finalErrors,
  type ImportResult,
  inImportTransaction,
  stageInChunks,
} from './import-engine';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Links members to demands from a file (要求への組合員の紐付け, issue 15 §1): each row names
 * a member (ID, or 社員番号) and a demand (要求ID, or 要求: the title within the season of
 * 交渉シーズン, else the current season). One transaction: the rows are staged, resolved and
 * checked set-based (db/queries/import-demand-links.ts), then one INSERT … SELECT … ON
 * CONFLICT DO NOTHING makes the links with source `import`. A pair already linked counts as
 * `unchanged` (already linked); a row repeating an earlier row's pair is linked once and
 * reported as a `link_in_file` warning. Any row error writes nothing unless `skipInvalid`;
 * a dry run is the same transaction rolled back. Needs `demands.link`; members are looked up
 * within the actor's scope (a rep's workplaces), and one outside it is reported exactly as an
 * unknown one. One `import` audit event (table demand_members) records the counts.
 *
 * `rows` may include rows with parse errors (`parseErrors` names them): they are staged too,
 * so one check reports what the database says about their other cells.
 */
export async function applyDemandLinkImport(
  ctx: ServiceContext,
  rows: readonly DemandLinkImportRow[],
  options: ApplyImportOptions,
): Promise<ImportResult> {
  requirePermission(ctx, 'demands.link');
  const scope = scopeOf(ctx);
  const checkErrors: FieldError[] = [];
  const failed = new Set((options.parseErrors ?? []).map((e) => e.row));
  const staged = rows.map((row) => stageRow(row, failed.has(row.row), checkErrors));
  const total = distinctRows([...rows, ...(options.parseErrors ?? [])]);

  return inImportTransaction(ctx, async (tx) => {
    await lockImports(tx);
    await createDemandLinkStage(tx);
    await stageInChunks(staged, options, (chunk) => stageDemandLinkRows(tx, chunk));
    await addStageErrors(tx, checkErrors);
    await analyzeStage(tx, DEMAND_LINK_STAGE);
    await resolveDemandLinkStage(tx, { scope, today: organizationTodaySql(ctx.now) });
    const errors = finalErrors(options.parseErrors, await listStageErrors(tx), options.columnNames);
    const blocked = errors.length > 0 && !options.skipInvalid;
    const repeats = await classifyDemandLinkStage(tx);
    const byDemand = await countDemandLinkStage(tx);
    const created = sum(byDemand, 'linked');
    const result: ImportResult = {
      kind: 'demand-links',
      dryRun: options.dryRun,
      applied: false,
      total,
      created,
      updated: 0,
      unchanged: sum(byDemand, 'alreadyLinked') + repeats.length,
      skipped: distinctRows(errors),
      errors,
      warnings: repeats.map(repeatWarning),
      createdWorkplaces: [],
      changes: [],
      changesNotListed: 0,
      followUpTasks: 0,
      byDemand,
    };
    if (blocked) return { result, commit: false };

    await options.onProgress?.({ phase: 'writing', done: 0, total: created });
    const linked = await insertStagedDemandLinks(tx, { now: ctx.now, actorId: ctx.actor.id });
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'import',
        tableName: 'demand_members',
        details: {
          ...auditDetails(result, options.fileName),
          linked,
          demands: byDemand.filter((d) => d.linked > 0).length,
          source: 'import',
        },
      },
    ]);
    await options.onProgress?.({ phase: 'writing', done: created, total: created });
    return { result: { ...result, applied: !options.dryRun }, commit: !options.dryRun };
  });
}

const sum = (counts: readonly DemandLinkCount[], key: 'linked' | 'alreadyLinked') =>
  counts.reduce((n, c) => n + c[key], 0);

/** A row naming the same member and demand as an earlier one: linked once, said as a warning. */
function repeatWarning(r: { row: number; otherRow: number }): RowWarning {
  return {
    row: r.row,
    column: null,
    kind: 'link_in_file',
    message: `links the same member to the same demand as row ${r.otherRow} (linked once)`,
    memberId: null,
    memberName: null,
    memberEmployeeNumber: null,
    otherRow: r.otherRow,
  };
}

/**
 * A row as staged. Rows from a file are parsed already; rows given directly (tests, other
 * callers) are checked here, so a bad value is a row error rather than a failed statement.
 */
function stageRow(row: DemandLinkImportRow, parseFailed: boolean, errors: FieldError[]) {
  const id = (field: 'memberId' | 'demandId', value: unknown) => {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
    errors.push({
      row: row.row,
      field,
      message: `must be a ${field === 'memberId' ? 'member' : 'demand'} ID`,
    });
    return null;
  };
  const memberKey = id('memberId', row.memberId);
  const demandKey = id('demandId', row.demandId);
  // A refused cell is staged empty: it has its error, and no lookup adds another.
  const textOf = (field: 'employeeNumber' | 'demandTitle' | 'seasonName', value: unknown, max: number) => {
    const before = errors.length;
    const checked = checkText(errors, row.row, field, value, max) ?? null;
    return errors.length === before ? checked : null;
  };
  const employeeNumber = textOf('employeeNumber', row.employeeNumber, 50);
  const demandTitle = textOf('demandTitle', row.demandTitle, 200);
  const seasonName = textOf('seasonName', row.seasonName, 100);
  if (!parseFailed) {
    if (row.memberId === undefined && (row.employeeNumber === undefined || row.employeeNumber === null)) {
      errors.push({ row: row.row, field: 'employeeNumber', message: 'is required' });
    }
    if (row.demandId === undefined && (row.demandTitle === undefined || row.demandTitle === null)) {
      errors.push({ row: row.row, field: 'demandTitle', message: 'is required' });
    }
  }
  return {
    row_no: row.row,
    parse_failed: parseFailed,
    member_key: memberKey,
    employee_number: employeeNumber?.normalize('NFKC') ?? null,
    demand_key: demandKey,
    demand_title: demandTitle,
    season_name: seasonName,
  };
}
