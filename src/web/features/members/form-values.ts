import type { Member } from '../../http/types';

// The member form keeps every field as the string its input shows; the API
// body is built from them (empty text → '', which the API stores as null;
// empty dates and references → null).
export const TEXT_FIELDS = [
  'name',
  'nameKana',
  'employeeNumber',
  'department',
  'jobType',
  'grade',
  'concerns',
  'nextAction',
  'parentOrganization',
] as const;
export const DATE_FIELDS = ['joinedOn', 'nextActionDueOn', 'leftOn'] as const;
export const REF_FIELDS = ['workplaceId', 'ownerId'] as const;
export const ENUM_FIELDS = ['engagement', 'unionRole', 'status'] as const;

export type FormField =
  | (typeof TEXT_FIELDS)[number]
  | (typeof DATE_FIELDS)[number]
  | (typeof REF_FIELDS)[number]
  | (typeof ENUM_FIELDS)[number];

/** In the order the form shows them (also the order of conflict differences). */
export const FORM_FIELDS: FormField[] = [
  'name',
  'nameKana',
  'employeeNumber',
  'workplaceId',
  'department',
  'jobType',
  'grade',
  'joinedOn',
  'unionRole',
  'engagement',
  'status',
  'leftOn',
  'parentOrganization',
  'ownerId',
  'concerns',
  'nextAction',
  'nextActionDueOn',
];

export type FormValues = Record<FormField, string>;

export const EMPTY_VALUES: FormValues = {
  name: '',
  nameKana: '',
  employeeNumber: '',
  workplaceId: '',
  department: '',
  jobType: '',
  grade: '',
  joinedOn: '',
  unionRole: 'general_member',
  engagement: 'occasional',
  status: 'active',
  leftOn: '',
  parentOrganization: '',
  ownerId: '',
  concerns: '',
  nextAction: '',
  nextActionDueOn: '',
};

export function valuesOf(member: Member): FormValues {
  const values = { ...EMPTY_VALUES };
  for (const field of FORM_FIELDS) values[field] = (member[field] as string | null) ?? '';
  return values;
}

function bodyValue(field: FormField, value: string): string | null {
  if (
    (DATE_FIELDS as readonly string[]).includes(field) ||
    (REF_FIELDS as readonly string[]).includes(field)
  ) {
    return value === '' ? null : value;
  }
  return value;
}

/** The API body for the given fields. */
export function bodyOf(values: FormValues, fields: readonly FormField[]): Record<string, string | null> {
  const body: Record<string, string | null> = {};
  for (const field of fields) body[field] = bodyValue(field, values[field]);
  return body;
}

/** The fields the user changed since `original` (what a PATCH sends). */
export function changedFields(values: FormValues, original: FormValues): FormField[] {
  return FORM_FIELDS.filter((field) => values[field] !== original[field]);
}
