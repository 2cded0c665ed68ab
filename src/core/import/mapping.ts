import { hiraganaToKatakana } from '../members/kana';
import type {
  ColumnMapping,
  DemandLinkImportRow,
  ImportKind,
  MemberImportRow,
  WorkplaceImportRow,
} from './types';

/** The fields a member file can fill, in the order a roster usually has them. */
export const MEMBER_IMPORT_FIELDS = [
  'id',
  'employeeNumber',
  'name',
  'nameKana',
  'workplaceName',
  'department',
  'jobType',
  'grade',
  'joinedOn',
  'engagement',
  'engagementReason',
  'unionRole',
  'status',
  'leftOn',
  'concerns',
  'nextAction',
  'nextActionDueOn',
  'parentOrganization',
  'owner',
  'phones',
  'emails',
  'postalAddress',
  'preferredChannel',
] as const satisfies readonly Exclude<keyof MemberImportRow, 'row'>[];
export type MemberImportField = (typeof MEMBER_IMPORT_FIELDS)[number];

export const WORKPLACE_IMPORT_FIELDS = [
  'name',
  'nameKana',
  'establishment',
  'employeeCount',
  'atmosphere',
  'issues',
  'organizingStatus',
  'owner',
] as const satisfies readonly Exclude<keyof WorkplaceImportRow, 'row'>[];
export type WorkplaceImportField = (typeof WORKPLACE_IMPORT_FIELDS)[number];

/** A demand-link file: the member (ID or 社員番号), the demand (要求ID or 要求), the season of a title. */
export const DEMAND_LINK_IMPORT_FIELDS = [
  'memberId',
  'employeeNumber',
  'demandId',
  'demandTitle',
  'seasonName',
] as const satisfies readonly Exclude<keyof DemandLinkImportRow, 'row'>[];
export type DemandLinkImportField = (typeof DEMAND_LINK_IMPORT_FIELDS)[number];

/** A custom field as the import matches a header to it: by its labels or its key. */
export type ImportCustomField = { key: string; labelJa: string; labelEn: string };

/** The mapping target of a custom field's column. */
export const customFieldTarget = (key: string) => `cf.${key}`;

/** The fields a file of this kind can fill, custom fields (`cf.<key>`) included for members and workplaces. */
function mappableFields(kind: ImportKind, customFields: readonly ImportCustomField[]): Set<string> {
  const fields = new Set(importFields(kind));
  if (kind !== 'demand-links') for (const f of customFields) fields.add(customFieldTarget(f.key));
  return fields;
}

export function importFields(kind: ImportKind): readonly string[] {
  return kind === 'members'
    ? MEMBER_IMPORT_FIELDS
    : kind === 'workplaces'
      ? WORKPLACE_IMPORT_FIELDS
      : DEMAND_LINK_IMPORT_FIELDS;
}

/**
 * The SPEC §3 label of each field: the headers an export writes, so that the file it
 * produces maps back to the same fields (suggestMapping recognizes every one of them).
 */
export const IMPORT_FIELD_LABELS: {
  members: Record<MemberImportField, string>;
  workplaces: Record<WorkplaceImportField, string>;
  'demand-links': Record<DemandLinkImportField, string>;
} = {
  members: {
    id: 'ID',
    employeeNumber: '社員番号',
    name: '氏名',
    nameKana: 'フリガナ',
    workplaceName: '所属職場',
    department: '所属部署',
    jobType: '職種',
    grade: '等級',
    joinedOn: '組合加入日',
    engagement: '関与度(感情温度)',
    engagementReason: '関与度の理由',
    unionRole: '役職',
    status: '在籍',
    leftOn: '脱退日',
    concerns: '主な職場の悩み・要求',
    nextAction: '次のアクション内容',
    nextActionDueOn: '次のアクション期日',
    parentOrganization: '上部団体・産別の担当組織',
    // The export writes the owner's name under 担当者 (for people) and the email, which
    // the import reads, under 担当者メール; a file with both maps only the email.
    owner: '担当者メール',
    // Contact details (issue 17): several numbers or addresses in one cell, separated by `;`.
    phones: '電話番号',
    emails: 'メールアドレス',
    postalAddress: '住所',
    preferredChannel: '希望連絡手段',
  },
  workplaces: {
    name: '職場名',
    nameKana: 'よみ',
    establishment: '所属事業所',
    employeeCount: '従業員数',
    atmosphere: '職場の雰囲気(感情温度)',
    issues: '職場の主な課題・要求',
    organizingStatus: '未加入者へのオルグ状況',
    owner: '担当者',
  },
  // The member export's ID and 社員番号 columns, so an exported (filtered) member list with a
  // 要求 column added imports as links.
  'demand-links': {
    memberId: 'ID',
    employeeNumber: '社員番号',
    demandId: '要求ID',
    demandTitle: '要求',
    seasonName: '交渉シーズン',
  },
};

