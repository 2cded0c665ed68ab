import { isValidPlainDate } from '../../core/common/dates';
import type { DemandLinkCount, ImportKind, RowError, RowWarning } from '../../core/import/types';
import type { Tx } from '../../db/client';
import type { ServiceContext } from '../context';

/** The engagement/atmosphere history reason of an import when the file gives none. */
export const IMPORT_REASON = 'インポート';

/** Rows per staging statement (one JSON parameter each). */
export const STAGE_CHUNK_ROWS = 5_000;

export type ImportPhase = 'reading' | 'validating' | 'writing';
export type ImportProgress = { phase: ImportPhase; done: number; total: number };
/** Awaited: a slow consumer (a network stream) slows the import rather than buffering without bound. */
export type ProgressListener = (progress: ImportProgress) => void | Promise<void>;

export type ApplyImportOptions = {
  /** Compute everything inside the transaction, then roll it back. */
  dryRun: boolean;
  /** Members: create the workplaces the file names that do not exist (else each such row is an error). */
  createWorkplaces?: boolean;
  /** Apply the valid rows and report the others as skipped (else one error stops the whole import). */
  skipInvalid?: boolean;
  onProgress?: ProgressListener;
  /** Problems found while parsing the file: their rows are invalid too (and not staged). */
  parseErrors?: readonly RowError[];
  /** field → the file's column header, so errors name the column the user sees. */
  columnNames?: Readonly<Record<string, string>>;
  /** For the audit event. */
  fileName?: string;
  chunkSize?: number;
};

export type ImportResult = {
  kind: ImportKind;
  dryRun: boolean;
  /** Whether the changes were committed (false for a dry run and for an import stopped by errors). */
  applied: boolean;
  /** Data rows in the file. */
  total: number;
  /** Rows created, updated or left unchanged (what would happen, when not applied). */
  created: number;
  updated: number;
  unchanged: number;
  /** Rows with errors: skipped with `skipInvalid`, otherwise they stopped the import. */
  skipped: number;
  errors: RowError[];
  /** Members: rows that would likely create a duplicate (imported all the same). */
  warnings: RowWarning[];
  /** Workplaces created (or, when not applied, that would be created) for the members' rows. */
  createdWorkplaces: string[];
  /** at_risk_follow_up tasks created for members who became at_risk. */
  followUpTasks: number;
  /** Members: before → after of the changed fields, for the first MAX_CHANGED_ROWS updated rows. */
  changes: RowChange[];
  /** Updated rows beyond those listed in `changes`. */
  changesNotListed: number;
  /** Demand links: per demand, the members linked (or to link) and those already linked. */
  byDemand: DemandLinkCount[];
};

/** One updated row's changed fields (column: the file's header, else the field name). */
export type RowChange = {
  row: number;
  name: string;
  fields: { field: string; column: string; before: string | null; after: string | null }[];
};

/** The most updated rows whose changes a result lists. */
export const MAX_CHANGED_ROWS = 200;

/** A field-level problem found before or while merging; the column is named at the end. */
export type FieldError = { row: number; field: string | null; message: string };

class Rollback {
  constructor(readonly result: ImportResult) {}
}

/**
 * The whole import in one transaction (attributed to the actor by the audit
 * triggers). `fn` says whether to commit; otherwise the transaction is rolled
 * back by throwing a private sentinel, and the result is still returned.
 */
export async function inImportTransaction(
  ctx: ServiceContext,
  fn: (tx: Tx) => Promise<{ result: ImportResult; commit: boolean }>,
): Promise<ImportResult> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const { result, commit } = await fn(tx);
      if (!commit) throw new Rollback(result);
      return result;
    });
  } catch (err) {
    if (err instanceof Rollback) return err.result;
    throw err;
  }
}

/** Loads rows into the stage in chunks, reporting progress after each. */
export async function stageInChunks(
  rows: readonly Record<string, unknown>[],
  options: Pick<ApplyImportOptions, 'onProgress' | 'chunkSize'>,
  stage: (chunk: readonly Record<string, unknown>[]) => Promise<void>,
) {
  const size = Math.max(1, options.chunkSize ?? STAGE_CHUNK_ROWS);
  const total = rows.length;
  await options.onProgress?.({ phase: 'validating', done: 0, total });
  for (let start = 0; start < total; start += size) {
    await stage(rows.slice(start, start + size));
    await options.onProgress?.({ phase: 'validating', done: Math.min(start + size, total), total });
  }
}

/** The rows to stage: those without a parse error (the parser reports them; they are never staged). */
export function rowsWithoutParseErrors<T extends { row: number }>(
  rows: readonly T[],
  parseErrors: readonly RowError[] | undefined,
): T[] {
  if (!parseErrors?.length) return [...rows];
  const bad = new Set(parseErrors.map((e) => e.row));
  return rows.filter((r) => !bad.has(r.row));
}

/**
 * The final error list: parse errors as given, ours with the file's column names; by row.
 * A cell the parser already refused gets no second error from the later checks (which saw
 * it as missing).
 */
export function finalErrors(
  parseErrors: readonly RowError[] | undefined,
  ours: readonly FieldError[],
  columnNames: Readonly<Record<string, string>> | undefined,
): RowError[] {
  const parsed = new Set((parseErrors ?? []).map((e) => `${e.row}\u0000${e.column}`));
  const named = ours
    .map((e) => ({
      row: e.row,
      column: e.field === null ? null : (columnNames?.[e.field] ?? e.field),
      message: e.message,
    }))
    .filter((e) => !parsed.has(`${e.row}\u0000${e.column}`));
  return [...(parseErrors ?? []), ...named].sort((a, b) => a.row - b.row);
}

export function distinctRows(rows: readonly { row: number }[]): number {
  return new Set(rows.map((r) => r.row)).size;
}

// ----------------------------------------------------------- defensive cell checks

/**
 * Checks that would otherwise fail a whole statement (the parser is expected to
 * have caught them; a bad value must still be a row error, never a 500).
 */
export function checkText(
  errors: FieldError[],
  row: number,
  field: string,
  value: unknown,
  max: number,
  required = false,
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) errors.push({ row, field, message: 'is required' });
    return null;
  }
  if (typeof value !== 'string') {
    errors.push({ row, field, message: 'must be text' });
    return null;
  }
  const text = value.trim();
  if ([...text].length > max) errors.push({ row, field, message: `must be at most ${max} characters` });
  return text;
}

/**
 * Custom field values as the parser made them (`{ key: value | null }`, checked against the
 * definitions there): anything else is a row error, never a failed statement.
 */
export function checkCustomFields(errors: FieldError[], row: number, value: unknown) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    errors.push({ row, field: 'customFields', message: 'must be values by field key' });
    return null;
  }
  return value;
}

export function checkDate(errors: FieldError[], row: number, field: string, value: unknown) {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string' || !isValidPlainDate(value)) {
    errors.push({ row, field, message: 'must be a real calendar date (YYYY-MM-DD)' });
    return null;
  }
  return value;
}

export function checkEnum<T extends string>(
  errors: FieldError[],
  row: number,
  field: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (!allowed.includes(value as T)) {
    errors.push({ row, field, message: `must be one of ${allowed.join(', ')}` });
    return undefined;
  }
  return value as T;
}
