import type { CustomFieldDefinition } from './schemas';
import { normalizeCustomFieldValue } from './values';

/**
 * Custom fields in spreadsheets: how the export writes a value into a cell, and how the
 * import reads one back. The import accepts what the export writes in either language (an
 * option's value or either label; はい/いいえ or true/false), so a roster exported, edited
 * and imported again keeps its values.
 */

export const BOOLEAN_CELLS = { ja: { true: 'はい', false: 'いいえ' }, en: { true: 'true', false: 'false' } };
const TRUE_WORDS = new Set(['はい', 'true', 'yes', 'y', '1', '○', '〇', 'あり', '有']);
const FALSE_WORDS = new Set(['いいえ', 'false', 'no', 'n', '0', '×', 'なし', '無']);

/** The text (or number, or plain date) a cell shows for a stored value; null for none. */
export function customFieldCellValue(
  def: CustomFieldDefinition,
  value: unknown,
  lang: 'ja' | 'en',
): string | number | null {
  if (value === undefined || value === null) return null;
  const label = (v: string) => {
    const option = def.options.find((o) => o.value === v);
    return option ? (lang === 'ja' ? option.labelJa : option.labelEn) : v;
  };
  switch (def.type) {
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return value === true ? BOOLEAN_CELLS[lang].true : value === false ? BOOLEAN_CELLS[lang].false : null;
    case 'choice':
      return typeof value === 'string' ? label(value) : null;
    case 'choices':
      return Array.isArray(value)
        ? value.map((v) => label(String(v))).join(lang === 'ja' ? '、' : ', ')
        : null;
    default:
      return typeof value === 'string' ? value : null;
  }
}

/** An option by its value or either label (NFKC, case-insensitive). */
function optionOf(def: CustomFieldDefinition, cell: string): string | undefined {
  const key = fold(cell);
  return def.options.find((o) => fold(o.value) === key || fold(o.labelJa) === key || fold(o.labelEn) === key)
    ?.value;
}

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/**
 * A cell as the field's value: `{ value }` (null when the cell is empty: the import leaves
 * or clears it as it does other fields) or `{ error }` naming what is wrong.
 */
export function parseCustomFieldCell(
  def: CustomFieldDefinition,
  cell: string,
  parseDate: (cell: string) => { date: string } | { error: string },
): { value: unknown } | { error: string } {
  const text = cell.trim();
  if (text === '') return { value: null };
  let raw: unknown;
  switch (def.type) {
    case 'number': {
      const n = Number(text.normalize('NFKC').replace(/[,，]/g, ''));
      if (!Number.isFinite(n)) return { error: 'must be a number' };
      raw = n;
      break;
    }
    case 'date': {
      const parsed = parseDate(text);
      if ('error' in parsed) return { error: parsed.error };
      raw = parsed.date;
      break;
    }
    case 'boolean': {
      const word = fold(text);
      if (TRUE_WORDS.has(word)) raw = true;
      else if (FALSE_WORDS.has(word)) raw = false;
      else return { error: 'must be はい or いいえ (true or false)' };
      break;
    }
    case 'choice': {
      raw = optionOf(def, text);
      if (raw === undefined)
        return { error: `must be one of: ${def.options.map((o) => o.labelJa).join('、')}` };
      break;
    }
    case 'choices': {
      const parts = text
        .split(/[、,;，；]/)
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const values: string[] = [];
      for (const part of parts) {
        const value = optionOf(def, part);
        if (value === undefined) return { error: `holds ${part}, which is not one of the options` };
        if (!values.includes(value)) values.push(value);
      }
      raw = values;
      break;
    }
    default:
      raw = text;
  }
  const result = normalizeCustomFieldValue(def, raw);
  return result.ok ? { value: result.value } : { error: result.message };
}
