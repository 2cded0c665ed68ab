import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { suggestMapping } from './mapping';
import { parseImportDate, parseMemberRows, parseWorkplaceRows } from './parse-rows';
import type { RawTable } from './types';

const table = (headers: string[], rows: string[][], rowNumbers?: number[]): RawTable => ({
  format: 'csv',
  headers,
  rows,
  ...(rowNumbers ? { rowNumbers } : {}),
});

function members(headers: string[], rows: string[][], rowNumbers?: number[]) {
  const t = table(headers, rows, rowNumbers);
  return parseMemberRows(t, suggestMapping('members', headers));
}

function workplaces(headers: string[], rows: string[][]) {
  const t = table(headers, rows);
  return parseWorkplaceRows(t, suggestMapping('workplaces', headers));
}

describe('parseImportDate', () => {
  it.each([
    ['2015/4/8', '2015-04-08'],
    ['2015/04/08', '2015-04-08'],
    ['2015-4-8', '2015-04-08'],
    ['2015-04-08', '2015-04-08'],
    ['2015.4.8', '2015-04-08'],
    ['2015年4月8日', '2015-04-08'],
    ['2015年 4月 8日', '2015-04-08'],
    ['２０１５／４／８', '2015-04-08'],
    ['2015/4/8 0:00', '2015-04-08'],
    ['2015/4/8 13:45:10', '2015-04-08'],
    ['2015-04-08T00:00:00Z', '2015-04-08'],
    ['2015-04-08T09:00:00+09:00', '2015-04-08'],
    ['平成27年4月8日', '2015-04-08'],
    ['H27.4.8', '2015-04-08'],
    ['h27/4/8', '2015-04-08'],
    ['令和元年5月1日', '2019-05-01'],
    ['R7/2/28', '2025-02-28'],
    ['昭和64年1月7日', '1989-01-07'],
    [' 2024/2/29 ', '2024-02-29'],
  ])('%s → %s', (input, expected) => {
    expect(parseImportDate(input)).toEqual({ date: expected });
  });

  it.each(['2025/2/30', '2023/2/29', '2015/13/1', '2015/4/31', '2015-00-10'])(
    'refuses the impossible date %s',
    (input) => {
      expect(parseImportDate(input)).toEqual({
        error: `must be a real calendar date (${input} does not exist)`,
      });
    },
  );

  it.each(['4/8/2015', '15/4/8', '20150408', '42103', 'yesterday', '2015/4', '2015年4月'])(
    'refuses %s, which is not a date form Excel writes unambiguously',
    (input) => {
      expect(parseImportDate(input)).toEqual({
        error: 'must be a date such as 2015/4/8, 2015-04-08 or 2015年4月8日',
      });
    },
  );
});

