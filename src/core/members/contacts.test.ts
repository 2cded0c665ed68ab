import { describe, expect, it } from 'vitest';
import { parseEmailsCell, parsePhonesCell } from '../import/contact-cells';
import { contactSearchTerm, normalizeEmail, normalizePhone } from './contacts';
import { formatPhone, phoneHref } from './phone-format';
import { createMemberSchema, updateMemberSchema } from './schemas';

describe('phone numbers', () => {
  it.each([
    ['090-1234-5678', '09012345678'],
    ['09012345678', '09012345678'],
    ['090 1234 5678', '09012345678'],
    ['０９０－１２３４－５６７８', '09012345678'],
    ['０９０ー１２３４ー５６７８', '09012345678'],
    ['+81 90-1234-5678', '09012345678'],
    ['+819012345678', '09012345678'],
    ['＋８１９０１２３４５６７８', '09012345678'],
    ['03-1234-5678', '0312345678'],
    ['(03)1234-5678', '0312345678'],
    ['06-6123-4567', '0661234567'],
    ['0120-123-456', '0120123456'],
    ['0120-12-3456', '0120123456'],
    ['050-1234-5678', '05012345678'],
    ['0570-000-123', '0570000123'],
    ['+1 415 555 2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s is stored as %s', (input, stored) => {
    expect(normalizePhone(input)).toBe(stored);
  });

  it.each(['090-1234-567', '012-345', '1234', 'abc', '#31', '090-1234-5678 内線12', '', '+'])(
    '%s is not a phone number',
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );

  it('formats stored numbers for reading and dialling', () => {
    expect(formatPhone('09012345678')).toBe('090-1234-5678');
    expect(formatPhone('0312345678')).toBe('03-1234-5678');
    expect(formatPhone('0120123456')).toBe('0120-123-456');
    expect(formatPhone('+14155552671')).toBe('+1 415 555 2671');
    expect(phoneHref('09012345678')).toBe('tel:+819012345678');
    expect(phoneHref('+14155552671')).toBe('tel:+14155552671');
  });

  it('normalizes a number the same way whatever the form, so normalizing twice changes nothing', () => {
    for (const s of ['090-1234-5678', '+81 3 1234 5678', '+1 415 555 2671']) {
      const once = normalizePhone(s)!;
      expect(normalizePhone(once)).toBe(once);
      expect(normalizePhone(formatPhone(once))).toBe(once);
    }
  });
});

describe('search terms', () => {
  it.each([
    ['090-1234-5678', '09012345678'],
    ['０９０ー１２３４', '0901234'],
    ['+81 90 1234 5678', '09012345678'],
    ['(03) 1234', '031234'],
    ['Yamada@Example.JP', 'yamada@example.jp'],
    ['  ', null],
    ['---', null],
    // Names: no phone number or (ASCII) address can hold them.
    ['やまだたろう', null],
    ['山田 taro', null],
    ['ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ', 'yamada@example.jp'],
  ])('%s searches %s', (q, term) => {
    expect(contactSearchTerm(q)).toBe(term);
  });
});

describe('e-mail addresses', () => {
  it('trims and lower-cases the domain only', () => {
    expect(normalizeEmail('  Taro.Yamada@Example.CO.JP ')).toBe('Taro.Yamada@example.co.jp');
  });
});

describe('member schema: contact fields', () => {
  it('normalizes phones and e-mails and drops blank labels', () => {
    const parsed = createMemberSchema.parse({
      name: '山田',
      phones: [
        { label: '携帯', number: '090-1234-5678' },
        { label: ' ', number: '+81 3 1234 5678' },
      ],
      emails: [{ address: ' Yamada@Example.JP ' }],
      postalAddress: ' 東京都千代田区1-1 ',
      preferredChannel: 'line',
    });
    expect(parsed.phones).toEqual([{ label: '携帯', number: '09012345678' }, { number: '0312345678' }]);
    expect(parsed.emails).toEqual([{ address: 'Yamada@example.jp' }]);
    expect(parsed.postalAddress).toBe('東京都千代田区1-1');
    expect(parsed.preferredChannel).toBe('line');
  });

  it('names each bad item by its path', () => {
    const result = updateMemberSchema.safeParse({
      version: 1,
      phones: [{ number: '090-1234-5678' }, { number: '12' }, { number: '03-1234-5678', extra: 1 }],
      emails: [{ address: 'not-an-address' }, { label: 'x'.repeat(41), address: 'a@b.jp' }],
      postalAddress: 'x'.repeat(301),
      preferredChannel: 'fax',
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'phones.1.number',
        'phones.2',
        'emails.0.address',
        'emails.1.label',
        'postalAddress',
        'preferredChannel',
      ]),
    );
  });

  it('limits the lists to five entries and refuses NUL and lone surrogates', () => {
    const six = Array.from({ length: 6 }, () => ({ number: '090-1234-5678' }));
    expect(updateMemberSchema.safeParse({ version: 1, phones: six }).success).toBe(false);
    const bad = updateMemberSchema.safeParse({
      version: 1,
      phones: [{ label: 'a\u0000', number: '090-1234-5678' }],
      emails: [{ address: 'a\uD800@b.jp' }],
      postalAddress: 'x\u0000',
    });
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['phones.0.label', 'emails.0.address', 'postalAddress']),
    );
  });

  it('clears with [] and null', () => {
    const parsed = updateMemberSchema.parse({
      version: 1,
      phones: [],
      emails: [],
      postalAddress: '',
      preferredChannel: null,
    });
    expect(parsed).toMatchObject({ phones: [], emails: [], postalAddress: null, preferredChannel: null });
  });
});

describe('contact cells (import and export)', () => {
  it('reads several labelled entries separated by ; 、 or line breaks', () => {
    expect(parsePhonesCell('携帯: 090-1234-5678; 自宅：03-1234-5678、0120-123-456')).toEqual({
      ok: true,
      value: [
        { label: '携帯', number: '09012345678' },
        { label: '自宅', number: '0312345678' },
        { number: '0120123456' },
      ],
    });
    expect(parsePhonesCell('')).toEqual({ ok: true, value: [] });
    expect(parseEmailsCell('仕事: A@Example.JP\nb@example.jp')).toEqual({
      ok: true,
      value: [{ label: '仕事', address: 'A@example.jp' }, { address: 'b@example.jp' }],
    });
  });

  it('names the bad entry', () => {
    const result = parsePhonesCell('090-1234-5678; 12-34');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^entry 2 \(12-34\): must be a phone number/);
    expect(parseEmailsCell('a@b.jp; nope').ok).toBe(false);
    expect(parsePhonesCell('1;2;3;4;5;6').ok).toBe(false);
  });
});
