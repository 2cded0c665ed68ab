import { customFieldParamsOf, parseCustomFieldFilters } from '../../core/custom-fields/filters';
import type { CustomFieldEntity } from '../../core/custom-fields/schemas';
import { validateCustomFieldWrite } from '../../core/custom-fields/values';
import { AppError, invalid } from '../../core/errors';
import type { DbOrTx } from '../../db/client';
import { activeCustomFieldDefinitions } from '../../db/queries/custom-fields';

/**
 * The record's new `custom_fields` for a write that carries `customFields` (checked against
 * the entity's active definitions, read in the write's transaction); undefined when the write
 * carries none (leave the column alone). 400 on `customFields.<key>` for anything wrong.
 * Other fields' errors (`otherErrors`) are reported together with these.
 */
export async function customFieldWrite(
  tx: DbOrTx,
  entity: CustomFieldEntity,
  input: Record<string, unknown> | undefined,
  options: { current?: unknown; creating: boolean },
): Promise<Record<string, unknown> | undefined> {
  if (input === undefined && !options.creating) return undefined;
  const definitions = await activeCustomFieldDefinitions(tx, entity);
  if (input === undefined && !definitions.some((d) => d.required)) return undefined;
  const current = (options.current ?? {}) as Record<string, unknown>;
  const result = validateCustomFieldWrite(definitions, input, { current, creating: options.creating });
  if (Object.keys(result.errors).length) throw invalid(result.errors);
  return result.changed || options.creating ? result.values : undefined;
}

/**
 * `cf.<key>` list parameters as the containment object the records' values must hold;
 * null without any. 400 on `cf.<key>` for an unknown or archived key or a bad value.
 */
export async function customFieldFilter(
  db: DbOrTx,
  entity: CustomFieldEntity,
  params: Record<string, readonly string[]> | undefined,
): Promise<Record<string, unknown> | null> {
  if (!params || Object.keys(params).length === 0) return null;
  const { containment, errors } = parseCustomFieldFilters(
    await activeCustomFieldDefinitions(db, entity),
    params,
  );
  if (Object.keys(errors).length) throw invalid(errors);
  return containment;
}

/**
 * A bulk request's `filter` custom field entries (`"cf.<key>": value`) as the containment the
 * records must hold; null without any. 400 on `filter.cf.<key>` for a bad one.
 */
export async function bulkFilterCustomFields(
  db: DbOrTx,
  entity: CustomFieldEntity,
  filter: Record<string, unknown> | undefined,
): Promise<Record<string, unknown> | null> {
  try {
    return await customFieldFilter(db, entity, customFieldParamsOf(filter));
  } catch (error) {
    if (error instanceof AppError && error.fields) {
      const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [`filter.${k}`, v]));
      throw new AppError(error.code, error.message, fields);
    }
    throw error;
  }
}