describe('parseMemberRows', () => {
  const headers = [
    '社員番号',
    '氏名',
    'フリガナ',
    '所属職場',
    '組合加入日',
    '関与度',
    '役職',
    '在籍',
    '脱退日',
  ];

  it('parses Japanese labels, API values and English labels into typed rows', () => {
    const { rows, errors } = members(headers, [
      [
        'Ａ－１００２',
        ' 佐藤 花子 ',
        'さとう　はなこ',
        '第一工場',
        '2018/10/1',
        '定期参加',
        '職場委員',
        '在籍',
        '',
      ],
      [
        'A1003',
        '髙橋 一郎',
        'ﾀｶﾊｼ ｲﾁﾛｳ',
        '',
        '2009年4月1日',
        'at_risk',
        'general_member',
        'left',
        '2024/3/31',
      ],
      ['A1004', 'John Smith', '', '本社', '', 'Core activist', 'Organizing target', '在籍中', ''],
      ['A1005', '鈴木', '', '', '', '', '', '', ''],
    ]);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        employeeNumber: 'A-1002',
        name: '佐藤 花子',
        nameKana: 'サトウ ハナコ',
        workplaceName: '第一工場',
        joinedOn: '2018-10-01',
        engagement: 'regular',
        unionRole: 'workplace_rep',
        status: 'active',
        leftOn: null,
      },
      {
        row: 3,
        employeeNumber: 'A1003',
        name: '髙橋 一郎',
        nameKana: 'タカハシ イチロウ',
        workplaceName: null,
        joinedOn: '2009-04-01',
        engagement: 'at_risk',
        unionRole: 'general_member',
        status: 'left',
        leftOn: '2024-03-31',
      },
      {
        row: 4,
        employeeNumber: 'A1004',
        name: 'John Smith',
        nameKana: null,
        workplaceName: '本社',
        joinedOn: null,
        engagement: 'active_core',
        unionRole: 'organizing_target',
        status: 'active',
        leftOn: null,
      },
      // Empty enum cells stay undefined (kept on update, defaulted on create); empty text clears.
      {
        row: 5,
        employeeNumber: 'A1005',
        name: '鈴木',
        nameKana: null,
        workplaceName: null,
        joinedOn: null,
        leftOn: null,
      },
    ]);
  });

  it('leaves out the fields of columns that are not mapped, and ignores unmapped columns', () => {
    const t = table(['氏名', '関与度', '備考'], [['山田', '関心薄い', 'なんでも']]);
    const { rows } = parseMemberRows(t, { 氏名: 'name', 関与度: 'engagement', 備考: null });
    expect(rows).toEqual([{ row: 2, name: '山田', engagement: 'indifferent' }]);
    const { rows: without } = parseMemberRows(t, { 氏名: 'name' });
    expect(without).toEqual([{ row: 2, name: '山田' }]);
  });

  it('reports each bad cell with the file row number, the column header and a reason', () => {
    const { rows, errors } = members(
      headers,
      [
        ['A1', '', '', '', '2025/2/30', '熱心', '委員長', '退職', '4/1/2024'],
        ['A2', '山田', '', '', '2015/4/8', '', '', '', ''],
      ],
      [4, 7],
    );
    expect(rows).toEqual([
      {
        row: 7,
        employeeNumber: 'A2',
        name: '山田',
        nameKana: null,
        workplaceName: null,
        joinedOn: '2015-04-08',
        leftOn: null,
      },
    ]);
    expect(errors).toEqual([
      { row: 4, column: '氏名', message: 'is required' },
      { row: 4, column: '組合加入日', message: 'must be a real calendar date (2025/2/30 does not exist)' },
      {
        row: 4,
        column: '関与度',
        message:
          'must be one of: 執行委員・積極参加, 定期参加, たまに参加, ほぼ参加なし, 関心薄い, 脱退リスクあり',
      },
      { row: 4, column: '役職', message: 'must be one of: 専従, 執行委員, 職場委員, 一般組合員, オルグ対象' },
      { row: 4, column: '在籍', message: 'must be one of: 在籍, 脱退' },
      { row: 4, column: '脱退日', message: 'must be a date such as 2015/4/8, 2015-04-08 or 2015年4月8日' },
    ]);
  });

  it('applies the member schema lengths', () => {
    const long = (n: number) => 'あ'.repeat(n);
    const { errors } = parseMemberRows(
      table(
        ['氏名', '社員番号', '等級', '主な職場の悩み・要求', '担当者'],
        [
          [long(101), 'x'.repeat(51), long(51), long(4001), `${'a'.repeat(250)}@x.jp`],
          [long(100), 'x'.repeat(50), long(50), long(4000), 'officer@example.org'],
        ],
      ),
      {
        氏名: 'name',
        社員番号: 'employeeNumber',
        等級: 'grade',
        '主な職場の悩み・要求': 'concerns',
        担当者: 'owner',
      },
    );
    expect(errors).toEqual([
      { row: 2, column: '氏名', message: 'must be at most 100 characters' },
      { row: 2, column: '社員番号', message: 'must be at most 50 characters' },
      { row: 2, column: '等級', message: 'must be at most 50 characters' },
      { row: 2, column: '主な職場の悩み・要求', message: 'must be at most 4000 characters' },
      { row: 2, column: '担当者', message: 'must be at most 254 characters' },
    ]);
  });

  it('refuses a repeated employee number (after NFKC) on the later rows', () => {
    const { rows, errors } = members(
      ['社員番号', '氏名'],
      [
        ['A100', '一'],
        ['Ａ１００', '二'],
        ['', '三'],
        ['', '四'],
        ['A100', '五'],
      ],
    );
    expect(rows.map((r) => r.name)).toEqual(['一', '三', '四']);
    expect(errors).toEqual([
      { row: 3, column: '社員番号', message: 'repeats the employee number of row 2' },
      { row: 6, column: '社員番号', message: 'repeats the employee number of row 2' },
    ]);
  });

  it('checks status and leftOn together when the row has both, and leftOn after joinedOn', () => {
    const { rows, errors } = members(
      ['氏名', '組合加入日', '在籍', '脱退日'],
      [
        ['一', '', '脱退', ''],
        ['二', '', '在籍', '2024/3/31'],
        ['三', '2020/4/1', '', '2019/3/31'],
        ['四', '', '脱退', '2024/3/31'],
      ],
    );
    expect(rows.map((r) => r.name)).toEqual(['四']);
    expect(errors).toEqual([
      { row: 2, column: '脱退日', message: 'is required when status is left' },
      { row: 3, column: '脱退日', message: 'must be empty while status is active' },
      { row: 4, column: '脱退日', message: 'must not be before joinedOn' },
    ]);
    // Without a leftOn column, the merged record decides (the import checks it).
    expect(members(['氏名', '在籍'], [['五', '脱退']]).errors).toEqual([]);
  });

  it('reports a row with more cells than headers as one row error; fewer cells are empty', () => {
    const { rows, errors } = members(
      ['氏名', '社員番号'],
      [['山田', 'A1', 'extra'], ['佐藤'], ['鈴木', 'A3', '', '']],
    );
    expect(errors).toEqual([{ row: 2, column: null, message: 'has 3 cells but the header has 2 columns' }]);
    expect(rows).toEqual([
      { row: 3, name: '佐藤', employeeNumber: null },
      { row: 4, name: '鈴木', employeeNumber: 'A3' },
    ]);
  });

  it('refuses an invalid mapping with a 400', () => {
    const t = table(['社員番号'], [['A1']]);
    // 社員番号 alone is a valid mapping (updates of existing members); a file with
    // neither a name nor an employee number column is not.
    expect(parseMemberRows(t, { 社員番号: 'employeeNumber' }).rows).toEqual([
      { row: 2, employeeNumber: 'A1' },
    ]);
    expect(() => parseMemberRows(table(['部署'], [['製造']]), { 部署: 'department' })).toThrowError(AppError);
    let thrown: unknown;
    try {
      parseMemberRows(t, { 社員番号: 'nope' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({
      code: 'validation_failed',
      fields: {
        'mapping.社員番号': 'is mapped to an unknown field: nope',
        mapping: 'no column is mapped to name or employeeNumber',
      },
    });
  });

  it('maps only own properties: constructor or __proto__ headers are plain columns', () => {
    const headers = ['__proto__', 'constructor', 'toString', '氏名'];
    const t = table(headers, [['x', 'y', 'z', '山田']]);
    expect(parseMemberRows(t, { 氏名: 'name' }).rows).toEqual([{ row: 2, name: '山田' }]);
    const mapping = JSON.parse('{"__proto__": "name", "constructor": "employeeNumber"}');
    expect(parseMemberRows(t, mapping).rows).toEqual([{ row: 2, name: 'x', employeeNumber: 'y' }]);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });
});

describe('parseWorkplaceRows', () => {
  it('parses head counts as Excel writes them and atmosphere labels', () => {
    const { rows, errors } = workplaces(
      ['職場名', '事業所', '従業員数', '雰囲気', '課題', '組織化状況', '担当者'],
      [
        ['本社営業部', '東京本社', '1,234', '組合活動活発', '残業', '8割', 'officer@example.org'],
        ['第一工場', '', '３２０人', 'Risk of split', '', '', ''],
        ['物流', '', '12.0', 'normal', '', '', ''],
        ['倉庫', '', '', '', '', '', ''],
      ],
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        name: '本社営業部',
        establishment: '東京本社',
        employeeCount: 1234,
        atmosphere: 'active',
        issues: '残業',
        organizingStatus: '8割',
        owner: 'officer@example.org',
      },
      {
        row: 3,
        name: '第一工場',
        establishment: null,
        employeeCount: 320,
        atmosphere: 'split_risk',
        issues: null,
        organizingStatus: null,
        owner: null,
      },
      {
        row: 4,
        name: '物流',
        establishment: null,
        employeeCount: 12,
        atmosphere: 'normal',
        issues: null,
        organizingStatus: null,
        owner: null,
      },
      {
        row: 5,
        name: '倉庫',
        establishment: null,
        employeeCount: null,
        issues: null,
        organizingStatus: null,
        owner: null,
      },
    ]);
  });

  it('reports bad counts, missing names, unknown atmospheres and repeated names', () => {
    const { rows, errors } = workplaces(
      ['職場名', '従業員数', '雰囲気'],
      [
        ['A', '-3', ''],
        ['B', '1.5', ''],
        ['C', '3000000000', ''],
        ['', '10', ''],
        ['D', 'たくさん', '最高'],
        ['E', '10', ''],
        ['E', '11', ''],
      ],
    );
    expect(rows.map((r) => r.name)).toEqual(['E']);
    expect(errors).toEqual([
      { row: 2, column: '従業員数', message: 'must be 0 or more' },
      { row: 3, column: '従業員数', message: 'must be a whole number' },
      { row: 4, column: '従業員数', message: 'is too large' },
      { row: 5, column: '職場名', message: 'is required' },
      { row: 6, column: '従業員数', message: 'must be a whole number' },
      { row: 6, column: '雰囲気', message: 'must be one of: 組合活動活発, 普通, 関心薄い, 分裂リスクあり' },
      { row: 8, column: '職場名', message: 'repeats the workplace name of row 7' },
    ]);
  });
});
