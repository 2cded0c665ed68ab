import type { z } from 'zod';
import { isValidPlainDate } from '../common/dates';
import { optionalText } from '../common/schemas';
import { parseCustomFieldCell } from '../custom-fields/cells';
import type { CustomFieldDefinition } from '../custom-fields/schemas';
import {
  ATMOSPHERE_LABELS,
  ATMOSPHERES,
  ENGAGEMENT_LABELS,
  ENGAGEMENTS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
  UNION_ROLE_LABELS,
  UNION_ROLES,
} from '../enums';
import { AppError } from '../errors';
import { PREFERRED_CHANNEL_LABELS, PREFERRED_CHANNELS } from '../members/contacts';
import { createMemberSchema, memberStateErrors } from '../members/schemas';
import { createWorkplaceSchema } from '../workplaces/schemas';
import { parseEmailsCell, parsePhonesCell } from './contact-cells';
import { customFieldTarget, importFields, normalizeHeader, validateMapping } from './mapping';
import type {
  ColumnMapping,
  DemandLinkImportRow,
  ImportKind,
  MemberImportRow,
  RawTable,
  RowError,
  WorkplaceImportRow,
} from './types';

// The length and format rules are the member and workplace schemas' own (one rule for
// forms, the API and the import): each cell is parsed with the schema of its field.
const member = createMemberSchema.shape;
const workplace = createWorkplaceSchema.shape;

// ---------------------------------------------------------------- cell parsers

type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };
type CellParser<T> = (cell: string) => CellResult<T>;

function check<T>(schema: z.ZodType<T>, input: unknown): CellResult<T> {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: parsed.error.issues[0]?.message ?? 'is invalid' };
}

/** Optional text: a blank cell → null (clears the field); otherwise the field's schema decides. */
const text =
  (schema: z.ZodType<string | null | undefined>): CellParser<string | null> =>
  (cell) => {
    if (cell.trim() === '') return { ok: true, value: null };
    const result = check(schema, cell);
    return result.ok ? { ok: true, value: result.value ?? null } : result;
  };

/** Required text (a name): blank → "is required". */
const required =
  (schema: z.ZodType<string>): CellParser<string> =>
  (cell) =>
    check(schema, cell);

const ERAS: Record<string, number> = {
  明治: 1868,
  大正: 1912,
  昭和: 1926,
  平成: 1989,
  令和: 2019,
  m: 1868,
  t: 1912,
  s: 1926,
  h: 1989,
  r: 2019,
};

const DATE_FORMS = 'must be a date such as 2015/4/8, 2015-04-08 or 2015年4月8日';

/**
 * A date as Excel and people write it: 2015-04-08, 2015/4/8, 2015.4.8, 2015年4月8日,
 * Japanese eras (平成27年4月8日, H27.4.8, 令和元年5月1日), full-width digits, and a time of
 * day after it (2015/4/8 0:00, ISO 8601), which is dropped. Day-first or two-digit years
 * are ambiguous and refused. Returns `{ date: 'YYYY-MM-DD' }`, or `{ error }` with the
 * reason (not a date form we read, or a day that does not exist such as 2025/2/30).
 */
export function parseImportDate(value: string): { date: string } | { error: string } {
  const s = value.normalize('NFKC').trim().toLowerCase();
  const m =
    /^(?:(明治|大正|昭和|平成|令和|[mtshr])\s*(\d{1,2}|元)|(\d{4}))\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)(?:(?:\s+|t)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(
      s,
    );
  if (!m) return { error: DATE_FORMS };
  let year: number;
  if (m[3] !== undefined) {
    year = Number(m[3]);
  } else {
    const base = ERAS[m[1] ?? ''];
    if (base === undefined) return { error: DATE_FORMS };
    year = base + (m[2] === '元' ? 1 : Number(m[2])) - 1;
  }
  const month = Number(m[4] ?? m[6]);
  const day = Number(m[5] ?? m[7]);
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isValidPlainDate(date))
    return { error: `must be a real calendar date (${value.trim()} does not exist)` };
  return { date };
}

const date: CellParser<string | null> = (cell) => {
  if (cell.trim() === '') return { ok: true, value: null };
  const parsed = parseImportDate(cell);
  return 'date' in parsed ? { ok: true, value: parsed.date } : { ok: false, message: parsed.error };
};

