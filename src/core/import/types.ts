import type { Atmosphere, Engagement, MemberStatus, UnionRole } from '../enums';
import type { MemberEmail, MemberPhone, PreferredChannel } from '../members/contacts';

/**
 * What can be imported (SPEC §6: POST /api/import/members and /workplaces; issue 15 §1:
 * /demand-links, members linked to demands).
 */
export const IMPORT_KINDS = ['members', 'workplaces', 'demand-links'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * The kinds a column mapping can be saved for (the `import_mappings_kind` check of
 * migration 0010): a demand-link file has few columns, matched by their headers.
 */
export const MAPPING_KINDS = ['members', 'workplaces'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

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
 * Why a member row looks like a duplicate (it is imported all the same: the user decides):
 * `same_name` — a new member with the same name and reading as an existing one (or the same
 * name, when either has no reading); `same_name_in_file` — as an earlier new row of the file;
 * `employee_number_zeros` — a new member whose employee number is an existing member's but for
 * leading zeros (a spreadsheet drops them: 00123 → 123); `employee_number_zeros_in_file` — as an
 * earlier new row's; `employee_number_zeros_change` — an update that would change a member's
 * employee number only in its leading zeros; `link_in_file` — a demand-link row naming the
 * same member and demand as an earlier row (linked once).
 */
export const ROW_WARNING_KINDS = [
  'same_name',
  'same_name_in_file',
  'employee_number_zeros',
  'employee_number_zeros_in_file',
  'employee_number_zeros_change',
  'link_in_file',
] as const;
export type RowWarningKind = (typeof ROW_WARNING_KINDS)[number];

/** A likely duplicate a member row would create (a warning: it does not stop the import). */
export type RowWarning = {
  row: number;
  /** The file column (header) concerned. */
  column: string | null;
  kind: RowWarningKind;
  message: string;
  /** The existing member it looks like (none for a match within the file). */
  memberId: string | null;
  memberName: string | null;
  memberEmployeeNumber: string | null;
  /** The earlier row of the file it looks like. */
  otherRow: number | null;
};

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
  /** Contact details (core/import/contact-cells.ts): a blank cell clears them. */
  phones?: MemberPhone[];
  emails?: MemberEmail[];
  postalAddress?: string | null;
  preferredChannel?: PreferredChannel | null;
  /** Custom fields by key (columns mapped to `cf.<key>`): null clears a value. */
  customFields?: Record<string, unknown>;
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
  /** Custom fields by key (columns mapped to `cf.<key>`): null clears a value. */
  customFields?: Record<string, unknown>;
};

/**
 * A demand-link row (要求への組合員の紐付け): the member by id (an export's `ID` column) or
 * employee number, the demand by id or by title within a season (named, else the current one).
 * An id wins over the employee number or title of the same row.
 */
export type DemandLinkImportRow = {
  row: number;
  memberId?: string;
  employeeNumber?: string | null;
  demandId?: string;
  demandTitle?: string | null;
  seasonName?: string | null;
};

/** Per demand: the links an import makes (or would make) and the pairs already linked. */
export type DemandLinkCount = {
  demandId: string;
  title: string;
  seasonName: string | null;
  linked: number;
  alreadyLinked: number;
};
