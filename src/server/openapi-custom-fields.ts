import type { CustomFieldRow } from '../db/queries/custom-fields';

type JsonSchema = Record<string, unknown>;
type Document = { components?: { schemas?: Record<string, unknown> } };

/** The JSON Schema of one custom field's value (labels as title and description). */
export function customFieldValueSchema(
  field: Pick<CustomFieldRow, 'key' | 'type' | 'labelJa' | 'labelEn' | 'options' | 'required'>,
): JsonSchema {
  const described = {
    title: field.labelEn,
    description: `${field.labelJa}${field.required ? ' (required)' : ''}`,
  };
  const values = field.options.map((o) => o.value);
  switch (field.type) {
    case 'text':
      return { type: 'string', maxLength: 200, ...described };
    case 'long_text':
      return { type: 'string', maxLength: 5000, ...described };
    case 'number':
      return { type: 'number', ...described };
    case 'date':
      return { type: 'string', format: 'date', ...described };
    case 'boolean':
      return { type: 'boolean', ...described };
    case 'choice':
      return { type: 'string', enum: values, ...described };
    case 'choices':
      return { type: 'array', items: { type: 'string', enum: values }, uniqueItems: true, ...described };
  }
}

/**
 * The served document with `customFields` of Member and Workplace typed from the active
 * definitions: one property per key (absent when the record has no value). The generated
 * document is left as it is; the copy replaces only the two component schemas.
 */
export function withCustomFieldSchemas<D extends Document>(
  document: D,
  fields: readonly CustomFieldRow[],
): D {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const typed = (component: string, entity: CustomFieldRow['entity']) => {
    const schema = schemas[component] as { properties?: Record<string, JsonSchema> } | undefined;
    if (!schema?.properties?.customFields) return undefined;
    const properties = Object.fromEntries(
      fields
        .filter((f) => f.entity === entity && f.archivedAt === null)
        .map((f) => [f.key, customFieldValueSchema(f)]),
    );
    return {
      ...schema,
      properties: {
        ...schema.properties,
        customFields: {
          type: 'object',
          description:
            'Values of the union’s own fields by key (GET /api/custom-fields); a field without a value is absent.',
          properties,
          additionalProperties: false,
        },
      },
    };
  };
  const member = typed('Member', 'member');
  const workplace = typed('Workplace', 'workplace');
  return {
    ...document,
    components: {
      ...document.components,
      schemas: {
        ...schemas,
        ...(member ? { Member: member } : {}),
        ...(workplace ? { Workplace: workplace } : {}),
      },
    },
  };
}
