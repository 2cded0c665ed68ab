import { once } from 'node:events';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURES_DIR,
  membersBomCsv,
  membersSjisCsv,
  membersTsv,
  workplacesSjisCsv,
} from '../../../test/fixtures/import/make-fixtures';
import { AppError } from '../../core/errors';
import { guardCell } from '../../core/import/formula';
import { suggestMapping } from '../../core/import/mapping';
import { parseMemberRows, parseWorkplaceRows } from '../../core/import/parse-rows';
import type { MemberImportRow, RawTable } from '../../core/import/types';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readTable, readTableFile } from './read-table';

const fixture = (name: string) => readFile(join(FIXTURES_DIR, name));

async function readError(data: Uint8Array, fileName: string): Promise<AppError> {
  try {
    await readTable(data, fileName);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error(`${fileName} was read without an error`);
}

const fileError = (reason: string) => ({ code: 'validation_failed', fields: { file: reason } });

function members(table: RawTable) {
  return parseMemberRows(table, suggestMapping('members', table.headers));
}

/** The roster of members-sjis.csv / members-bom.csv, after reading, mapping and parsing. */
const ROSTER: MemberImportRow[] = [
  {
    row: 2,
    employeeNumber: 'A1001',
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    workplaceName: '本社営業部',
    department: '営業一課',
    jobType: '営業職',
    grade: '３等級',
    joinedOn: '2015-04-08',
    engagement: 'active_core',
    unionRole: 'executive_committee',
    status: 'active',
    leftOn: null,
    concerns: '残業代の未払い、休日出勤が多い\n（特に月末, 決算期）',
    nextAction: '職場集会に誘う',
    nextActionDueOn: '2025-05-01',
    owner: 'officer@example.org',
  },
  {
    row: 3,
    employeeNumber: 'A1002',
    name: '佐藤 花子',
    nameKana: 'サトウ ハナコ',
    workplaceName: '第一工場',
    department: '製造部',
    jobType: '製造,検査',
    grade: '2等級',
    joinedOn: '2018-10-01',
    engagement: 'regular',
    unionRole: 'workplace_rep',
    status: 'active',
    leftOn: null,
    concerns: '"夜勤明けの休息"が足りない',
    nextAction: null,
    nextActionDueOn: null,
    owner: null,
  },
  // Row 4 is blank (only commas): skipped, but the numbering keeps counting it.
  {
    row: 5,
    employeeNumber: 'A1003',
    name: '髙橋 一郎',
    nameKana: 'タカハシ イチロウ',
    workplaceName: '本社営業部',
    department: '営業二課',
    jobType: '営業職',
    grade: null,
    joinedOn: '2009-04-01',
    engagement: 'at_risk',
    unionRole: 'general_member',
    status: 'left',
    leftOn: '2024-03-31',
    concerns: '-残業が月45時間超①',
    nextAction: null,
    nextActionDueOn: null,
    owner: null,
  },
  {
    row: 6,
    employeeNumber: 'A1004',
    name: '鈴木 次郎',
    nameKana: 'スズキ ジロウ',
    workplaceName: '第一工場',
    department: null,
    jobType: '技能職',
    grade: '1等級',
    joinedOn: '2020-04-01',
    engagement: 'occasional',
    unionRole: 'organizing_target',
    status: 'active',
    leftOn: null,
    concerns: null,
    nextAction: '名刺交換～面談',
    nextActionDueOn: '2025-06-30',
    owner: null,
  },
];

describe('readTable: the committed real files', () => {
  it('keeps the committed text fixtures identical to what make-fixtures.ts makes', async () => {
    expect((await fixture('members-sjis.csv')).equals(membersSjisCsv())).toBe(true);
    expect((await fixture('workplaces-sjis.csv')).equals(workplacesSjisCsv())).toBe(true);
    expect((await fixture('members-bom.csv')).equals(membersBomCsv())).toBe(true);
    expect((await fixture('members.tsv')).equals(membersTsv())).toBe(true);
  });

  it('the Shift_JIS file is really CP932 as Excel writes it: not UTF-8, CRLF, NEC/IBM characters', async () => {
    const bytes = await fixture('members-sjis.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(bytes.includes(Buffer.from([0xfb, 0xfc]))).toBe(true); // 髙 (IBM extension)
    expect(bytes.includes(Buffer.from([0x87, 0x40]))).toBe(true); // ① (NEC special)
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
  });

  it('reads a Shift_JIS CSV: quoted commas, quotes and line breaks, full-width text, labels, 2015/4/8 dates', async () => {
    const table = await readTable(await fixture('members-sjis.csv'), 'members-sjis.csv');
    expect(table.format).toBe('csv');
    expect(table.encoding).toBe('shift_jis');
    expect(table.headers[8]).toBe('関与度(感情温度)');
    expect(table.rowNumbers).toEqual([2, 3, 5, 6]);
    expect(members(table)).toEqual({ rows: ROSTER, errors: [] });
  });

  it('reads the same roster from a UTF-8 CSV with a BOM', async () => {
    const table = await readTable(await fixture('members-bom.csv'), 'members-bom.csv');
    expect(table.encoding).toBe('utf-8');
    expect(table.headers[0]).toBe('社員番号');
    expect(members(table)).toEqual({ rows: ROSTER, errors: [] });
  });

  it('reads the same roster from a UTF-8 CSV without a BOM, with LF line ends', async () => {
    const text = (await fixture('members-bom.csv')).toString('utf8').replace(/^\uFEFF/, '');
    const table = await readTable(Buffer.from(text.replaceAll('\r\n', '\n')), 'roster.csv');
    expect(table.encoding).toBe('utf-8');
    expect(members(table)).toEqual({ rows: ROSTER, errors: [] });
  });

  it('reads a TSV with English headers and labels', async () => {
    const table = await readTable(await fixture('members.tsv'), 'members.tsv');
    expect(table.format).toBe('tsv');
    expect(members(table)).toEqual({
      errors: [],
      rows: [
        {
          row: 2,
          employeeNumber: 'B2001',
          name: 'John Smith',
          nameKana: 'ジョン スミス',
          workplaceName: 'Head office',
          engagement: 'regular',
          unionRole: 'general_member',
          joinedOn: '2015-04-08',
        },
        {
          row: 3,
          employeeNumber: 'B2002',
          name: 'Mary Jones',
          nameKana: null,
          workplaceName: 'Head office',
          engagement: 'at_risk',
          unionRole: 'workplace_rep',
          joinedOn: '2016-04-01',
        },
      ],
    });
  });

  it('detects tab-delimited content whatever the extension', async () => {
    const table = await readTable(Buffer.from('氏名\t社員番号\n山田, 太郎\tA1\n'), 'export.csv');
    expect(table.format).toBe('tsv');
    expect(table.rows).toEqual([['山田, 太郎', 'A1']]);
  });

  it('reads an XLSX written by exceljs: Date cells, numbers, rich text, formulas, links, guarded cells', async () => {
    const table = await readTable(await fixture('members.xlsx'), 'members.xlsx');
    expect(table.format).toBe('xlsx');
    expect(table.rowNumbers).toEqual([2, 4]);
    expect(table.rows[0]).toEqual([
      '1001',
      '山田 太郎',
      'やまだ たろう',
      '本社営業部',
      '3',
      '2015-04-08',
      '執行委員・積極参加',
      '執行委員',
      '=HYPERLINK("http://example.org")',
      'officer@example.org',
    ]);
    expect(table.rows[1]).toEqual([
      'A1002',
      '佐藤 花子',
      'サトウ ハナコ',
      '第一工場',
      '2',
      '2018-10-01',
      '定期参加',
      '職場委員',
    ]);
    const { rows, errors } = members(table);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      employeeNumber: '1001',
      nameKana: 'ヤマダ タロウ',
      joinedOn: '2015-04-08',
    });
    expect(rows[1]).toMatchObject({ row: 4, grade: '2', concerns: null, owner: null });
  });

  it('reads the workplaces Shift_JIS CSV', async () => {
    const table = await readTable(await fixture('workplaces-sjis.csv'), 'workplaces-sjis.csv');
    const { rows, errors } = parseWorkplaceRows(table, suggestMapping('workplaces', table.headers));
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.name, r.employeeCount, r.atmosphere, r.issues])).toEqual([
      ['本社営業部', 1234, 'active', '休日出勤, 残業'],
      ['第一工場', 320, 'split_risk', '夜勤\r\n交代制'],
      ['物流センター', null, undefined, null],
    ]);
  });
});

