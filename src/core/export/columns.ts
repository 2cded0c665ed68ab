import { todayIn } from '../common/dates';
import { customFieldCellValue } from '../custom-fields/cells';
import type { CustomFieldDefinition } from '../custom-fields/schemas';
import {
  ATMOSPHERE_LABELS,
  ENGAGEMENT_LABELS,
  MEMBER_STATUS_LABELS,
  NEGOTIATION_STATUS_LABELS,
  PRIORITY_LABELS,
  type TaskStatus,
  type TaskSubjectType,
  UNION_ROLE_LABELS,
} from '../enums';
import { formatEmailsCell, formatPhonesCell } from '../import/contact-cells';
import { guardCell } from '../import/formula';
import { IMPORT_FIELD_LABELS } from '../import/mapping';
import {
  CONTACT_FIELDS,
  type MemberEmail,
  type MemberPhone,
  PREFERRED_CHANNEL_LABELS,
} from '../members/contacts';
import { WORKFLOW_RULES } from '../workflows/rules';

/**
 * What the export writes (SPEC §6 `GET /api/export/{kind}.{format}`): one column
 * list per kind, with its Japanese (SPEC §3 labels) and English headers and how a
 * value becomes a cell. Pure: the service feeds rows in, the writers get cells out.
 */

export const EXPORT_KINDS = ['members', 'workplaces', 'demands', 'tasks'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `ja` (default): Japanese headers and enum labels; `en`: English headers and API values. */
export const EXPORT_LANGS = ['ja', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

/**
 * A written cell: text (in CSV already guarded against formula injection), a number, a
 * date (XLSX only: the day at UTC midnight, which a spreadsheet shows as that day), or empty.
 */
export type Cell = string | number | Date | null;

/**
 * How a value is written. `date`: a `YYYY-MM-DD` string as it is, an instant as its
 * day in the organization's time zone. `rate`: a fraction (0–1, 4 decimals; the
 * spreadsheet shows it as a percentage). `labels`: an enum, written as its Japanese
 * label (`ja`) or its API value (`en`).
 */
export type CellFormat = 'text' | 'date' | 'integer' | 'rate' | { labels: Readonly<Record<string, string>> };

export type ExportColumn<Row> = {
  /** The field the column carries (for members and workplaces: the import's field name). */
  field: string;
  ja: string;
  en: string;
  format: CellFormat;
  /** Column width in the spreadsheet, in characters. */
  width: number;
  value: (row: Row) => string | number | Date | null | undefined;
};

export type FormatOptions = { lang: ExportLang; timeZone: string; format: ExportFormat };

// ------------------------------------------------------------------ rows

export type MemberExportRow = {
  id: string;
  name: string;
  nameKana: string | null;
  employeeNumber: string | null;
  workplaceName: string | null;
  department: string | null;
  jobType: string | null;
  grade: string | null;
  joinedOn: string | null;
  engagement: string;
  unionRole: string;
  status: string;
  leftOn: string | null;
  concerns: string | null;
  nextAction: string | null;
  nextActionDueOn: string | null;
  /** For people reading the file; the import ignores it. */
  ownerName: string | null;
  /** The owner's email: unique, so an edited export can be imported back to the same owner. */
  ownerEmail: string | null;
  parentOrganization: string | null;
  /** Contact details: absent for a role without `contacts.read` (their columns are left out too). */
  phones?: MemberPhone[];
  emails?: MemberEmail[];
  postalAddress?: string | null;
  preferredChannel?: string | null;
  /** Stored custom field values by key (customFieldExportColumns picks the active ones). */
  customFields?: unknown;
};

export type WorkplaceExportRow = {
  name: string;
  nameKana: string | null;
  establishment: string | null;
  employeeCount: number | null;
  atmosphere: string;
  issues: string | null;
  organizingStatus: string | null;
  ownerEmail: string | null;
  repMemberName: string | null;
  memberCount: number;
  organizationRate: number | null;
  nonMemberCount: number | null;
  lastMeetingOn: string | null;
  lastMeetingParticipationRate: number | null;
  customFields?: unknown;
};

export type DemandExportRow = {
  title: string;
  description: string | null;
  priority: string;
  status: string;
  nextNegotiationOn: string | null;
  relatedMemberCount: number;
  seasonName: string | null;
};

export type TaskExportRow = {
  title: string;
  body: string | null;
  dueOn: string | null;
  status: string;
  assigneeName: string | null;
  subjectType: string | null;
  subjectName: string | null;
  ruleId: string | null;
  completedAt: Date | null;
  createdAt: Date;
};

export type ExportRowOf = {
  members: MemberExportRow;
  workplaces: WorkplaceExportRow;
  demands: DemandExportRow;
  tasks: TaskExportRow;
};

// ------------------------------------------------------------------ columns

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { open: '未完了', done: '完了' };
export const TASK_SUBJECT_LABELS: Record<TaskSubjectType, string> = {
  member: '組合員',
  workplace: '職場',
  demand: '交渉・要求',
};
/** A workflow rule by its SPEC §4 trigger (Japanese), or its id. */
const RULE_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(WORKFLOW_RULES).map(([id, rule]) => [id, rule.label]),
);

const M = IMPORT_FIELD_LABELS.members;
const W = IMPORT_FIELD_LABELS.workplaces;

/**
 * Members, in the columns the import reads back, headed by the import's own labels
 * (SPEC §3, `IMPORT_FIELD_LABELS`): the member's id first (`ID`, the import's key, so
 * members without 社員番号 update too), the workplace by its name, the owner by name
 * (担当者, for reading; ignored by the import) and by email (担当者メール, which the
 * import reads), so a roster exported, edited in Excel and imported again updates the
 * same members. The English headers are among the import's synonyms too.
 */
export const MEMBER_COLUMNS: readonly ExportColumn<MemberExportRow>[] = [
  { field: 'id', ja: M.id, en: 'ID', format: 'text', width: 38, value: (r) => r.id },
  { field: 'name', ja: M.name, en: 'Name', format: 'text', width: 16, value: (r) => r.name },
  {
    field: 'nameKana',
    ja: M.nameKana,
    en: 'Name (kana)',
    format: 'text',
    width: 18,
    value: (r) => r.nameKana,
  },
  {
    field: 'employeeNumber',
    ja: M.employeeNumber,
    en: 'Employee number',
    format: 'text',
    width: 12,
    value: (r) => r.employeeNumber,
  },
  {
    field: 'workplaceName',
    ja: M.workplaceName,
    en: 'Workplace',
    format: 'text',
    width: 16,
    value: (r) => r.workplaceName,
  },
  {
    field: 'department',
    ja: M.department,
    en: 'Department',
    format: 'text',
    width: 14,
    value: (r) => r.department,
  },
  { field: 'jobType', ja: M.jobType, en: 'Job type', format: 'text', width: 12, value: (r) => r.jobType },
  { field: 'grade', ja: M.grade, en: 'Grade', format: 'text', width: 8, value: (r) => r.grade },
  {
    field: 'joinedOn',
    ja: M.joinedOn,
    en: 'Joined on',
    format: 'date',
    width: 12,
    value: (r) => r.joinedOn,
  },
  {
    field: 'engagement',
    ja: M.engagement,
    en: 'Engagement',
    format: { labels: ENGAGEMENT_LABELS },
    width: 16,
    value: (r) => r.engagement,
  },
  {
    field: 'unionRole',
    ja: M.unionRole,
    en: 'Union role',
    format: { labels: UNION_ROLE_LABELS },
    width: 12,
    value: (r) => r.unionRole,
  },
  {
    field: 'status',
    ja: M.status,
    en: 'Status',
    format: { labels: MEMBER_STATUS_LABELS },
    width: 8,
    value: (r) => r.status,
  },
  { field: 'leftOn', ja: M.leftOn, en: 'Left on', format: 'date', width: 12, value: (r) => r.leftOn },
  {
    field: 'concerns',
    ja: M.concerns,
    en: 'Concerns',
    format: 'text',
    width: 40,
    value: (r) => r.concerns,
  },
  {
    field: 'nextAction',
    ja: M.nextAction,
    en: 'Next action',
    format: 'text',
    width: 24,
    value: (r) => r.nextAction,
  },
  {
    field: 'nextActionDueOn',
    ja: M.nextActionDueOn,
    en: 'Next action due',
    format: 'date',
    width: 12,
    value: (r) => r.nextActionDueOn,
  },
  { field: 'ownerName', ja: '担当者', en: 'Owner', format: 'text', width: 16, value: (r) => r.ownerName },
  {
    field: 'owner',
    ja: M.owner,
    en: 'Owner email',
    format: 'text',
    width: 24,
    value: (r) => r.ownerEmail,
  },
  {
    field: 'parentOrganization',
    ja: M.parentOrganization,
    en: 'Parent organization',
    format: 'text',
    width: 18,
    value: (r) => r.parentOrganization,
  },
  // Contact details (only for roles with contacts.read: memberExportColumns): several numbers
  // or addresses in one cell, `label: value; …`, as the import reads them (core/import/contact-cells.ts).
  {
    field: 'phones',
    ja: M.phones,
    en: 'Phone numbers',
    format: 'text',
    width: 28,
    value: (r) => formatPhonesCell(r.phones),
  },
  {
    field: 'emails',
    ja: M.emails,
    en: 'E-mail addresses',
    format: 'text',
    width: 30,
    value: (r) => formatEmailsCell(r.emails),
  },
  {
    field: 'postalAddress',
    ja: M.postalAddress,
    en: 'Postal address',
    format: 'text',
    width: 36,
    value: (r) => r.postalAddress,
  },
  {
    field: 'preferredChannel',
    ja: M.preferredChannel,
    en: 'Preferred channel',
    format: { labels: PREFERRED_CHANNEL_LABELS },
    width: 12,
    value: (r) => r.preferredChannel,
  },
];

const contactFields: ReadonlySet<string> = new Set(CONTACT_FIELDS);

/** The member columns a role exports: without `contacts.read`, none of the contact details. */
export function memberExportColumns(contacts: boolean): readonly ExportColumn<MemberExportRow>[] {
  return contacts ? MEMBER_COLUMNS : MEMBER_COLUMNS.filter((c) => !contactFields.has(c.field));
}

/**
 * One column per active custom field, after the built-in ones: headed by its label (labelJa,
 * or labelEn for `en`), which the import matches back to the field; choices as their labels.
 */
export function customFieldExportColumns<Row extends { customFields?: unknown }>(
  definitions: readonly CustomFieldDefinition[],
  lang: ExportLang,
): ExportColumn<Row>[] {
  return definitions.map((def) => ({
    field: `cf.${def.key}`,
    ja: def.labelJa,
    en: def.labelEn,
    format: def.type === 'date' ? 'date' : def.type === 'number' ? 'integer' : 'text',
    width: def.type === 'long_text' ? 40 : def.type === 'choices' ? 24 : 16,
    value: (row) => {
      const values = row.customFields as Record<string, unknown> | null | undefined;
      if (!values || !Object.hasOwn(values, def.key)) return null;
      return customFieldCellValue(def, values[def.key], lang);
    },
  }));
}

/** Workplaces: the importable fields first (as the import names them), then the computed figures, which the import ignores. */
export const WORKPLACE_COLUMNS: readonly ExportColumn<WorkplaceExportRow>[] = [
  { field: 'name', ja: W.name, en: 'Workplace', format: 'text', width: 18, value: (r) => r.name },
  { field: 'nameKana', ja: W.nameKana, en: 'Reading', format: 'text', width: 18, value: (r) => r.nameKana },
  {
    field: 'establishment',
    ja: W.establishment,
    en: 'Establishment',
    format: 'text',
    width: 16,
    value: (r) => r.establishment,
  },
  {
    field: 'employeeCount',
    ja: W.employeeCount,
    en: 'Employees',
    format: 'integer',
    width: 10,
    value: (r) => r.employeeCount,
  },
  {
    field: 'atmosphere',
    ja: W.atmosphere,
    en: 'Atmosphere',
    format: { labels: ATMOSPHERE_LABELS },
    width: 14,
    value: (r) => r.atmosphere,
  },
  {
    field: 'issues',
    ja: W.issues,
    en: 'Issues',
    format: 'text',
    width: 40,
    value: (r) => r.issues,
  },
  {
    field: 'organizingStatus',
    ja: W.organizingStatus,
    en: 'Organizing status',
    format: 'text',
    width: 30,
    value: (r) => r.organizingStatus,
  },
  { field: 'owner', ja: W.owner, en: 'Owner', format: 'text', width: 24, value: (r) => r.ownerEmail },
  {
    field: 'repMemberName',
    ja: '職場委員',
    en: 'Workplace rep',
    format: 'text',
    width: 16,
    value: (r) => r.repMemberName,
  },
  {
    field: 'memberCount',
    ja: '組合員数',
    en: 'Members',
    format: 'integer',
    width: 10,
    value: (r) => r.memberCount,
  },
  {
    field: 'organizationRate',
    ja: '組織率',
    en: 'Organization rate',
    format: 'rate',
    width: 10,
    value: (r) => r.organizationRate,
  },
  {
    field: 'nonMemberCount',
    ja: '非組合員数',
    en: 'Non-members',
    format: 'integer',
    width: 10,
    value: (r) => r.nonMemberCount,
  },
  {
    field: 'lastMeetingOn',
    ja: '最終集会日',
    en: 'Last meeting',
    format: 'date',
    width: 12,
    value: (r) => r.lastMeetingOn,
  },
  {
    field: 'lastMeetingParticipationRate',
    ja: '最終集会の参加率',
    en: 'Last meeting participation',
    format: 'rate',
    width: 12,
    value: (r) => r.lastMeetingParticipationRate,
  },
];

export const DEMAND_COLUMNS: readonly ExportColumn<DemandExportRow>[] = [
  { field: 'title', ja: '要求事項の名称', en: 'Title', format: 'text', width: 30, value: (r) => r.title },
  {
    field: 'description',
    ja: '内容',
    en: 'Description',
    format: 'text',
    width: 40,
    value: (r) => r.description,
  },
  {
    field: 'priority',
    ja: '要求の優先度',
    en: 'Priority',
    format: { labels: PRIORITY_LABELS },
    width: 10,
    value: (r) => r.priority,
  },
  {
    field: 'status',
    ja: '交渉ステータス',
    en: 'Status',
    format: { labels: NEGOTIATION_STATUS_LABELS },
    width: 12,
    value: (r) => r.status,
  },
  {
    field: 'nextNegotiationOn',
    ja: '次の交渉期日',
    en: 'Next negotiation',
    format: 'date',
    width: 12,
    value: (r) => r.nextNegotiationOn,
  },
  {
    field: 'relatedMemberCount',
    ja: '関連組合員数',
    en: 'Related members',
    format: 'integer',
    width: 12,
    value: (r) => r.relatedMemberCount,
  },
  {
    field: 'seasonName',
    ja: '交渉シーズン',
    en: 'Season',
    format: 'text',
    width: 14,
    value: (r) => r.seasonName,
  },
];

export const TASK_COLUMNS: readonly ExportColumn<TaskExportRow>[] = [
  { field: 'title', ja: 'タスク名', en: 'Title', format: 'text', width: 30, value: (r) => r.title },
  { field: 'body', ja: '内容', en: 'Body', format: 'text', width: 40, value: (r) => r.body },
  { field: 'dueOn', ja: '期日', en: 'Due on', format: 'date', width: 12, value: (r) => r.dueOn },
  {
    field: 'status',
    ja: '状況',
    en: 'Status',
    format: { labels: TASK_STATUS_LABELS },
    width: 8,
    value: (r) => r.status,
  },
  {
    field: 'assignee',
    ja: '担当者',
    en: 'Assignee',
    format: 'text',
    width: 16,
    value: (r) => r.assigneeName,
  },
  {
    field: 'subjectType',
    ja: '対象の種類',
    en: 'Subject type',
    format: { labels: TASK_SUBJECT_LABELS },
    width: 10,
    value: (r) => r.subjectType,
  },
  { field: 'subject', ja: '対象', en: 'Subject', format: 'text', width: 20, value: (r) => r.subjectName },
  {
    field: 'ruleId',
    ja: '作成したワークフロー',
    en: 'Workflow rule',
    format: { labels: RULE_LABELS },
    width: 24,
    value: (r) => r.ruleId,
  },
  {
    field: 'completedAt',
    ja: '完了日',
    en: 'Completed on',
    format: 'date',
    width: 12,
    value: (r) => r.completedAt,
  },
  {
    field: 'createdAt',
    ja: '作成日',
    en: 'Created on',
    format: 'date',
    width: 12,
    value: (r) => r.createdAt,
  },
];

export const EXPORT_COLUMNS: { [K in ExportKind]: readonly ExportColumn<ExportRowOf[K]>[] } = {
  members: MEMBER_COLUMNS,
  workplaces: WORKPLACE_COLUMNS,
  demands: DEMAND_COLUMNS,
  tasks: TASK_COLUMNS,
};

// ------------------------------------------------------------------ formatting

export function headersOf(columns: readonly { ja: string; en: string }[], lang: ExportLang): string[] {
  return columns.map((c) => (lang === 'ja' ? c.ja : c.en));
}

/**
 * Text as an XLSX cell can hold it: XML has no carriage return in text (a parser
 * reads it as a line feed) and no other C0 control characters but tab and line
 * feed. Line breaks become LF, as Excel writes them (Alt+Enter); the others are dropped.
 */
export function xlsxText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly the characters XML text cannot hold
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
  );
}

