import { z } from 'zod';
import { isValidPlainDate } from '../common/dates';
import { STORABLE_TEXT, text } from '../common/schemas';
import type { CustomFieldDefinition } from './schemas';

/** The list-filter prefix: `cf.<key>=<value>` on /api/members and /api/workplaces. */
export const CUSTOM_FIELD_FILTER_PREFIX = 'cf.';

/**
 * The `cf.<key>` entries of a query string (each with every value given), e.g. from
 * `c.req.queries()`. Other parameters are not looked at.
 */
export function customFieldFilterParams(
  query: Record<string, string | string[] | undefined>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!name.startsWith(CUSTOM_FIELD_FILTER_PREFIX) || value === undefined) continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  return out;
}

/**
 * `cf.<key>` filters as one JSON object the records' `custom_fields` must contain
 * (`custom_fields @> $1::jsonb`, served by the GIN index): choice, text, number, date and
 * boolean equal the value; choices contain it (several values: all of them). Several keys
 * AND together. An unknown or archived key or a value that does not parse is an error keyed
 * `cf.<key>`. `null` when there is no filter.
 */
export function parseCustomFieldFilters(
  definitions: readonly CustomFieldDefinition[],
  params: Record<string, readonly string[]>,
): { containment: Record<string, unknown> | null; errors: Record<string, string> } {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const containment: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [name, raws] of Object.entries(params)) {
    const key = name.slice(CUSTOM_FIELD_FILTER_PREFIX.length);
    const def = byKey.get(key);
    if (!def) {
      errors[name] = 'is not a field of this list';
      continue;
    }
    if (raws.length === 0) continue;
    if (def.type !== 'choices' && raws.length > 1) {
      errors[name] = 'takes one value';
      continue;
    }
    const parsed: unknown[] = [];
    let error: string | undefined;
    for (const raw of raws) {
      const result = parseFilterValue(def, raw);
      if ('error' in result) {
        error = result.error;
        break;
      }
      parsed.push(result.value);
    }
    if (error) {
      errors[name] = error;
      continue;
    }
    containment[key] = def.type === 'choices' ? parsed : parsed[0];
  }
  return { containment: Object.keys(containment).length ? containment : null, errors };
}

function parseFilterValue(def: CustomFieldDefinition, raw: string): { value: unknown } | { error: string } {
  if (!STORABLE_TEXT.test(raw)) return { error: 'must not contain NUL characters or unpaired surrogates' };
  if (raw.length > 5000) return { error: 'is too long' };
  const value = raw.normalize('NFC').trim();
  switch (def.type) {
    case 'text':
    case 'long_text':
      return value === '' ? { error: 'must not be empty' } : { value };
    case 'number': {
      const n = value === '' ? Number.NaN : Number(value);
      return Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'date':
      return isValidPlainDate(value) ? { value } : { error: 'must be a real calendar date (YYYY-MM-DD)' };
    case 'boolean':
      return value === 'true' || value === 'false'
        ? { value: value === 'true' }
        : { error: 'must be true or false' };
    case 'choice':
    case 'choices':
      return def.options.some((o) => o.value === value) ? { value } : { error: 'is not one of the options' };
  }
}

/** A `cf.<key>` entry of a bulk filter (JSON): one value, or several for 複数選択. */
const customFieldFilterValue = z.union([
  text().max(200, { message: 'must be at most 200 characters' }),
  z
    .array(text().max(200, { message: 'must be at most 200 characters' }))
    .max(20, { message: 'must have at most 20 values' }),
]);

/**
 * A list's filters as a bulk request's JSON `filter`: the list's own params (`shape`) and its
 * custom field filters as `"cf.<key>": value`; any other key is refused (`listName` says whose).
 */
export function listFilterSchema<T extends z.core.$ZodLooseShape>(shape: T, listName: string) {
  return z
    .object(shape)
    .catchall(customFieldFilterValue)
    .superRefine((v, ctx) => {
      for (const key of Object.keys(v)) {
        if (key in shape) continue;
        if (!key.startsWith(CUSTOM_FIELD_FILTER_PREFIX) || key.length <= CUSTOM_FIELD_FILTER_PREFIX.length) {
          ctx.addIssue({ code: 'custom', path: [key], message: `is not a filter of the ${listName} list` });
        }
      }
    });
}

/** A bulk filter's `cf.<key>` entries as the list takes them from a query string (each with its values). */
export function customFieldParamsOf(filter: Record<string, unknown> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (!key.startsWith(CUSTOM_FIELD_FILTER_PREFIX) || value === undefined) continue;
    out[key] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return out;
}
