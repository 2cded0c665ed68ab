import { isValidPlainDate } from '../common/dates';
import { STORABLE_TEXT } from '../common/schemas';
import type { CustomFieldDefinition } from './schemas';

/** Longest values of the text types. */
export const TEXT_MAX = 200;
export const LONG_TEXT_MAX = 5000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks and tabs pass; other controls do not.
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

type Normalized = { ok: true; value: unknown } | { ok: false; message: string };

const fail = (message: string): Normalized => ({ ok: false, message });

/**
 * One value as the field's type stores it, or why it cannot be. `null` means "clear"
 * (an empty text or an empty list of choices clears too).
 */
export function normalizeCustomFieldValue(def: CustomFieldDefinition, raw: unknown): Normalized {
  if (raw === null) return { ok: true, value: null };
  switch (def.type) {
    case 'text':
    case 'long_text': {
      if (typeof raw !== 'string') return fail('must be text');
      if (!STORABLE_TEXT.test(raw)) return fail('must not contain NUL characters or unpaired surrogates');
      const value = raw.normalize('NFC').trim();
      const max = def.type === 'text' ? TEXT_MAX : LONG_TEXT_MAX;
      if ([...value].length > max) return fail(`must be at most ${max} characters`);
      if ((def.type === 'text' ? ANY_CONTROL : CONTROL_BUT_LINES).test(value)) {
        return fail(
          def.type === 'text'
            ? 'must be one line without control characters'
            : 'must not contain control characters',
        );
      }
      return { ok: true, value: value === '' ? null : value };
    }
    case 'number':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail('must be a number');
      if (Math.abs(raw) > 1e15) return fail('is too large');
      return { ok: true, value: Object.is(raw, -0) ? 0 : raw };
    case 'date':
      if (typeof raw !== 'string' || !isValidPlainDate(raw))
        return fail('must be a real calendar date (YYYY-MM-DD)');
      return { ok: true, value: raw };
    case 'boolean':
      if (typeof raw !== 'boolean') return fail('must be true or false');
      return { ok: true, value: raw };
    case 'choice': {
      if (typeof raw !== 'string') return fail('must be one of the options');
      const value = raw.normalize('NFC').trim();
      if (value === '') return { ok: true, value: null };
      if (!def.options.some((o) => o.value === value)) return fail(`must be one of: ${optionList(def)}`);
      return { ok: true, value };
    }
    case 'choices': {
      if (
        !Array.isArray(raw) ||
        raw.length > def.options.length + 1 ||
        raw.some((v) => typeof v !== 'string')
      ) {
        return fail('must be a list of option values');
      }
      const chosen = new Set<string>();
      for (const item of raw as string[]) {
        const value = item.normalize('NFC').trim();
        if (!def.options.some((o) => o.value === value)) return fail(`must hold only: ${optionList(def)}`);
        if (chosen.has(value)) return fail(`repeats ${value}`);
        chosen.add(value);
      }
      // Stored in the options' order, so equal choices are equal values (and audit entries).
      const value = def.options.map((o) => o.value).filter((v) => chosen.has(v));
      return { ok: true, value: value.length ? value : null };
    }
  }
}

function optionList(def: CustomFieldDefinition): string {
  const values = def.options.map((o) => o.value);
  return values.length > 20 ? `${values.slice(0, 20).join(', ')}, …` : values.join(', ');
}

/** The error key of a custom field (`customFields.<key>`), as every surface names it. */
export const customFieldErrorKey = (key: string) => `customFields.${key}`;

/**
 * A `customFields` write checked against the entity's ACTIVE definitions and merged into the
 * record's stored values. `current` is what the record holds (archived fields' values too,
 * kept as they are); `creating` makes every required field needed. A key set to null (or an
 * empty text or list) clears the value; an unknown or archived key, a wrong type, a required
 * field missing on create or cleared on update are errors keyed `customFields.<key>`.
 */
export function validateCustomFieldWrite(
  definitions: readonly CustomFieldDefinition[],
  input: Record<string, unknown> | undefined,
  options: { current?: Record<string, unknown> | null; creating: boolean },
): { values: Record<string, unknown>; changed: boolean; errors: Record<string, string> } {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const current = options.current ?? {};
  const values: Record<string, unknown> = { ...current };
  const errors: Record<string, string> = {};
  let changed = false;
  for (const [key, raw] of Object.entries(input ?? {})) {
    const def = byKey.get(key);
    if (!def) {
      errors[customFieldErrorKey(key)] = 'is not a field of this record';
      continue;
    }
    const result = normalizeCustomFieldValue(def, raw);
    if (!result.ok) {
      errors[customFieldErrorKey(key)] = result.message;
      continue;
    }
    const before = Object.hasOwn(current, key) ? current[key] : undefined;
    if (result.value === null) {
      if (def.required && !options.creating) errors[customFieldErrorKey(key)] = 'is required';
      if (before !== undefined) changed = true;
      delete values[key];
    } else {
      if (JSON.stringify(before) !== JSON.stringify(result.value)) changed = true;
      values[key] = result.value;
    }
  }
  if (options.creating) {
    for (const def of definitions) {
      if (def.required && values[def.key] === undefined && !errors[customFieldErrorKey(def.key)]) {
        errors[customFieldErrorKey(def.key)] = 'is required';
      }
    }
  }
  return { values, changed, errors };
}

/** The values a response shows: active definitions' keys only. */
export function activeCustomFieldValues(
  definitions: readonly Pick<CustomFieldDefinition, 'key'>[],
  stored: Record<string, unknown> | null | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!stored) return out;
  for (const { key } of definitions) {
    if (Object.hasOwn(stored, key) && stored[key] !== null) out[key] = stored[key];
  }
  return out;
}