/**
 * Headers (besides the field name itself and its label above) that rosters use for a
 * field: Japanese as union offices write them, and the English labels of the web app.
 */
const MEMBER_SYNONYMS: Record<MemberImportField, string[]> = {
  id: ['組合員ID', 'Member ID', 'memberId'],
  employeeNumber: [
    '従業員番号',
    '社員No',
    '社員コード',
    '社員CD',
    '社員ID',
    '従業員No',
    '従業員コード',
    '職員番号',
    '職員No',
    'Employee No',
    'Employee number',
    'Employee ID',
    'Emp No',
    'Staff No',
  ],
  name: ['名前', '氏名(漢字)', '漢字氏名', '組合員名', '組合員氏名', 'Name', 'Full name', 'Member name'],
  nameKana: [
    'ふりがな',
    'カナ',
    'かな',
    'カナ氏名',
    '氏名カナ',
    '氏名(カナ)',
    '氏名フリガナ',
    'よみがな',
    '読み仮名',
    '読み',
    'Kana',
    'Name in kana',
    'Furigana',
    'Reading',
  ],
  workplaceName: ['職場', '職場名', 'Workplace', 'Workplace name', 'workplaceId'],
  department: ['部署', '部署名', '所属部門', '部門', 'Department', 'Dept'],
  jobType: ['職種名', 'Job type', 'Job', 'Occupation'],
  grade: ['職級', '資格等級', 'Grade'],
  joinedOn: [
    '加入日',
    '組合加入年月日',
    '加入年月日',
    'Joined the union',
    'Joined on',
    'Joined',
    'Join date',
    'Joined date',
  ],
  engagement: ['関与度', '感情温度', 'Engagement', 'Engagement (emotional temperature)'],
  engagementReason: [
    '関与度を変えた理由',
    '関与度の根拠',
    '関与度の変更理由',
    'Why the engagement changed',
    'Engagement reason',
  ],
  unionRole: ['組合役職', '組合の役職', 'Union role', 'Role'],
  status: ['在籍状況', '在籍区分', '在籍/脱退', 'Membership', 'Membership status', 'Status'],
  leftOn: ['脱退年月日', 'Left on', 'Left', 'Left date'],
  concerns: [
    '悩み',
    '要求',
    '悩み・要求',
    '職場の悩み',
    '職場の悩み・要求',
    'Concerns',
    'Main workplace concerns and demands',
  ],
  nextAction: ['次のアクション', 'Next action'],
  nextActionDueOn: ['次のアクションの期日', 'アクション期日', 'Next action due', 'Next action due on'],
  parentOrganization: [
    '上部団体',
    '産別',
    '上部団体・産別',
    'Parent organization',
    'Federation',
    'Federation / industrial union contact',
  ],
  owner: [
    '担当者',
    '担当者メールアドレス',
    '担当者のメール',
    '担当',
    '担当役員',
    '担当者名',
    'Owner',
    'Owner email',
    'ownerId',
    'Owner name',
    'Officer in charge',
  ],
  phones: [
    '電話',
    '電話番号1',
    '携帯電話',
    '携帯番号',
    '連絡先電話番号',
    'TEL',
    '電話/TEL',
    'Phone',
    'Phones',
    'Phone number',
    'Phone numbers',
    'Telephone',
  ],
  emails: [
    'メール',
    'Eメール',
    'E-mail',
    'Email',
    'E-mail address',
    'E-mail addresses',
    'Email address',
    'Emails',
    'Mail',
  ],
  postalAddress: ['住所(自宅)', '自宅住所', '現住所', '所在地', 'Address', 'Postal address', 'Home address'],
  preferredChannel: [
    '連絡手段',
    '希望の連絡手段',
    '連絡方法',
    'Preferred channel',
    'Preferred contact channel',
    'Contact by',
  ],
};