/** How an enum value is compared: like headers (NFKC, case, no spaces or punctuation). */
const enumKey = (value: string) => normalizeHeader(value);

/**
 * An enum cell: the API value (active_core), its Japanese label (執行委員・積極参加) or the
 * web app's English label (Core activist). Empty → undefined: the field is left as it
 * is (and a new record gets its default).
 */
function enumCell<const T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
  english: Record<T, string>,
  extra: Record<string, T> = {},
): CellParser<T | undefined> {
  const lookup = new Map<string, T>();
  for (const v of values) {
    lookup.set(enumKey(v), v);
    lookup.set(enumKey(labels[v]), v);
    lookup.set(enumKey(english[v]), v);
  }
  for (const [label, v] of Object.entries(extra)) lookup.set(enumKey(label), v);
  const message = `must be one of: ${values.map((v) => labels[v]).join(', ')}`;
  return (cell) => {
    if (cell.trim() === '') return { ok: true, value: undefined };
    const value = lookup.get(enumKey(cell));
    return value === undefined ? { ok: false, message } : { ok: true, value };
  };
}

// The English labels the web app shows (src/web/i18n/messages.ts), accepted as values.
const engagement = enumCell(ENGAGEMENTS, ENGAGEMENT_LABELS, {
  active_core: 'Core activist',
  regular: 'Regular',
  occasional: 'Occasional',
  rare: 'Rarely takes part',
  indifferent: 'Indifferent',
  at_risk: 'At risk of leaving',
});
const unionRole = enumCell(UNION_ROLES, UNION_ROLE_LABELS, {
  full_time_officer: 'Full-time officer',
  executive_committee: 'Executive committee',
  workplace_rep: 'Workplace rep',
  general_member: 'Member',
  organizing_target: 'Organizing target',
});
const memberStatus = enumCell(
  MEMBER_STATUSES,
  MEMBER_STATUS_LABELS,
  { active: 'Active', left: 'Left' },
  { 在籍中: 'active', 脱退済: 'left', 脱退済み: 'left' },
);
const atmosphere = enumCell(ATMOSPHERES, ATMOSPHERE_LABELS, {
  active: 'Active',
  normal: 'Normal',
  indifferent: 'Indifferent',
  split_risk: 'Risk of split',
});

const channel = enumCell(
  PREFERRED_CHANNELS,
  PREFERRED_CHANNEL_LABELS,
  { phone: 'Phone', email: 'E-mail', line: 'LINE', in_person: 'In person' },
  {
    Eメール: 'email',
    email: 'email',
    'e-mail': 'email',
    電子メール: 'email',
    面談: 'in_person',
    直接: 'in_person',
  },
);
/** 希望連絡手段: a blank cell clears it (an optional value, unlike the member's required enums). */
const preferredChannel: CellParser<string | null> = (cell) => {
  if (cell.trim() === '') return { ok: true, value: null };
  const result = channel(cell);
  return result.ok ? { ok: true, value: result.value ?? null } : result;
};

/** A head count as Excel writes it: 1234, 1,234, １２３４, 120人, 12.0. Empty → null. */
const employeeCount: CellParser<number | null> = (cell) => {
  const s = cell.normalize('NFKC').trim();
  if (s === '') return { ok: true, value: null };
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?\s*(?:人|名)?$/.exec(s);
  if (!m) return { ok: false, message: 'must be a whole number' };
  const n = Number(`${m[1]}${(m[2] ?? '').replaceAll(',', '')}`);
  const result = check(workplace.employeeCount, n);
  return result.ok ? { ok: true, value: result.value ?? null } : result;
};

/** The owner (担当者) by email (at most 254 characters) or display name; the import resolves it. */
const ownerText = text(optionalText(254));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The member's id as an export wrote it; empty → undefined (no key: matched by employee number or created). */
const memberId: CellParser<string | undefined> = (cell) => {
  const s = cell.normalize('NFKC').trim();
  if (s === '') return { ok: true, value: undefined };
  return UUID.test(s) ? { ok: true, value: s.toLowerCase() } : { ok: false, message: 'must be a member ID' };
};

/** A demand's id (要求ID); empty → undefined (the title names the demand). */
const demandId: CellParser<string | undefined> = (cell) => {
  const s = cell.normalize('NFKC').trim();
  if (s === '') return { ok: true, value: undefined };
  return UUID.test(s) ? { ok: true, value: s.toLowerCase() } : { ok: false, message: 'must be a demand ID' };
};