describe('readTable: XLSX details', () => {
  async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reads the first visible sheet; times, errors, booleans and merged cells', async () => {
    const data = await xlsx((wb) => {
      const hidden = wb.addWorksheet('設定');
      hidden.state = 'hidden';
      hidden.addRow(['not', 'this']);
      const ws = wb.addWorksheet('名簿');
      ws.addRow(['所属職場', '氏名', '加入日時', '在籍', 'メモ']);
      ws.addRow(['本社', '山田', new Date(Date.UTC(2015, 3, 8, 9, 30)), true, { error: '#N/A' }]);
      ws.addRow([null, '佐藤', new Date(Date.UTC(2016, 0, 1)), false, 0.1]);
      ws.mergeCells('A2:A3'); // a workplace written once over its members
      ws.addRow(['工場', '鈴木', null, null, -5]);
      ws.mergeCells('D4:E4'); // merged across columns: not repeated
    });
    const table = await readTable(data, 'roster.xlsx');
    expect(table.headers).toEqual(['所属職場', '氏名', '加入日時', '在籍', 'メモ']);
    expect(table.rows).toEqual([
      ['本社', '山田', '2015-04-08 09:30', 'TRUE', '#N/A'],
      ['本社', '佐藤', '2016-01-01', 'FALSE', '0.1'],
      ['工場', '鈴木', '', '', ''],
    ]);
  });

  it('reports an XLSX without a header row', async () => {
    const data = await xlsx((wb) => wb.addWorksheet('空'));
    expect(await readError(data, 'empty.xlsx')).toMatchObject(fileError('has no header row'));
  });
});