/**
 * One value as a cell. In CSV every text cell goes through the formula-injection guard
 * (OWASP ASVS 1.2.10): a spreadsheet evaluates a CSV cell starting with = + - @, a tab
 * or a carriage return, so it is prefixed with a single quote, which the import removes
 * again. XLSX text cells are typed as text and never evaluated: they carry the text as it
 * is (made storable, see xlsxText), without the quote a user would see (but for text
 * that already starts with a quote, see below). XLSX dates are
 * real date cells: the day (an instant's day in the organization's time zone) at UTC
 * midnight, which is the serial number of that day.
 */
export function formatCell(format: CellFormat, value: unknown, options: FormatOptions): Cell {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' && (format === 'integer' || format === 'rate')) {
    return format === 'rate' ? Math.round(value * 10_000) / 10_000 : value;
  }
  let text: string;
  if (value instanceof Date) text = todayIn(options.timeZone, value);
  else if (typeof format === 'object' && options.lang === 'ja')
    text = format.labels[String(value)] ?? String(value);
  else text = String(value);
  if (options.format === 'xlsx') {
    if (format === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00Z`);
    text = xlsxText(text);
    // The import removes the quote of a guarded cell (in any format, so files exported
    // before XLSX went unguarded read back right): only a value that itself starts with
    // quotes before = + - @ is guarded, so that it comes back with its quotes.
    return text === '' ? null : text.startsWith("'") ? guardCell(text) : text;
  }
  return guardCell(text);
}

export function formatRow<Row>(
  columns: readonly ExportColumn<Row>[],
  row: Row,
  options: FormatOptions,
): Cell[] {
  return columns.map((c) => formatCell(c.format, c.value(row), options));
}

// ------------------------------------------------------------------ file names

const JAPANESE_NAMES: Record<ExportKind, string> = {
  members: '組合員',
  workplaces: '職場',
  demands: '交渉・要求',
  tasks: 'タスク',
};

/** `members-2026-11-24.csv` (ASCII) and, for a Japanese export, `組合員-2026-11-24.csv`. */
export function exportFileNames(kind: ExportKind, format: ExportFormat, day: string, lang: ExportLang) {
  const ascii = `${kind}-${day}.${format}`;
  return { ascii, display: lang === 'ja' ? `${JAPANESE_NAMES[kind]}-${day}.${format}` : ascii };
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 with RFC 5987 encoding):
 * browsers that read `filename*` save the Japanese name, others the ASCII one.
 */
export function contentDisposition(names: { ascii: string; display: string }): string {
  const ascii = names.ascii.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(names.display).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The export URL for a list's filters (the web app's download links). */
export function exportPath(
  kind: ExportKind,
  format: ExportFormat,
  filters: Record<string, string | number | null | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return `/api/export/${kind}.${format}${text ? `?${text}` : ''}`;
}