const MEMBER_PARSERS: Record<Exclude<keyof MemberImportRow, 'row' | 'customFields'>, CellParser<unknown>> = {
  id: memberId,
  employeeNumber: text(member.employeeNumber),
  name: required(member.name),
  nameKana: text(member.nameKana),
  workplaceName: text(workplace.name),
  department: text(member.department),
  jobType: text(member.jobType),
  grade: text(member.grade),
  joinedOn: date,
  engagement,
  engagementReason: text(createMemberSchema.shape.engagementReason),
  unionRole,
  status: memberStatus,
  leftOn: date,
  concerns: text(member.concerns),
  nextAction: text(member.nextAction),
  nextActionDueOn: date,
  parentOrganization: text(member.parentOrganization),
  owner: ownerText,
  phones: parsePhonesCell,
  emails: parseEmailsCell,
  postalAddress: text(member.postalAddress),
  preferredChannel,
};

const WORKPLACE_PARSERS: Record<
  Exclude<keyof WorkplaceImportRow, 'row' | 'customFields'>,
  CellParser<unknown>
> = {
  name: required(workplace.name),
  nameKana: text(workplace.nameKana),
  establishment: text(workplace.establishment),
  employeeCount,
  atmosphere,
  issues: text(workplace.issues),
  organizingStatus: text(workplace.organizingStatus),
  owner: ownerText,
};

const DEMAND_LINK_PARSERS: Record<Exclude<keyof DemandLinkImportRow, 'row'>, CellParser<unknown>> = {
  memberId,
  employeeNumber: text(member.employeeNumber),
  demandId,
  demandTitle: text(optionalText(200)),
  seasonName: text(optionalText(100)),
};

// ---------------------------------------------------------------- rows

type Column = { index: number; header: string; field: string; parse: CellParser<unknown> };

/** The mapped columns (validated), in file order. Throws a 400 for an invalid mapping. */
function mappedColumns(
  kind: ImportKind,
  table: RawTable,
  mapping: ColumnMapping,
  parsers: Record<string, CellParser<unknown>>,
  customFields: readonly CustomFieldDefinition[] = [],
): Column[] {
  const errors = validateMapping(kind, mapping, table.headers, customFields);
  if (errors.length > 0) {
    const fields: Record<string, string> = {};
    for (const e of errors) fields[e.column === null ? 'mapping' : `mapping.${e.column}`] ??= e.message;
    throw new AppError('validation_failed', 'The column mapping is invalid', fields);
  }
  const known = new Set(importFields(kind));
  const all: Record<string, CellParser<unknown>> = { ...parsers };
  for (const def of customFields) {
    const target = customFieldTarget(def.key);
    known.add(target);
    all[target] = customFieldParser(def);
  }
  const columns: Column[] = [];
  table.headers.forEach((header, index) => {
    // Own properties only: a header such as `constructor` must not find Object.prototype's.
    const field = Object.hasOwn(mapping, header) ? mapping[header] : null;
    const parse = typeof field === 'string' && known.has(field) ? all[field] : undefined;
    if (typeof field === 'string' && parse) columns.push({ index, header, field, parse: memoized(parse) });
  });
  return columns;
}

/**
 * A roster repeats the same workplaces, dates and labels in thousands of rows: each
 * column remembers its results for the texts it has seen. A column of mostly distinct
 * texts (names, employee numbers) stops remembering after a sample.
 */
function memoized<T>(parse: CellParser<T>): CellParser<T> {
  const seen = new Map<string, CellResult<T>>();
  let lookups = 0;
  let misses = 0;
  let caching = true;
  return (cell) => {
    if (!caching) return parse(cell);
    lookups += 1;
    let result = seen.get(cell);
    if (result === undefined) {
      misses += 1;
      result = parse(cell);
      seen.set(cell, result);
      if ((lookups >= 1000 && misses > lookups / 4) || seen.size >= 20_000) {
        caching = false;
        seen.clear();
      }
    }
    return result;
  };
}

/**
 * A custom field's cell (core/custom-fields/cells.ts): by type, an option by its value or
 * either label; an empty cell clears the value (refused for a required field).
 */
