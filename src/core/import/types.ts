import type { Atmosphere, Engagement, MemberStatus, UnionRole } from '../enums';

/** What can be imported (SPEC §6: POST /api/import/members and /workplaces). */
export const IMPORT_KINDS = ['members', 'workplaces'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A file read into cells: the first row's headers and the data rows (row 2 onwards in the file). */
export type RawTable = {
  format: 'csv' | 'tsv' | 'xlsx';
  /** For text files: the encoding detected. */
  encoding?: 'utf-8' | 'shift_jis';
  headers: string[];
  rows: string[][];
  /**
   * The file's row number of each entry of `rows` (header = 1), counting blank rows that
   * were skipped, as a spreadsheet numbers them. When absent, rows[i] is row i + 2.
   */
  rowNumbers?: number[];
};

/** File header → field it fills (null: the column is ignored). */
export type ColumnMapping = Record<string, string | null>;

/** A problem with one cell (or a whole row when column is null); `row` is the file's row number (header = 1). */
export type RowError = { row: number; column: string | null; message: string };

/**
 * A member row after mapping and parsing. A field that is undefined was not in the
 * file (an update leaves it as it is); null clears it. Workplaces are named, not
 * referenced by id: the import matches them by name (and may create missing ones).
 */
export type MemberImportRow = {
  row: number;
  /** The member's id (an export's `ID` column): the upsert key when present. */
  id?: string;
  employeeNumber?: string | null;
  name?: string;
  nameKana?: string | null;
  workplaceName?: string | null;
  department?: string | null;
  jobType?: string | null;
  grade?: string | null;
  joinedOn?: string | null;
  engagement?: Engagement;
  engagementReason?: string | null;
  unionRole?: UnionRole;
  status?: MemberStatus;
  leftOn?: string | null;
  concerns?: string | null;
  nextAction?: string | null;
  nextActionDueOn?: string | null;
  parentOrganization?: string | null;
  /** The owner (担当者) by email or display name. */
  owner?: string | null;
};

export type WorkplaceImportRow = {
  row: number;
  name: string;
  /** The reading (よみ), normalized to full-width katakana. */
  nameKana?: string | null;
  establishment?: string | null;
  employeeCount?: number | null;
  atmosphere?: Atmosphere;
  issues?: string | null;
  organizingStatus?: string | null;
  owner?: string | null;
};