/**
 * Headers that win over the other headers of the same field, whatever the column order:
 * besides each field's label, the English header of the member export's owner email
 * (its name column, 担当者 / Owner, is then ignored).
 */
const PREFERRED: Partial<Record<string, string[]>> = { owner: ['Owner email'] };

const WORKPLACE_SYNONYMS: Record<WorkplaceImportField, string[]> = {
  name: ['職場', '職場名称', '名称', 'Workplace', 'Workplace name', 'Name'],
  nameKana: [
    'よみがな',
    '読み',
    '読み仮名',
    'ふりがな',
    'カナ',
    'かな',
    '職場名よみ',
    '職場名カナ',
    '職場名フリガナ',
    'Reading',
    'Kana',
    'Furigana',
  ],
  establishment: ['事業所', '事業所名', '事業場', 'Establishment', 'Site'],
  employeeCount: ['従業員', '社員数', '人数', 'Employees', 'Employee count', 'Headcount'],
  atmosphere: ['職場の雰囲気', '雰囲気', '感情温度', 'Atmosphere'],
  issues: ['課題', '主な課題', '職場の課題', '課題・要求', 'Issues', 'Main issues and demands'],
  organizingStatus: [
    '組織化状況',
    'オルグ状況',
    '組織化の状況',
    'Organizing status',
    'Organizing non-members',
  ],
  owner: ['担当', '担当役員', '担当者名', 'Owner', 'ownerId', 'Owner name', 'Officer in charge'],
};

const DEMAND_LINK_SYNONYMS: Record<DemandLinkImportField, string[]> = {
  memberId: MEMBER_SYNONYMS.id,
  employeeNumber: MEMBER_SYNONYMS.employeeNumber,
  demandId: ['Demand ID', 'demandId'],
  demandTitle: ['要求名', '要求項目', '要求の件名', '件名', 'Demand', 'Demand title', 'Title'],
  seasonName: ['シーズン', '交渉シーズン名', 'Season', 'Bargaining season', 'Season name'],
};

const SYNONYMS: Record<ImportKind, Record<string, string[]>> = {
  members: MEMBER_SYNONYMS,
  workplaces: WORKPLACE_SYNONYMS,
  'demand-links': DEMAND_LINK_SYNONYMS,
};

/**
 * How headers are compared: NFKC (full-width letters and half-width kana fold), case
 * folded, hiragana as katakana, and without spaces, punctuation or symbols — so
 * 「関与度（感情温度）」, "関与度(感情温度)" and "関与度 感情温度" are the same header.
 */
export function normalizeHeader(header: string): string {
  return hiraganaToKatakana(header.normalize('NFKC').toLowerCase()).replace(/[\s\p{P}\p{S}]/gu, '');
}

function lookupTable(kind: ImportKind): Map<string, string> {
  const table = new Map<string, string>();
  const labels: Record<string, string> = IMPORT_FIELD_LABELS[kind];
  const synonyms = SYNONYMS[kind];
  for (const field of importFields(kind)) {
    for (const header of [field, labels[field] ?? field, ...(synonyms[field] ?? [])]) {
      const key = normalizeHeader(header);
      const taken = table.get(key);
      if (taken !== undefined && taken !== field) {
        throw new Error(`import header "${header}" is ambiguous: ${taken} and ${field}`);
      }
      table.set(key, field);
    }
  }
  return table;
}

const LOOKUP: Record<ImportKind, Map<string, string>> = {
  members: lookupTable('members'),
  workplaces: lookupTable('workplaces'),
  'demand-links': lookupTable('demand-links'),
};

/**
 * A first mapping for a file's headers: each header that names a field (see
 * normalizeHeader) maps to it, the others to null. A field is filled by one column
 * only: when two headers name the same field, the first one wins.
 * The result has no prototype, so a header such as `__proto__` is an ordinary key.
 */
