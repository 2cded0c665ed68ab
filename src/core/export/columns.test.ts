import { describe, expect, it } from 'vitest';
import { importFields, suggestMapping } from '../import/mapping';
import {
  contentDisposition,
  EXPORT_COLUMNS,
  EXPORT_KINDS,
  exportFileNames,
  exportPath,
  type FormatOptions,
  formatCell,
  headersOf,
  xlsxText,
} from './columns';

const ja: FormatOptions = { lang: 'ja', timeZone: 'Asia/Tokyo', format: 'csv' };
const en: FormatOptions = { ...ja, lang: 'en' };

describe('formatCell', () => {
  it('writes enums as Japanese labels, or as API values in English', () => {
    const labels = { labels: { at_risk: '脱退リスクあり' } };
    expect(formatCell(labels, 'at_risk', ja)).toBe('脱退リスクあり');
    expect(formatCell(labels, 'at_risk', en)).toBe('at_risk');
    expect(formatCell(labels, 'unknown', ja)).toBe('unknown');
  });

  it("writes dates as YYYY-MM-DD, an instant as its day in the organization's zone", () => {
    expect(formatCell('date', '2026-04-01', ja)).toBe('2026-04-01');
    expect(formatCell('date', new Date('2026-03-31T15:30:00Z'), ja)).toBe('2026-04-01');
    expect(formatCell('date', new Date('2026-03-31T15:30:00Z'), { ...ja, timeZone: 'UTC' })).toBe(
      '2026-03-31',
    );
  });

  it('keeps counts as numbers, rounds rates to 4 decimals, and leaves missing values empty', () => {
    expect(formatCell('integer', 40, ja)).toBe(40);
    expect(formatCell('rate', 1 / 3, ja)).toBe(0.3333);
    for (const empty of [null, undefined, '']) expect(formatCell('text', empty, ja)).toBeNull();
  });

  it('guards every text cell against formula injection', () => {
    for (const value of ['=1+1', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(formatCell('text', value, ja)).toBe(`'${value}`);
    }
    expect(formatCell('text', '山田', ja)).toBe('山田');
    expect(formatCell('text', "'quoted", ja)).toBe("'quoted");
  });

  it('writes XLSX text storable and unguarded (a text cell is never evaluated)', () => {
    const xlsx = { ...ja, format: 'xlsx' } as const;
    expect(xlsxText('a\r\nb\rc\nd\te\u0001\u007f')).toBe('a\nb\nc\nd\te');
    expect(formatCell('text', '\r\n=1', xlsx)).toBe('\n=1');
    expect(formatCell('text', '=1\r\n', xlsx)).toBe('=1\n');
    for (const value of ['=1+1', '+81 3', '-2', '@SUM(A1)'])
      expect(formatCell('text', value, xlsx)).toBe(value);
    // Only text that itself starts with a quote before = keeps a guard, so the import's unguard gives it back.
    expect(formatCell('text', "'=1", xlsx)).toBe("''=1");
    expect(formatCell('text', "'quoted", xlsx)).toBe("'quoted");
    expect(formatCell('text', '\u0001', xlsx)).toBeNull();
  });

  it('writes XLSX dates as the day at UTC midnight (a date cell showing that day)', () => {
    const xlsx = { ...ja, format: 'xlsx' } as const;
    expect(formatCell('date', '2026-04-01', xlsx)).toEqual(new Date(Date.UTC(2026, 3, 1)));
    expect(formatCell('date', new Date('2026-03-31T15:30:00Z'), xlsx)).toEqual(
      new Date(Date.UTC(2026, 3, 1)),
    );
    expect(formatCell('date', null, xlsx)).toBeNull();
  });
});

describe('columns', () => {
  it('map back to the import fields, in both languages; computed figures map to nothing', () => {
    for (const kind of ['members', 'workplaces'] as const) {
      const columns = EXPORT_COLUMNS[kind] as readonly { field: string; ja: string; en: string }[];
      const importable = new Set<string>(importFields(kind));
      for (const lang of ['ja', 'en'] as const) {
        const mapping = suggestMapping(kind, headersOf(columns, lang));
        expect(
          columns.map((c) => mapping[c[lang]]),
          `${kind} ${lang}`,
        ).toEqual(columns.map((c) => (importable.has(c.field) ? c.field : null)));
      }
    }
    // Every member field the import fills is exported, except the reason for an engagement change.
    const exported = new Set(EXPORT_COLUMNS.members.map((c) => c.field));
    expect(importFields('members').filter((f) => !exported.has(f))).toEqual(['engagementReason']);
    // The key first; the owner's name (担当者, ignored by the import) beside the email it reads.
    expect(headersOf(EXPORT_COLUMNS.members, 'ja')[0]).toBe('ID');
    for (const lang of ['ja', 'en'] as const) {
      const headers = headersOf(EXPORT_COLUMNS.members, lang);
      const owner = lang === 'ja' ? ['担当者', '担当者メール'] : ['Owner', 'Owner email'];
      expect(headers.filter((h) => owner.includes(h))).toEqual(owner);
      expect(suggestMapping('members', headers)).toMatchObject({ [owner[0]!]: null, [owner[1]!]: 'owner' });
    }
    expect(
      importFields('workplaces').filter((f) => !EXPORT_COLUMNS.workplaces.some((c) => c.field === f)),
    ).toEqual([]);
  });

  it('have a Japanese and an English header for every column of every kind, none twice', () => {
    for (const kind of EXPORT_KINDS) {
      for (const lang of ['ja', 'en'] as const) {
        const headers = headersOf(EXPORT_COLUMNS[kind], lang);
        expect(new Set(headers).size, `${kind} ${lang}`).toBe(headers.length);
        expect(headers.every((h) => h.length > 0)).toBe(true);
      }
    }
  });
});

describe('file names and links', () => {
  it('names the file for the kind and day, in ASCII and (RFC 5987) in Japanese', () => {
    expect(exportFileNames('demands', 'xlsx', '2026-11-24', 'ja')).toEqual({
      ascii: 'demands-2026-11-24.xlsx',
      display: '交渉・要求-2026-11-24.xlsx',
    });
    expect(contentDisposition(exportFileNames('members', 'csv', '2026-11-24', 'ja'))).toBe(
      `attachment; filename="members-2026-11-24.csv"; filename*=UTF-8''%E7%B5%84%E5%90%88%E5%93%A1-2026-11-24.csv`,
    );
    expect(contentDisposition({ ascii: 'a"b.csv', display: "it's (1).csv" })).toBe(
      `attachment; filename="a_b.csv"; filename*=UTF-8''it%27s%20%281%29.csv`,
    );
  });

  it('builds the export URL from the filters, leaving out empty ones', () => {
    expect(
      exportPath('members', 'csv', { q: '山田 太郎', status: undefined, engagement: '', limit: 50 }),
    ).toBe('/api/export/members.csv?q=%E5%B1%B1%E7%94%B0+%E5%A4%AA%E9%83%8E&limit=50');
    expect(exportPath('tasks', 'xlsx', {})).toBe('/api/export/tasks.xlsx');
  });
});