describe('readTable: guarded cells round-trip', () => {
  it('returns the original values of cells an export guarded, in CSV and XLSX', async () => {
    const values = ['=1+1', '+81 3 1234 5678', '-5', '@SUM(A1)', '\t=cmd', "'=already", "it's", '普通'];
    const csv = ['氏名', ...values.map((v) => `"${guardCell(v).replaceAll('"', '""')}"`)].join('\r\n');
    expect((await readTable(Buffer.from(csv), 'x.csv')).rows.map((r) => r[0])).toEqual(values);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['氏名']);
    for (const v of values) ws.addRow([guardCell(v)]);
    const table = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(table.rows.map((r) => r[0])).toEqual(values);
  });
});

describe('readTable: malformed files get clear errors', () => {
  it('refuses UTF-16 text (with or without a BOM)', async () => {
    const reason = 'is UTF-16 text: save it as CSV UTF-8 or CSV (Shift_JIS)';
    const text = '氏名,社員番号\r\n山田,A1\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await readError(le, 'roster.csv')).toMatchObject(fileError(reason));
    expect(await readError(Buffer.from('name,no\r\nYamada,A1\r\n', 'utf16le'), 'roster.txt')).toMatchObject(
      fileError(reason),
    );
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS', async () => {
    let seed = 42;
    const random = Buffer.alloc(4096, 0).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed >> 16;
    });
    expect(await readError(random, 'roster.csv')).toMatchObject(fileError('is not UTF-8 or Shift_JIS text'));
    // EUC-JP is valid in neither.
    const euc = iconv.encode('氏名,所属\r\n山田太郎,営業部\r\n', 'euc-jp');
    expect(await readError(euc, 'roster.csv')).toMatchObject(fileError('is not UTF-8 or Shift_JIS text'));
  });

  it('keeps ragged rows for parse-rows to report; short rows have empty cells', async () => {
    const csv = '氏名,社員番号,所属職場\r\n山田,A1,本社,余り\r\n佐藤,A2\r\n鈴木,A3,工場,,\r\n';
    const table = await readTable(Buffer.from(csv), 'ragged.csv');
    expect(table.rows).toEqual([
      ['山田', 'A1', '本社', '余り'],
      ['佐藤', 'A2'],
      ['鈴木', 'A3', '工場'],
    ]);
    expect(members(table)).toEqual({
      errors: [{ row: 2, column: null, message: 'has 4 cells but the header has 3 columns' }],
      rows: [
        { row: 3, name: '佐藤', employeeNumber: 'A2', workplaceName: null },
        { row: 4, name: '鈴木', employeeNumber: 'A3', workplaceName: '工場' },
      ],
    });
  });

  describe('a 50 MB file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'kumiai-import-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('is refused from its size, before it is read', async () => {
      // A sparse file: 50 MB long, nothing written, so nothing to read either.
      const path = join(dir, 'huge.csv');
      const handle = await open(path, 'w');
      await handle.truncate(50 * 1024 * 1024);
      await handle.close();
      const started = Date.now();
      await expect(readTableFile(path)).rejects.toMatchObject({
        code: 'payload_too_large',
        fields: { file: 'must be at most 32 MB' },
      });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('is refused in memory too, and a file of exactly the limit is not refused for its size', async () => {
      expect(MAX_IMPORT_BYTES).toBe(32 * 1024 * 1024);
      expect(await readError(new Uint8Array(50 * 1024 * 1024), 'huge.csv')).toMatchObject({
        code: 'payload_too_large',
      });
      const limit = Buffer.alloc(MAX_IMPORT_BYTES, 'a');
      limit.write('氏名\n');
      const table = await readTable(limit, 'limit.csv');
      expect(table.rows).toHaveLength(1);
    });
  });

  it('refuses more than 200,000 data rows, and reads 200,000', async () => {
    expect(MAX_IMPORT_ROWS).toBe(200_000);
    const ok = await readTable(Buffer.from(`氏名\n${'x\n'.repeat(MAX_IMPORT_ROWS)}`), 'max.csv');
    expect(ok.rows).toHaveLength(MAX_IMPORT_ROWS);
    const over = Buffer.from(`氏名\n\n${'x\n'.repeat(MAX_IMPORT_ROWS + 1)}`);
    expect(await readError(over, 'over.csv')).toMatchObject(fileError('has more than 200,000 rows'));
  });

  it('refuses headers that are empty between others or repeated (after NFKC and trimming)', async () => {
    expect(await readError(Buffer.from('氏名,,社員番号\n山田,x,A1\n'), 'a.csv')).toMatchObject(
      fileError('has no header in column B (row 1)'),
    );
    expect(await readError(Buffer.from('氏名,社員番号, 氏名\n'), 'a.csv')).toMatchObject(
      fileError('has the column "氏名" twice'),
    );
    expect(await readError(Buffer.from('ﾌﾘｶﾞﾅ,フリガナ\n'), 'a.csv')).toMatchObject(
      fileError('has the column "フリガナ" twice'),
    );
    // Empty headers at the end are dropped (Excel leaves them after formatted columns).
    const table = await readTable(Buffer.from('\n\n氏名,社員番号,,\n山田,A1,,\n'), 'a.csv');
    expect(table).toMatchObject({ headers: ['氏名', '社員番号'], rows: [['山田', 'A1']], rowNumbers: [4] });
  });

  it('treats __proto__, constructor and prototype headers as plain columns', async () => {
    const csv = '__proto__,constructor,prototype,氏名\r\n{"polluted":1},x,y,山田\r\n';
    const table = await readTable(Buffer.from(csv), 'proto.csv');
    expect(table.headers).toEqual(['__proto__', 'constructor', 'prototype', '氏名']);
    const mapping = suggestMapping('members', table.headers);
    expect(Object.keys(mapping)).toEqual(table.headers);
    expect(members(table)).toEqual({ rows: [{ row: 2, name: '山田' }], errors: [] });
    const hostile = JSON.parse('{"__proto__":"name","constructor":"employeeNumber","prototype":"concerns"}');
    expect(parseMemberRows(table, hostile).rows).toEqual([
      { row: 2, name: '{"polluted":1}', employeeNumber: 'x', concerns: 'y' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('refuses empty files and files without a header', async () => {
    expect(await readError(new Uint8Array(0), 'empty.csv')).toMatchObject(fileError('is empty'));
    expect(await readError(Buffer.from('\uFEFF\r\n,,\r\n\r\n'), 'blank.csv')).toMatchObject(
      fileError('has no header row'),
    );
    // A header alone is a table with no rows.
    expect((await readTable(Buffer.from('氏名,社員番号\r\n'), 'h.csv')).rows).toEqual([]);
  });

  it('refuses a quoted field that is never closed', async () => {
    expect(
      await readError(Buffer.from('氏名,メモ\r\n\r\n山田,"閉じない\r\n佐藤,x\r\n'), 'q.csv'),
    ).toMatchObject(fileError('has a quoted field that is never closed (row 3)'));
  });

  it('refuses files that are not CSV, TSV or XLSX', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await readError(ole, 'roster.xls')).toMatchObject(
      fileError('is an old-format Excel (.xls) or password-protected workbook: save it as .xlsx or CSV'),
    );
    expect(await readError(Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'roster.pdf')).toMatchObject(
      fileError('is a PDF, not a CSV, TSV or XLSX file'),
    );
    expect(await readError(Buffer.from('氏名\n山田\n'), 'roster.xlsx')).toMatchObject(
      fileError('is not a valid XLSX workbook'),
    );
    const notXlsx = zipArchive([storedEntry('readme.txt', Buffer.from('hello'))]);
    expect(await readError(notXlsx, 'roster.xlsx')).toMatchObject(
      fileError('is a ZIP archive, not an XLSX workbook'),
    );
    const ods = zipArchive([
      storedEntry('mimetype', Buffer.from('application/vnd.oasis.opendocument.spreadsheet')),
      storedEntry('content.xml', Buffer.from('<x/>')),
    ]);
    expect(await readError(ods, 'roster.ods')).toMatchObject(
      fileError('is an OpenDocument spreadsheet: save it as .xlsx or CSV'),
    );
    const damaged = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    expect(await readError(damaged, 'roster.xlsx')).toMatchObject(
      fileError('is not a valid XLSX workbook (the ZIP archive is damaged)'),
    );
    const brokenWorkbook = zipArchive([storedEntry('xl/workbook.xml', Buffer.from('<not-a-workbook'))]);
    expect(await readError(brokenWorkbook, 'roster.xlsx')).toMatchObject(
      fileError('is not a valid XLSX workbook'),
    );
  });

  describe('zip bombs', () => {
    it('refuses an XLSX that inflates to more than 200 MB, without inflating it', async () => {
      const bomb = await deflatedZeros(256 * 1024 * 1024);
      expect(bomb.data.length).toBeLessThan(1024 * 1024);
      const data = zipArchive([
        storedEntry('[Content_Types].xml', Buffer.from('<Types/>')),
        storedEntry('xl/workbook.xml', Buffer.from('<workbook/>')),
        { name: 'xl/worksheets/sheet1.xml', method: 8, ...bomb },
      ]);
      expect(data.length).toBeLessThan(MAX_IMPORT_BYTES);
      expect(await readError(data, 'bomb.xlsx')).toMatchObject(
        fileError('expands to more than 200 MB (a ZIP bomb?)'),
      );
    });

    it('refuses an entry compressed more than 200 to 1', async () => {
      const data = zipArchive([
        storedEntry('xl/workbook.xml', Buffer.from('<workbook/>')),
        { name: 'xl/sharedStrings.xml', method: 8, ...(await deflatedZeros(20 * 1024 * 1024)) },
      ]);
      expect(await readError(data, 'bomb.xlsx')).toMatchObject(
        fileError('is compressed more than 200 to 1 (a ZIP bomb?)'),
      );
    });

    it('refuses a central directory that understates what an entry inflates to', async () => {
      const real = await deflatedZeros(20 * 1024 * 1024);
      const data = zipArchive([
        storedEntry('xl/workbook.xml', Buffer.from('<workbook/>')),
        { name: 'xl/worksheets/sheet1.xml', method: 8, ...real, size: 1000 }, // claims 1000 bytes
      ]);
      expect(await readError(data, 'liar.xlsx')).toMatchObject(
        fileError('is not a valid XLSX workbook (a part does not inflate to its declared size: a ZIP bomb?)'),
      );
    });

    it('refuses declared sizes adding up to more than 200 MB', async () => {
      // Two parts claiming 150 MB each from 1 MB (a plausible ratio): refused before inflating,
      // so what their bytes hold does not matter.
      const entries = [1, 2].map(
        (i): ZipEntry => ({
          name: `xl/worksheets/sheet${i}.xml`,
          method: 8,
          data: Buffer.alloc(1024 * 1024),
          crc: 0,
          size: 150 * 1024 * 1024,
        }),
      );
      const data = zipArchive([storedEntry('xl/workbook.xml', Buffer.from('<workbook/>')), ...entries]);
      expect(await readError(data, 'big.xlsx')).toMatchObject(
        fileError('expands to more than 200 MB (a ZIP bomb?)'),
      );
    });
  });
});

// ---------------------------------------------------------------- a minimal ZIP writer

type ZipEntry = {
  name: string;
  method: 0 | 8;
  data: Buffer;
  crc: number;
  size: number;
  compressedSize?: number;
};

function storedEntry(name: string, data: Buffer): ZipEntry {
  return { name, method: 0, data, crc: crc32(data), size: data.length };
}

/** Deflates `bytes` zero bytes in 1 MB chunks (no big buffer), with their CRC. */
async function deflatedZeros(bytes: number): Promise<{ data: Buffer; crc: number; size: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  let crc = 0;
  for (let written = 0; written < bytes; written += chunk.length) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return { data: Buffer.concat(out), crc, size: bytes };
}

/** A ZIP archive whose headers say exactly what the entries say (sizes included, true or not). */
function zipArchive(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const compressedSize = e.compressedSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(compressedSize, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
