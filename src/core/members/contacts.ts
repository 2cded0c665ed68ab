import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { enumOf, optionalText, text } from '../common/schemas';
import {
  CONTACT_LABEL_MAX,
  MAX_EMAILS,
  MAX_PHONES,
  POSTAL_ADDRESS_MAX,
  PREFERRED_CHANNELS,
} from './contact-fields';

/**
 * A member's contact details (issue 17): phone numbers, e-mail addresses, a postal address
 * and the channel they prefer. Who sees them is `contacts.read` (core/access/policy.ts);
 * writing them needs `records.write`.
 *
 * Phone numbers are stored normalized, so one search finds a number however it was typed:
 * a Japanese number as its national digits with the leading 0 (090-1234-5678, +81 90-1234-5678
 * and ０９０１２３４５６７８ are all `09012345678`), any other country's in E.164 (`+14155552671`).
 * They are validated against the full numbering plan (libphonenumber's "max" metadata: a mobile
 * number one digit short is refused) and formatted for display (090-1234-5678).
 * E-mail addresses are trimmed and their domain lower-cased (the local part is the mailbox's own).
 */

export {
  CONTACT_LABEL_MAX,
  MAX_EMAILS,
  MAX_PHONES,
  POSTAL_ADDRESS_MAX,
  PREFERRED_CHANNEL_LABELS,
  PREFERRED_CHANNELS,
  type PreferredChannel,
} from './contact-fields';

// Dashes people and IMEs type between digits (hyphen, minus, long vowel mark …): NFKC keeps some.
const DASHES = /[‐‑‒–—―−ー－]/g;

/** NFKC (full-width digits and +), every dash as "-". */
function foldPhoneInput(input: string): string {
  return input.normalize('NFKC').replace(DASHES, '-').trim();
}

/**
 * The stored form of a phone number (see above), or null when it is not a valid number.
 * Japanese numbers may be written nationally (0…) or with +81; others need their + country code.
 */
export function normalizePhone(input: string): string | null {
  const folded = foldPhoneInput(input);
  if (!/^[+\d\s\-().]+$/.test(folded) || folded.replace(/\D/g, '').length < 5) return null;
  const parsed = parsePhoneNumberFromString(folded, 'JP');
  if (!parsed?.isValid()) return null;
  return parsed.country === 'JP' ? `0${parsed.nationalNumber}` : parsed.number;
}

/**
 * What a search for a phone number or an e-mail address looks for in the stored forms:
 * a query that is a phone number in any format (digits with dashes, spaces, brackets,
 * full-width, +81) becomes its digits (+81 → 0); anything else is NFKC-folded and lower-cased
 * (addresses are matched case-insensitively). Null when there is nothing to search for, and
 * for a term with a character no stored phone number or address has (kana, kanji: addresses are
 * ASCII, emailSchema): a name search then never reads every member's contact details.
 */
export function contactSearchTerm(q: string): string | null {
  const folded = foldPhoneInput(q);
  if (folded === '') return null;
  if (/[^\x20-\x7e]/.test(folded)) return null;
  if (/^[+\d\s\-().]+$/.test(folded)) {
    const digits = folded.replace(/\D/g, '');
    if (digits === '') return null;
    if (folded.startsWith('+81')) return `0${digits.slice(2)}`;
    return folded.startsWith('+') ? `+${digits}` : digits;
  }
  return folded.toLowerCase();
}

/** An address as stored: trimmed, its domain lower-cased. */
export function normalizeEmail(input: string): string {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

const label = optionalText(CONTACT_LABEL_MAX).meta({
  description: 'What the entry is (自宅, 携帯, 勤務先 …); blank for none.',
});

export const phoneSchema = z
  .strictObject({
    label,
    number: text('is required')
      .trim()
      .min(1, { message: 'is required' })
      .max(40, { message: 'must be at most 40 characters' })
      .transform((value, ctx) => {
        const normalized = normalizePhone(value);
        if (normalized === null) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be a phone number such as 090-1234-5678, 03-1234-5678 or +81 90 1234 5678',
          });
          return z.NEVER;
        }
        return normalized;
      })
      .meta({
        description:
          'Any usual form (090-1234-5678, (03)1234-5678, +81 90 1234 5678, full-width digits); stored as national digits for Japanese numbers (09012345678), E.164 for others.',
        example: '090-1234-5678',
      }),
  })
  .transform(({ label: l, number }) => (l ? { label: l, number } : { number }))
  .meta({ id: 'MemberPhone' });
export type MemberPhone = { label?: string; number: string };

export const emailSchema = z
  .strictObject({
    label,
    address: text('is required')
      .trim()
      .min(1, { message: 'is required' })
      .max(254, { message: 'must be at most 254 characters' })
      .pipe(z.email({ message: 'must be an e-mail address such as name@example.jp' }))
      .transform(normalizeEmail)
      .meta({ description: 'Stored trimmed, with the domain lower-cased.', example: 'yamada@example.jp' }),
  })
  .transform(({ label: l, address }) => (l ? { label: l, address } : { address }))
  .meta({ id: 'MemberEmail' });
export type MemberEmail = { label?: string; address: string };

/** The input fields (create and update alike; `undefined` = not given, `[]`/null clears). */
export const contactInputFields = {
  phones: z
    .array(phoneSchema, { message: 'must be a list of phone numbers' })
    .max(MAX_PHONES, { message: `must have at most ${MAX_PHONES} phone numbers` })
    .optional(),
  emails: z
    .array(emailSchema, { message: 'must be a list of e-mail addresses' })
    .max(MAX_EMAILS, { message: `must have at most ${MAX_EMAILS} e-mail addresses` })
    .optional(),
  postalAddress: optionalText(POSTAL_ADDRESS_MAX).meta({
    description: '住所 (free text, one or more lines)',
  }),
  preferredChannel: enumOf(PREFERRED_CHANNELS)
    .nullable()
    .optional()
    .meta({ description: '希望連絡手段: phone 電話, email メール, line LINE, in_person 対面' }),
};

/** The contact fields as answered to roles with `contacts.read` (absent for every other role). */
export const contactOutputFields = {
  phones: z
    .array(z.object({ label: z.string().optional(), number: z.string() }))
    .optional()
    .meta({ description: 'Absent without `contacts.read` (executives).' }),
  emails: z
    .array(z.object({ label: z.string().optional(), address: z.string() }))
    .optional()
    .meta({ description: 'Absent without `contacts.read` (executives).' }),
  postalAddress: z
    .string()
    .nullable()
    .optional()
    .meta({ description: 'Absent without `contacts.read` (executives).' }),
  preferredChannel: z
    .enum(PREFERRED_CHANNELS)
    .nullable()
    .optional()
    .meta({ description: 'Absent without `contacts.read` (executives).' }),
};

export const CONTACT_FIELDS = ['phones', 'emails', 'postalAddress', 'preferredChannel'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** A record without its contact details (for a role without `contacts.read`). */
export function withoutContacts<T extends object>(record: T): Omit<T, ContactField> {
  const {
    phones: _p,
    emails: _e,
    postalAddress: _a,
    preferredChannel: _c,
    ...rest
  } = record as T & {
    phones?: unknown;
    emails?: unknown;
    postalAddress?: unknown;
    preferredChannel?: unknown;
  };
  return rest as Omit<T, ContactField>;
}
