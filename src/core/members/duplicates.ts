import { z } from 'zod';
import { optionalText, uuid } from '../common/schemas';
import { normalizeKana } from './kana';
import { memberSchema } from './schemas';

/**
 * Likely duplicates (同一人物の重複登録): two records whose names agree once spaces and
 * character widths are ignored (山田 太郎 = 山田太郎, ﾔﾏﾀﾞ = ヤマダ) and whose readings agree
 * (hiragana = katakana, no spaces) — or, when either has no reading, whose names agree —
 * or whose employee numbers agree but for leading zeros (00123 = 123: a spreadsheet drops
 * them when a CSV is opened and saved again).
 */

/** A name as compared: NFKC (full/half width folded), lower case, no whitespace. */
export function duplicateNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** A reading as compared: katakana (hiragana folded), NFKC, no whitespace. */
export function duplicateReadingKey(reading: string): string {
  return normalizeKana(reading).replace(/\s+/g, '');
}

/** An employee number as stored (NFKC) without whitespace. */
export function normalizeEmployeeNumber(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '');
}

/** How long a zero-padded spelling of an employee number is looked for (beyond the input's own length). */
export const ZERO_PADDED_MAX_LENGTH = 20;

/**
 * The spellings of an employee number that differ from it only in leading zeros, from none
 * up to ZERO_PADDED_MAX_LENGTH characters (or the input's length, when longer): 123 →
 * 123, 0123, 00123 … Each is one probe of the unique index on employee_number, so a
 * few dozen cost nothing, where `ltrim(employee_number, '0') = …` would read every member.
 */
export function zeroPaddedVariants(employeeNumber: string): string[] {
  const value = normalizeEmployeeNumber(employeeNumber);
  const digits = value.replace(/^0+/, '');
  const longest = Math.max(ZERO_PADDED_MAX_LENGTH, value.length);
  const out: string[] = [];
  for (let length = Math.max(digits.length, 1); length <= longest; length++) {
    out.push(digits.padStart(length, '0'));
  }
  return out;
}

export const findDuplicatesSchema = z
  .strictObject({
    name: optionalText(100),
    nameKana: optionalText(100),
    employeeNumber: optionalText(50),
    excludeId: uuid.optional().meta({
      description: 'A member not to list (the record being edited, or the one a merge keeps).',
    }),
  })
  .meta({ id: 'MemberDuplicatesQuery' });
export type FindDuplicatesInput = z.infer<typeof findDuplicatesSchema>;

export const DUPLICATE_REASONS = ['name', 'employeeNumber'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** The most likely duplicates one request lists. */
export const MAX_DUPLICATES = 20;

export const duplicateMemberSchema = memberSchema
  .extend({
    matchedOn: z.array(z.enum(DUPLICATE_REASONS)).meta({
      description:
        '`name`: the same name and reading (or the same name, when either has no reading); `employeeNumber`: the same employee number but for leading zeros.',
    }),
  })
  .meta({ id: 'DuplicateMember' });

export const duplicatesSchema = z
  .object({ items: z.array(duplicateMemberSchema) })
  .meta({ id: 'MemberDuplicates' });