export function suggestMapping(
  kind: ImportKind,
  headers: readonly string[],
  customFields: readonly ImportCustomField[] = [],
): ColumnMapping {
  const lookup = LOOKUP[kind];
  const labels: Record<string, string> = IMPORT_FIELD_LABELS[kind];
  const preferred = (field: string, header: string) =>
    [labels[field] ?? field, ...(PREFERRED[field] ?? [])].some(
      (h) => normalizeHeader(h) === normalizeHeader(header),
    );
  const mapping: ColumnMapping = Object.create(null);
  const used = new Set<string>();
  // A field's own label (or preferred header) first, then the other headers in file order.
  for (const first of [true, false]) {
    for (const header of headers) {
      if (first) mapping[header] = null;
      else if (mapping[header] !== null) continue;
      const field = lookup.get(normalizeHeader(header));
      if (field === undefined || used.has(field) || (first && !preferred(field, header))) continue;
      used.add(field);
      mapping[header] = field;
    }
  }
  // Custom fields (members and workplaces): a header equal to the label (Japanese or English)
  // or the key, for the columns no built-in field took.
  if (kind !== 'demand-links' && customFields.length) {
    const byHeader = new Map<string, string>();
    for (const f of customFields) {
      for (const h of [f.labelJa, f.labelEn, f.key]) {
        const key = normalizeHeader(h);
        if (key && !byHeader.has(key)) byHeader.set(key, customFieldTarget(f.key));
      }
    }
    for (const header of headers) {
      if (mapping[header] !== null) continue;
      const target = byHeader.get(normalizeHeader(header));
      if (target === undefined || used.has(target)) continue;
      used.add(target);
      mapping[header] = target;
    }
  }
  return mapping;
}

/** A problem with a mapping: `column` is the file header concerned, null for the mapping as a whole. */
export type MappingError = { column: string | null; message: string };

/**
 * Checks a mapping (as suggested, or as the user or a saved mapping changed it): every
 * target is a field of the kind, no field is filled by two columns, and `name` is
 * mapped. With `headers`, only the columns the file has count (a saved mapping may
 * name columns this file lacks).
 */
export function validateMapping(
  kind: ImportKind,
  mapping: ColumnMapping,
  headers?: readonly string[],
  customFields: readonly ImportCustomField[] = [],
): MappingError[] {
  const fields = mappableFields(kind, customFields);
  const present = headers ? new Set(headers) : null;
  const errors: MappingError[] = [];
  const filledBy = new Map<string, string>();
  if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) {
    return [{ column: null, message: 'must map file columns to fields' }];
  }
  for (const column of Object.keys(mapping)) {
    if (present && !present.has(column)) continue;
    const field: unknown = mapping[column];
    if (field === null || field === undefined || field === '') continue;
    if (typeof field !== 'string' || !fields.has(field)) {
      errors.push({ column, message: `is mapped to an unknown field: ${String(field)}` });
      continue;
    }
    const earlier = filledBy.get(field);
    if (earlier !== undefined) {
      errors.push({ column, message: `fills ${field}, which column "${earlier}" already fills` });
      continue;
    }
    filledBy.set(field, column);
  }
  if (kind === 'demand-links') {
    // A link names its member (ID or 社員番号) and its demand (要求ID or 要求).
    if (!filledBy.has('memberId') && !filledBy.has('employeeNumber')) {
      errors.push({ column: null, message: 'no column is mapped to memberId or employeeNumber' });
    }
    if (!filledBy.has('demandId') && !filledBy.has('demandTitle')) {
      errors.push({ column: null, message: 'no column is mapped to demandId or demandTitle' });
    }
    return errors;
  }
  // Members are matched by id or employee number: a file of 社員番号 + 関与度 updates existing
  // members (a new member in it still needs a name, reported per row by the import).
  const identified =
    filledBy.has('name') || (kind === 'members' && (filledBy.has('employeeNumber') || filledBy.has('id')));
  if (!identified) {
    errors.push({
      column: null,
      message:
        kind === 'members' ? 'no column is mapped to name or employeeNumber' : 'no column is mapped to name',
    });
  }
  return errors;
}
