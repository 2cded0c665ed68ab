/**
 * The import's dry run flags rows that would likely create a duplicate (issue 14): the same
 * name and reading as an existing member or an earlier row, an employee number equal but for
 * leading zeros (as a spreadsheet leaves it after a CSV round trip), and an update that would
 * change an employee number only in its leading zeros. Warnings never stop the import.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { BULK_NAME_MATCH_ROWS } from '../../db/queries/duplicates';
import { rowsOf } from '../../db/queries/records';
import type { ServiceContext } from '../context';
import { createMember } from '../members/create-member';
import { applyMemberImport } from './apply-member-import';
import { contextAs, tableSnapshot } from './import.test-helper';

const NOW = new Date('2026-06-10T03:00:00Z');
let database: TestDatabase;
let admin: ServiceContext;
let yamada: { id: string };
let abe: { id: string };

const member = (input: Record<string, unknown>) =>
  createMember(admin, {
    engagement: 'occasional',
    unionRole: 'general_member',
    status: 'active',
    ...input,
  } as never);

beforeAll(async () => {
  database = await createTestDb();
  admin = (await contextAs(database.db, 'admin', NOW)).ctx;
  yamada = await member({ name: '山田 太郎', nameKana: 'ヤマダ タロウ', employeeNumber: '00123' });
  abe = await member({ name: '阿部康平' }); // no reading
  await member({ name: '山田太郎', nameKana: 'ヤマダ タカオ', employeeNumber: 'B7' }); // another person
});
afterAll(async () => {
  await database?.close();
});

describe('import dry run: likely duplicates', () => {
  it('flags new rows like an existing member or an earlier row, with one set-based check', async () => {
    const before = await tableSnapshot(database.db);
    const result = await applyMemberImport(
      admin,
      [
        { row: 2, name: '山田太郎', nameKana: 'やまだ たろう' }, // = 山田 太郎 (タロウ), not タカオ
        { row: 3, name: 'ﾔﾏﾀﾞ ﾊﾅｺ', nameKana: 'ヤマダ ハナコ' },
        { row: 4, name: 'ヤマダ　ハナコ', nameKana: 'やまだはなこ' }, // = row 3 (widths, spaces)
        { row: 5, name: '阿部 康平', nameKana: 'アベ コウヘイ' }, // = 阿部康平, who has no reading
        { row: 6, name: '佐藤 一', employeeNumber: '123' }, // = 00123 but for zeros
        { row: 7, name: '佐藤 二', employeeNumber: '0456' },
        { row: 8, name: '佐藤 三', employeeNumber: '456' }, // = row 7 but for zeros
        { row: 9, name: '無関係 太郎', employeeNumber: '999' },
        { row: 10, employeeNumber: '00123', department: '製造' }, // an update of 00123: no warning
      ],
      { dryRun: true, columnNames: { name: '氏名', employeeNumber: '社員番号' } },
    );
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ created: 8, updated: 1 });
    expect(
      result.warnings.map((w) => [w.row, w.kind, w.column, w.memberId ?? w.otherRow, w.memberEmployeeNumber]),
    ).toEqual([
      [2, 'same_name', '氏名', yamada.id, '00123'],
      [4, 'same_name_in_file', '氏名', 3, null],
      [5, 'same_name', '氏名', abe.id, null],
      [6, 'employee_number_zeros', '社員番号', yamada.id, '00123'],
      [8, 'employee_number_zeros_in_file', '社員番号', 7, null],
    ]);
    expect(result.warnings[0]!.message).toContain('山田 太郎');
    // A dry run writes nothing.
    expect(await tableSnapshot(database.db)).toEqual(before);
  });

  it('a large file (BULK_NAME_MATCH_ROWS new rows and more) matches names by one join and flags the same rows', async () => {
    const filler = Array.from({ length: BULK_NAME_MATCH_ROWS }, (_, i) => ({
      row: 100 + i,
      name: `新人 ${i}号`,
      employeeNumber: `N${i}`,
    }));
    const result = await applyMemberImport(
      admin,
      [
        { row: 2, name: '山田太郎', nameKana: 'やまだ たろう' },
        { row: 3, name: 'ﾔﾏﾀﾞ ﾊﾅｺ', nameKana: 'ヤマダ ハナコ' },
        { row: 4, name: 'ヤマダ　ハナコ', nameKana: 'やまだはなこ' },
        { row: 5, name: '阿部 康平', nameKana: 'アベ コウヘイ' },
        { row: 6, name: '山田 太郎', nameKana: 'ヤマダ ジロウ' }, // another reading: not him
        ...filler,
      ],
      { dryRun: true, columnNames: { name: '氏名' } },
    );
    expect(result.errors).toEqual([]);
    expect(result.created).toBe(5 + BULK_NAME_MATCH_ROWS);
    expect(result.warnings.map((w) => [w.row, w.kind, w.memberId ?? w.otherRow])).toEqual([
      [2, 'same_name', yamada.id],
      [4, 'same_name_in_file', 3],
      [5, 'same_name', abe.id],
    ]);
  });

  it('flags an update by ID that would change an employee number only in its leading zeros, and still applies it', async () => {
    const result = await applyMemberImport(
      admin,
      [{ row: 2, id: yamada.id, employeeNumber: '123', name: '山田 太郎' }],
      { dryRun: false },
    );
    expect(result).toMatchObject({ applied: true, updated: 1 });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        row: 2,
        kind: 'employee_number_zeros_change',
        memberEmployeeNumber: '00123',
      }),
    ]);
    const [row] = rowsOf<{ employee_number: string }>(
      await database.db.execute(sql`select employee_number from members where id = ${yamada.id}`),
    );
    expect(row!.employee_number).toBe('123');
  });
});