function customFieldParser(def: CustomFieldDefinition): CellParser<unknown> {
  return (cell) => {
    const result = parseCustomFieldCell(def, cell, parseImportDate);
    if ('error' in result) return { ok: false, message: result.error };
    if (result.value === null && def.required) return { ok: false, message: 'is required' };
    return { ok: true, value: result.value };
  };
}

type Parsed = { row: number; values: Record<string, unknown> };

/**
 * Parses every row with the field parsers: rows with an error are reported (all their
 * errors) and left out (into `invalid`, with the fields that did parse); ragged rows (more cells than headers) are one error each.
 * `values` has the row's fields (a field of an unmapped column is absent).
 */
function parseTable(
  table: RawTable,
  columns: Column[],
  errors: RowError[],
  invalid: Parsed[] = [],
): Parsed[] {
  const width = table.headers.length;
  const parsed: Parsed[] = [];
  const { rows, rowNumbers } = table;
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    const row = rowNumbers?.[i] ?? i + 2;
    let last = cells.length;
    while (last > width && (cells[last - 1] ?? '').trim() === '') last -= 1;
    if (last > width) {
      errors.push({ row, column: null, message: `has ${last} cells but the header has ${width} columns` });
      continue;
    }
    const values: Record<string, unknown> = { row };
    let ok = true;
    for (const { index, header, field, parse } of columns) {
      const result = parse(cells[index] ?? '');
      if (!result.ok) {
        errors.push({ row, column: header, message: result.message });
        ok = false;
      } else if (field.startsWith('cf.')) {
        // Custom fields travel together: { key: value | null }.
        const custom = (values.customFields ?? {}) as Record<string, unknown>;
        custom[field.slice(3)] = result.value ?? null;
        values.customFields = custom;
      } else if (result.value !== undefined) {
        values[field] = result.value;
      }
    }
    if (ok) parsed.push({ row, values });
    else invalid.push({ row, values });
  }
  return parsed;
}

/**
 * Later rows that repeat a key of an earlier row get an error; the earlier row stays.
 * Returns the rows to keep.
 */
function rejectDuplicates(
  parsed: Parsed[],
  field: string,
  column: string | null,
  describe: (firstRow: number) => string,
  errors: RowError[],
  invalid: Parsed[] = [],
): Parsed[] {
  const firstRow = new Map<string, number>();
  return parsed.filter((p) => {
    const key = p.values[field];
    if (typeof key !== 'string') return true;
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, p.row);
      return true;
    }
    errors.push({ row: p.row, column, message: describe(first) });
    invalid.push(p);
    return false;
  });
}

const headerOf = (columns: Column[], field: string) => columns.find((c) => c.field === field)?.header ?? null;

const byRow = (a: RowError, b: RowError) => a.row - b.row;

/** The member's cross-field rules, as far as the row itself tells (status and leftOn both given, or both dates). */
function rowStateError(v: Record<string, unknown>): string | undefined {
  const status = v.status as string | undefined;
  const leftOn = (v.leftOn as string | null | undefined) ?? null;
  const joinedOn = (v.joinedOn as string | null | undefined) ?? null;
  if (status !== undefined && 'leftOn' in v) return memberStateErrors({ status, leftOn, joinedOn }).leftOn;
  if (leftOn && joinedOn && leftOn < joinedOn) return 'must not be before joinedOn';
  return undefined;
}

/**
 * Member rows of a file: each mapped cell parsed by its field's rule. A field whose
 * column is not mapped stays undefined (an update leaves it as it is); an empty cell of
 * an optional field is null (clears it); an empty enum cell is undefined (keeps it, and a
 * new member gets the default). Rows with an error are not in `rows`. Errors are ordered
 * by row; a repeated employee number is an error on the later rows.
 * The cross-field rules (status left ⇔ leftOn, leftOn ≥ joinedOn) are checked here when
 * the row carries the fields; the import must check them again on the merged record.
 * `invalidRows` are the rows with errors, holding the fields that did parse, so that the
 * import can still report what the database would say about them (an unknown workplace
 * in a row whose date is wrong) in the same check.
 */
