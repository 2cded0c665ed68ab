import type { z } from 'zod';
import {
  emailSchema,
  MAX_EMAILS,
  MAX_PHONES,
  type MemberEmail,
  type MemberPhone,
  phoneSchema,
} from '../members/contacts';
import { formatPhone } from '../members/phone-format';

/**
 * Phone numbers and e-mail addresses in one spreadsheet cell (the import's 電話番号 and
 * メールアドレス columns, and the export's): entries separated by `;` (also `；`, `,`, `，`,
 * `、` or a line break), each optionally labelled before a colon (`:` or `：`):
 * `携帯: 090-1234-5678; 自宅: 03-1234-5678`. The export writes exactly this form (numbers
 * formatted, `; ` between entries), so an exported file imports back to the same values.
 * A blank cell clears the list.
 */
const SEPARATORS = /[;；,，、\r\n]+/;
const LABEL = /^([^:：]{1,40})[:：]\s*(.+)$/;

type Result<T> = { ok: true; value: T } | { ok: false; message: string };

function parseEntries<T>(
  cell: string,
  max: number,
  noun: string,
  entry: (label: string | undefined, value: string) => unknown,
  schema: z.ZodType<T>,
): Result<T[]> {
  const parts = cell
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > max) return { ok: false, message: `must have at most ${max} ${noun}` };
  const out: T[] = [];
  for (const [i, part] of parts.entries()) {
    // Neither a number nor an address holds a colon: text before one is the label.
    const labelled = LABEL.exec(part);
    const [label, value] = labelled ? [labelled[1]!.trim(), labelled[2]!.trim()] : [undefined, part];
    const parsed = schema.safeParse(entry(label, value));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, message: `entry ${i + 1} (${value}): ${issue?.message ?? 'is invalid'}` };
    }
    out.push(parsed.data);
  }
  return { ok: true, value: out };
}

export function parsePhonesCell(cell: string): Result<MemberPhone[]> {
  return parseEntries(cell, MAX_PHONES, 'phone numbers', (label, number) => ({ label, number }), phoneSchema);
}

export function parseEmailsCell(cell: string): Result<MemberEmail[]> {
  return parseEntries(
    cell,
    MAX_EMAILS,
    'e-mail addresses',
    (label, address) => ({ label, address }),
    emailSchema,
  );
}

const entry = (label: string | undefined, value: string) => (label ? `${label}: ${value}` : value);

export function formatPhonesCell(phones: readonly MemberPhone[] | null | undefined): string | null {
  return phones?.length ? phones.map((p) => entry(p.label, formatPhone(p.number))).join('; ') : null;
}

export function formatEmailsCell(emails: readonly MemberEmail[] | null | undefined): string | null {
  return emails?.length ? emails.map((e) => entry(e.label, e.address)).join('; ') : null;
}
