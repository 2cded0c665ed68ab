import { z } from 'zod';
import { recordOutput, timestampOut } from '../common/output';
import { enumOf, requiredText, text, versionField } from '../common/schemas';

/**
 * Custom fields (issue 17): fields a union defines for its members and workplaces. A
 * definition's `key` names the value in the records' `customFields` and in list filters
 * (`cf.<key>`); it never changes, so renaming (the labels) keeps every value.
 */
export const CUSTOM_FIELD_ENTITIES = ['member', 'workplace'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

export const CUSTOM_FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'date',
  'boolean',
  'choice',
  'choices',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;
/** Options at most per field, definitions at most per entity (a form stays usable). */
export const MAX_OPTIONS = 100;

export const isChoiceType = (type: CustomFieldType) => type === 'choice' || type === 'choices';

/** Characters an option value may not hold: an import cell lists several choices with them. */
const OPTION_SEPARATORS = /[,;、]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const CONTROL = /[\u0000-\u001f\u007f]/;

const optionValue = text('is required')
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, { message: 'is required' })
      .max(100, { message: 'must be at most 100 characters' })
      .refine((s) => !OPTION_SEPARATORS.test(s), { message: 'must not contain , ; or 、' })
      .refine((s) => !CONTROL.test(s), { message: 'must be one line without control characters' }),
  );

const label = (max: number) =>
  requiredText(max)
    .transform((s) => s.normalize('NFC'))
    .refine((s) => !CONTROL.test(s), { message: 'must be one line without control characters' });

export const customFieldOptionSchema = z
  .strictObject({
    value: optionValue.meta({ description: 'What records store and filters name (`cf.<key>=<value>`).' }),
    labelJa: label(100),
    labelEn: label(100),
  })
  .meta({ id: 'CustomFieldOption' });
export type CustomFieldOption = z.output<typeof customFieldOptionSchema>;

const optionsField = z
  .array(customFieldOptionSchema, { message: 'must be a list of options' })
  .max(MAX_OPTIONS, { message: `must have at most ${MAX_OPTIONS} options` });

const position = z
  .number({ message: 'must be a whole number' })
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must be 0 or more' })
  .max(100_000, { message: 'must be at most 100000' });

/**
 * What is wrong with `options` for a field of this type: required (one or more, distinct
 * values) for choice and choices, forbidden otherwise. Empty when they are right.
 */
export function optionErrors(type: CustomFieldType, options: readonly CustomFieldOption[] | undefined) {
  const errors: Record<string, string> = {};
  if (!isChoiceType(type)) {
    if (options !== undefined && options.length > 0) errors.options = `are not used by a ${type} field`;
    return errors;
  }
  if (!options || options.length === 0) {
    errors.options = 'needs at least one option';
    return errors;
  }
  const seen = new Set<string>();
  for (const [i, option] of options.entries()) {
    if (seen.has(option.value)) errors[`options.${i}.value`] = `repeats the value ${option.value}`;
    seen.add(option.value);
  }
  return errors;
}

export const createCustomFieldSchema = z
  .strictObject({
    entity: enumOf(CUSTOM_FIELD_ENTITIES),
    key: text()
      .regex(CUSTOM_FIELD_KEY, {
        message: 'must start with a-z and hold only a-z, 0-9 and _ (at most 40 characters)',
      })
      .meta({ description: 'The name in `customFields` and filters (`cf.<key>`); never changes.' }),
    labelJa: label(100),
    labelEn: label(100),
    type: enumOf(CUSTOM_FIELD_TYPES),
    options: optionsField.optional(),
    required: z.boolean({ message: 'must be true or false' }).default(false),
    position: position.optional(),
  })
  .superRefine((value, ctx) => {
    for (const [path, message] of Object.entries(optionErrors(value.type, value.options))) {
      ctx.addIssue({
        code: 'custom',
        path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message,
      });
    }
  })
  .meta({ id: 'CustomFieldCreate' });
export type CreateCustomFieldInput = z.output<typeof createCustomFieldSchema>;

export const updateCustomFieldSchema = z
  .strictObject({
    labelJa: label(100).optional(),
    labelEn: label(100).optional(),
    options: optionsField.optional().meta({
      description:
        'The whole new list (choice and choices only). Removing a value that records still hold is refused.',
    }),
    required: z.boolean({ message: 'must be true or false' }).optional(),
    position: position.optional(),
    version: versionField,
  })
  .meta({ id: 'CustomFieldUpdate' });
export type UpdateCustomFieldInput = z.output<typeof updateCustomFieldSchema>;

export const listCustomFieldsQuery = z.object({
  entity: enumOf(CUSTOM_FIELD_ENTITIES).optional(),
  includeArchived: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .optional()
    .transform((v) => v === 'true')
    .meta({ description: 'Archived (deleted) fields too.' }),
});
export type ListCustomFieldsQuery = z.output<typeof listCustomFieldsQuery>;

export const customFieldSchema = z
  .object({
    ...recordOutput,
    entity: z.enum(CUSTOM_FIELD_ENTITIES),
    key: z.string(),
    labelJa: z.string(),
    labelEn: z.string(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.object({ value: z.string(), labelJa: z.string(), labelEn: z.string() })),
    required: z.boolean(),
    position: z.number().int(),
    archivedAt: timestampOut.nullable(),
  })
  .meta({ id: 'CustomField' });

export const customFieldListSchema = z
  .object({ items: z.array(customFieldSchema) })
  .meta({ id: 'CustomFieldList' });

/** What validation and filters need of a definition. */
export type CustomFieldDefinition = {
  key: string;
  type: CustomFieldType;
  labelJa: string;
  labelEn: string;
  required: boolean;
  options: readonly CustomFieldOption[];
};

/**
 * `customFields` as a create or update body carries it: a partial object by key (null clears
 * a value). Checked against the active definitions by `validateCustomFieldWrite`.
 */
export const customFieldsInput = z
  .record(z.string(), z.unknown(), { message: 'must be an object of values by field key' })
  .refine((o) => Object.keys(o).length <= 200, { message: 'must have at most 200 keys' })
  .optional()
  .meta({
    description:
      'Values of the union’s own fields by key (GET /api/custom-fields); null clears one. Only the keys sent change.',
  });

/** `customFields` in a response: the active fields' non-empty values by key. */
export const customFieldsOutput = z.record(z.string(), z.unknown()).meta({
  description: 'Values of the union’s own (active) fields by key; /api/openapi.json lists them.',
});