export function parseMemberTable(
  table: RawTable,
  mapping: ColumnMapping,
  customFields: readonly CustomFieldDefinition[] = [],
): { rows: MemberImportRow[]; errors: RowError[]; invalidRows: MemberImportRow[] } {
  const errors: RowError[] = [];
  const invalid: Parsed[] = [];
  const columns = mappedColumns('members', table, mapping, MEMBER_PARSERS, customFields);
  const leftOnHeader = headerOf(columns, 'leftOn');
  let parsed = parseTable(table, columns, errors, invalid).filter((p) => {
    const message = rowStateError(p.values);
    if (message === undefined) return true;
    errors.push({ row: p.row, column: leftOnHeader, message });
    invalid.push(p);
    return false;
  });
  parsed = rejectDuplicates(
    parsed,
    'employeeNumber',
    headerOf(columns, 'employeeNumber'),
    (first) => `repeats the employee number of row ${first}`,
    errors,
    invalid,
  );
  return {
    rows: parsed.map((p) => p.values as MemberImportRow),
    errors: errors.sort(byRow),
    invalidRows: invalid.sort((a, b) => a.row - b.row).map((p) => p.values as MemberImportRow),
  };
}

/** parseMemberTable's valid rows and errors. */
export function parseMemberRows(
  table: RawTable,
  mapping: ColumnMapping,
): { rows: MemberImportRow[]; errors: RowError[] } {
  const { rows, errors } = parseMemberTable(table, mapping);
  return { rows, errors };
}

/**
 * Workplace rows of a file, parsed like member rows; a workplace name that an earlier
 * row already has is an error on the later rows (names are unique).
 */
export function parseWorkplaceRows(
  table: RawTable,
  mapping: ColumnMapping,
  customFields: readonly CustomFieldDefinition[] = [],
): { rows: WorkplaceImportRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const columns = mappedColumns('workplaces', table, mapping, WORKPLACE_PARSERS, customFields);
  const parsed = rejectDuplicates(
    parseTable(table, columns, errors),
    'name',
    headerOf(columns, 'name'),
    (first) => `repeats the workplace name of row ${first}`,
    errors,
  );
  return { rows: parsed.map((p) => p.values as WorkplaceImportRow), errors: errors.sort(byRow) };
}

/**
 * Demand-link rows of a file (要求への組合員の紐付け), parsed like member rows. A row must
 * name its member (ID or 社員番号) and its demand (要求ID or 要求): an empty one is an error
 * on the column that would name it. Like parseMemberTable, `invalidRows` keep the fields
 * that did parse, so the import reports an unknown demand in a row whose member is missing.
 * Repeats of the same member and demand are left to the import (it matches them first).
 */
export function parseDemandLinkTable(
  table: RawTable,
  mapping: ColumnMapping,
): { rows: DemandLinkImportRow[]; errors: RowError[]; invalidRows: DemandLinkImportRow[] } {
  const errors: RowError[] = [];
  const invalid: Parsed[] = [];
  const columns = mappedColumns('demand-links', table, mapping, DEMAND_LINK_PARSERS);
  const memberHeader = headerOf(columns, 'employeeNumber') ?? headerOf(columns, 'memberId');
  const demandHeader = headerOf(columns, 'demandTitle') ?? headerOf(columns, 'demandId');
  const parsed = parseTable(table, columns, errors, invalid);
  const refused = new Set(errors.map((e) => `${e.row}\u0000${e.column}`));
  const wasRefused = (row: number, field: string) => refused.has(`${row}\u0000${headerOf(columns, field)}`);
  /** Whether the row names a member and a demand; else an error on the empty column (one the parser refused has its error). */
  const complete = (p: Parsed) => {
    const v = p.values;
    let ok = true;
    if (
      !v.memberId &&
      !v.employeeNumber &&
      !wasRefused(p.row, 'memberId') &&
      !wasRefused(p.row, 'employeeNumber')
    ) {
      errors.push({ row: p.row, column: memberHeader, message: 'is required' });
      ok = false;
    }
    if (
      !v.demandId &&
      !v.demandTitle &&
      !wasRefused(p.row, 'demandId') &&
      !wasRefused(p.row, 'demandTitle')
    ) {
      errors.push({ row: p.row, column: demandHeader, message: 'is required' });
      ok = false;
    }
    return ok;
  };
  for (const p of invalid) complete(p);
  const rows = parsed.filter((p) => {
    if (complete(p)) return true;
    invalid.push(p);
    return false;
  });
  return {
    rows: rows.map((p) => p.values as DemandLinkImportRow),
    errors: errors.sort(byRow),
    invalidRows: invalid.sort((a, b) => a.row - b.row).map((p) => p.values as DemandLinkImportRow),
  };
}
