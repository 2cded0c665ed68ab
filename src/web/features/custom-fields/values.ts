import type { CustomField, CustomFieldValues } from '../../http/types';
import type { Lang } from '../../i18n/I18nProvider';

// Custom field values between the API, the form inputs and the screen.

/** What an input holds: text for most types, a tick for はい/いいえ, the ticked values for 複数選択. */
export type InputValue = string | boolean | string[];
export type InputValues = Record<string, InputValue>;

/** A record's values as the inputs hold them (a value of an unknown shape is shown as text). */
export function inputValuesOf(values: CustomFieldValues | undefined | null): InputValues {
  const out: InputValues = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.map(String);
    else if (value !== null && value !== undefined) out[key] = String(value);
  }
  return out;
}

/** The value an input of this field shows when the record holds none. */
export function emptyInput(field: CustomField): InputValue {
  if (field.type === 'boolean') return false;
  if (field.type === 'choices') return [];
  return '';
}

export function inputOf(field: CustomField, values: InputValues): InputValue {
  return values[field.key] ?? emptyInput(field);
}

const isEmpty = (value: InputValue) =>
  value === '' || (Array.isArray(value) && value.length === 0) || value === undefined;

/**
 * The API value of an input: null when empty (which clears it). A number that does not read
 * as one is sent as typed, so the server names the field.
 */
function apiValue(field: CustomField, value: InputValue): unknown {
  if (field.type === 'boolean') return value === true;
  if (isEmpty(value)) return null;
  if (field.type === 'number' && typeof value === 'string') {
    const n = Number(value.trim());
    return value.trim() !== '' && Number.isFinite(n) ? n : value;
  }
  return value;
}

/** Whether two inputs hold the same value (ticked choices in any order). */
export const same = (a: InputValue, b: InputValue) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v) => b.includes(v)) : a === b;

/**
 * The `customFields` of a request: on creation every filled field (and every はい/いいえ, whose
 * unticked box means いいえ); on an edit only the fields changed since `original` (empty → null).
 * Undefined when there is nothing to send.
 */
export function customFieldsBody(
  fields: readonly CustomField[],
  values: InputValues,
  original?: InputValues,
): Record<string, unknown> | undefined {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = inputOf(field, values);
    if (original) {
      if (same(value, inputOf(field, original))) continue;
      body[field.key] = apiValue(field, value);
    } else if (field.type === 'boolean' || !isEmpty(value)) {
      body[field.key] = apiValue(field, value);
    }
  }
  return Object.keys(body).length ? body : undefined;
}

export const fieldLabel = (field: CustomField, lang: Lang) =>
  (lang === 'ja' ? field.labelJa : field.labelEn) || field.labelJa;

export const optionLabel = (field: CustomField, value: string, lang: Lang) => {
  const option = field.options.find((o) => o.value === value);
  if (!option) return value;
  return (lang === 'ja' ? option.labelJa : option.labelEn) || option.labelJa;
};

/**
 * A value as the screen shows it, in the UI language: choices by their option labels, はい/いいえ,
 * dates formatted; '' when there is none.
 */
export function displayValue(
  field: CustomField,
  value: unknown,
  text: { yes: string; no: string; listSeparator: string },
  lang: Lang,
  formatDate: (date: string) => string,
): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'boolean':
      return value === true ? text.yes : value === false ? text.no : String(value);
    case 'choice':
      return optionLabel(field, String(value), lang);
    case 'choices':
      return Array.isArray(value)
        ? value.map((v) => optionLabel(field, String(v), lang)).join(text.listSeparator)
        : String(value);
    case 'date':
      return typeof value === 'string' ? formatDate(value) : String(value);
    case 'number':
      return typeof value === 'number'
        ? value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US')
        : String(value);
    default:
      return String(value);
  }
}

// The list pages keep the custom columns and filters in the URL: `columns=cf.shift,cf.grade`
// (other optional columns may share the parameter) and `cf.shift=day`.

export const CF_PREFIX = 'cf.';

/** The keys of the custom columns shown, in the order chosen. */
export function customColumnKeys(search: URLSearchParams): string[] {
  return (search.get('columns') ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.startsWith(CF_PREFIX) && c.length > CF_PREFIX.length)
    .map((c) => c.slice(CF_PREFIX.length));
}

/** `columns` with the custom column `key` added or taken out (other entries kept as they are). */
export function withCustomColumn(search: URLSearchParams, key: string, shown: boolean): URLSearchParams {
  const next = new URLSearchParams(search);
  const entries = (search.get('columns') ?? '').split(',').filter(Boolean);
  const name = `${CF_PREFIX}${key}`;
  const kept = entries.filter((c) => c !== name);
  if (shown) kept.push(name);
  if (kept.length) next.set('columns', kept.join(','));
  else next.delete('columns');
  return next;
}

/** The URL without filters: clearing them keeps the columns chosen. */
export function columnsOnly(search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  const columns = search.get('columns');
  if (columns) next.set('columns', columns);
  return next;
}

/** The `cf.<key>` filters of the URL, sent to the API as they are. */
export function customFilters(search: URLSearchParams): Record<`cf.${string}`, string> {
  const out: Record<`cf.${string}`, string> = {};
  for (const [name, value] of search) {
    if (name.startsWith(CF_PREFIX) && name.length > CF_PREFIX.length && value !== '')
      out[name as `cf.${string}`] = value;
  }
  return out;
}

/** The field types a list can be filtered by (a select of their values). */
export const FILTERABLE_TYPES = new Set(['choice', 'choices', 'boolean']);
