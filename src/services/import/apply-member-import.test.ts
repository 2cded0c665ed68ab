import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import type { MemberImportRow } from '../../core/import/types';
import { rowsOf } from '../../db/queries/records';
import type { ServiceContext } from '../context';
import { createMember } from '../members/create-member';
import { createWorkplace } from '../workplaces/create-workplace';
import { applyMemberImport } from './apply-member-import';
import { contextAs, tableSnapshot } from './import.test-helper';
import type { ImportProgress } from './import-engine';

const NOW = new Date('2026-06-10T03:00:00Z');
let database: TestDatabase;
let admin: ServiceContext;
let officer: ServiceContext;
let officerId = '';

type MemberRow = {
  id: string;
  name: string;
  name_kana: string | null;
  employee_number: string | null;
  workplace_id: string | null;
  department: string | null;
  grade: string | null;
  engagement: string;
  status: string;
  left_on: string | null;
  owner_id: string | null;
  version: number;
};

async function query<T>(text: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await database.db.execute(text));
}

async function memberByNumber(employeeNumber: string) {
  const [m] = await query<MemberRow>(sql`select * from members where employee_number = ${employeeNumber}`);
  return m;
}

async function count(table: string, where = sql`true`): Promise<number> {
  const [r] = await query<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`,
  );
  return Number(r!.n);
}

beforeAll(async () => {
  database = await createTestDb();
  admin = (await contextAs(database.db, 'admin', NOW, '管理 太郎')).ctx;
  const o = await contextAs(database.db, 'officer', NOW, '専従 花子');
  officer = o.ctx;
  officerId = o.user.id;
  await createWorkplace(admin, { name: '第一工場', atmosphere: 'normal' });
  await createWorkplace(admin, { name: '本社', atmosphere: 'normal' });
});
afterAll(async () => {
  await database?.close();
});

describe('applyMemberImport', () => {
  it('creates members set-based, with history and an attributed audit trail', async () => {
    const rows: MemberImportRow[] = [
      {
        row: 2,
        employeeNumber: 'E001',
        name: '山田 太郎',
        nameKana: 'やまだ たろう',
        workplaceName: '第一工場',
        joinedOn: '2015-04-08',
        engagement: 'regular',
        owner: officer.actor.email.toUpperCase(),
      },
      { row: 3, employeeNumber: 'Ｅ００２', name: '鈴木 花子', workplaceName: '本社', owner: '専従花子' },
      { row: 4, name: '番号なし 一郎' },
    ];
    const progress: ImportProgress[] = [];
    const result = await applyMemberImport(officer, rows, {
      dryRun: false,
      fileName: 'roster.csv',
      onProgress: (p) => {
        progress.push(p);
      },
    });
    expect(result).toMatchObject({
      kind: 'members',
      applied: true,
      total: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      errors: [],
    });
    const yamada = (await memberByNumber('E001'))!;
    expect(yamada).toMatchObject({ name: '山田 太郎', name_kana: 'ヤマダ タロウ', engagement: 'regular' });
    expect(yamada.owner_id).toBe(officerId);
    // Employee numbers are stored NFKC-folded, as a member saved by hand.
    expect((await memberByNumber('E002'))!.owner_id).toBe(officerId);
    const history = await query<{ from: string | null; to: string; reason: string; changed_by: string }>(
      sql`select "from", "to", reason, changed_by from engagement_history where member_id = ${yamada.id}`,
    );
    expect(history).toEqual([{ from: null, to: 'regular', reason: 'インポート', changed_by: officerId }]);
    expect(await count('engagement_history')).toBe(3);
    const audit = await query<{ action: string; actor_id: string; details: Record<string, unknown> | null }>(
      sql`select action, actor_id, details from audit_log where action = 'import'`,
    );
    expect(audit).toEqual([
      {
        action: 'import',
        actor_id: officerId,
        details: expect.objectContaining({ kind: 'members', fileName: 'roster.csv', created: 3, total: 3 }),
      },
    ]);
    // The triggers attribute the inserted rows to the importing officer.
    expect(
      await count('audit_log', sql`table_name = 'members' and action = 'insert' and actor_id = ${officerId}`),
    ).toBe(3);
    expect(progress.map((p) => p.phase)).toContain('validating');
    expect(progress.at(-1)).toEqual({ phase: 'writing', done: 3, total: 3 });
  });

  it('updates by employee number, changing only the columns in the file', async () => {
    const before = (await memberByNumber('E001'))!;
    const result = await applyMemberImport(
      admin,
      [
        { row: 2, employeeNumber: 'E001', department: '製造部', grade: null },
        { row: 3, employeeNumber: 'E002', department: null },
      ],
      { dryRun: false },
    );
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 1, applied: true });
    const after = (await memberByNumber('E001'))!;
    expect(after).toEqual({
      ...before,
      department: '製造部',
      version: before.version + 1,
      updated_at: expect.anything(),
    });
    // Unchanged rows are not touched (no version bump, no audit row).
    expect((await memberByNumber('E002'))!.version).toBe(1);
    expect(await count('members', sql`employee_number is null`)).toBe(1);
  });

  it('records engagement changes with the file reason and follows up members who became at_risk', async () => {
    const tasksBefore = await count('tasks', sql`rule_id = 'at_risk_follow_up'`);
    const result = await applyMemberImport(
      admin,
      [
        { row: 2, employeeNumber: 'E001', engagement: 'at_risk', engagementReason: '残業問題で不満' },
        { row: 3, employeeNumber: 'E002', engagement: 'rare' },
        {
          row: 4,
          employeeNumber: 'E003',
          name: '新人 次郎',
          engagement: 'at_risk',
          owner: officer.actor.email,
        },
      ],
      { dryRun: false },
    );
    expect(result).toMatchObject({ created: 1, updated: 2, followUpTasks: 2 });
    const yamada = (await memberByNumber('E001'))!;
    const history = await query<{ from: string | null; to: string; reason: string }>(
      sql`select "from", "to", reason from engagement_history where member_id = ${yamada.id} order by seq`,
    );
    expect(history.at(-1)).toEqual({ from: 'regular', to: 'at_risk', reason: '残業問題で不満' });
    const suzuki = (await memberByNumber('E002'))!;
    const suzukiHistory = await query<{ from: string | null; to: string; reason: string }>(
      sql`select "from", "to", reason from engagement_history where member_id = ${suzuki.id} order by seq`,
    );
    expect(suzukiHistory.at(-1)).toEqual({ from: 'occasional', to: 'rare', reason: 'インポート' });
    const tasks = await query<{ subject_id: string; assignee_id: string; due_on: string; title: string }>(
      sql`select subject_id, assignee_id, due_on, title from tasks where rule_id = 'at_risk_follow_up' order by title`,
    );
    expect(tasks.length).toBe(tasksBefore + 2);
    expect(tasks.find((t) => t.subject_id === yamada.id)).toMatchObject({
      assignee_id: officerId,
      due_on: '2026-06-30',
      title: '山田 太郎さん 丁寧な個別フォロー——今月中に',
    });
    // Importing the same value again is no change: no history row, no second task.
    const again = await applyMemberImport(
      admin,
      [{ row: 2, employeeNumber: 'E001', engagement: 'at_risk' }],
      {
        dryRun: false,
      },
    );
    expect(again).toMatchObject({ updated: 0, unchanged: 1, followUpTasks: 0 });
    expect(await count('tasks', sql`rule_id = 'at_risk_follow_up'`)).toBe(tasksBefore + 2);
  });

  it('reports unknown workplaces, or creates them when asked', async () => {
    const rows: MemberImportRow[] = [
      { row: 2, employeeNumber: 'W001', name: '職場 新一', workplaceName: '第二工場' },
      { row: 3, employeeNumber: 'W002', name: '職場 新二', workplaceName: '第二工場' },
      { row: 4, employeeNumber: 'W003', name: '職場 新三', workplaceName: '物流センター' },
    ];
    const refused = await applyMemberImport(admin, rows, {
      dryRun: false,
      columnNames: { workplaceName: '所属職場' },
    });
    expect(refused.applied).toBe(false);
    expect(refused.errors).toEqual([
      { row: 2, column: '所属職場', message: 'no workplace is named 第二工場' },
      { row: 3, column: '所属職場', message: 'no workplace is named 第二工場' },
      { row: 4, column: '所属職場', message: 'no workplace is named 物流センター' },
    ]);
    expect(await count('members', sql`employee_number like 'W%'`)).toBe(0);

    const dry = await applyMemberImport(admin, rows, { dryRun: true, createWorkplaces: true });
    expect(dry).toMatchObject({
      applied: false,
      created: 3,
      createdWorkplaces: ['物流センター', '第二工場'],
    });
    expect(await count('workplaces', sql`name = '第二工場'`)).toBe(0);

    const created = await applyMemberImport(admin, rows, { dryRun: false, createWorkplaces: true });
    expect(created).toMatchObject({
      applied: true,
      created: 3,
      createdWorkplaces: ['物流センター', '第二工場'],
    });
    const [wp] = await query<{ id: string; n: number }>(
      sql`select w.id, (select count(*)::int from members m where m.workplace_id = w.id) as n from workplaces w where w.name = '第二工場'`,
    );
    expect(Number(wp!.n)).toBe(2);
    // Created as by hand: with the initial atmosphere in its history.
    expect(await count('atmosphere_history', sql`workplace_id = ${wp!.id} and "from" is null`)).toBe(1);
  });

  it('resolves owners by email or display name and reports unknown and ambiguous ones', async () => {
    await contextAs(database.db, 'officer', NOW, '同名 役員');
    await contextAs(database.db, 'executive', NOW, '同名 役員');
    const result = await applyMemberImport(
      admin,
      [
        { row: 2, name: 'A', owner: 'nobody@example.org' },
        { row: 3, name: 'B', owner: '同名 役員' },
        { row: 4, name: 'C', owner: '専従 花子' },
      ],
      { dryRun: true, columnNames: { owner: '担当者' } },
    );
    expect(result.errors).toEqual([
      { row: 2, column: '担当者', message: 'no enabled staff user has this email address or name' },
      { row: 3, column: '担当者', message: 'matches several staff users; use the email address' },
    ]);
    expect(result).toMatchObject({ created: 1, skipped: 2 });
  });

  it('is all or nothing: one invalid row and nothing is written', async () => {
    const before = await tableSnapshot(database.db);
    const result = await applyMemberImport(
      admin,
      [
        { row: 2, employeeNumber: 'X001', name: '正常 一' },
        { row: 3, employeeNumber: 'X002', name: '脱退 二', status: 'left' },
        { row: 4, employeeNumber: 'X001', name: '重複 三' },
        { row: 5, employeeNumber: 'E001', status: 'left', leftOn: '2010-01-01', joinedOn: '2015-04-08' },
        { row: 6, employeeNumber: 'X006' },
        { row: 7, name: '日付 七', joinedOn: '2025-02-30' },
      ],
      { dryRun: false, columnNames: { leftOn: '脱退日', employeeNumber: '社員番号' } },
    );
    expect(result.applied).toBe(false);
    expect(result.errors).toEqual([
      { row: 3, column: '脱退日', message: 'is required when status is left' },
      { row: 4, column: '社員番号', message: 'appears more than once in the file (first at row 2)' },
      { row: 5, column: '脱退日', message: 'must not be before joinedOn' },
      { row: 6, column: 'name', message: 'is required for a new member' },
      { row: 7, column: 'joinedOn', message: 'must be a real calendar date (YYYY-MM-DD)' },
    ]);
    expect(result).toMatchObject({ total: 6, created: 1, skipped: 5 });
    expect(await tableSnapshot(database.db)).toEqual(before);
  });

  it('checks the merged record: a file setting status active for a member who left', async () => {
    await createMember(admin, {
      name: '退職 済子',
      nameKana: null,
      employeeNumber: 'L001',
      status: 'left',
      leftOn: '2025-03-31',
      engagement: 'rare',
      unionRole: 'general_member',
    });
    const result = await applyMemberImport(admin, [{ row: 2, employeeNumber: 'L001', status: 'active' }], {
      dryRun: false,
    });
    expect(result.errors).toEqual([
      { row: 2, column: 'leftOn', message: 'must be empty while status is active' },
    ]);
    const ok = await applyMemberImport(
      admin,
      [{ row: 2, employeeNumber: 'L001', status: 'active', leftOn: null }],
      {
        dryRun: false,
      },
    );
    expect(ok).toMatchObject({ applied: true, updated: 1 });
  });

  it('a dry run computes the same counts and writes nothing', async () => {
    const rows: MemberImportRow[] = [
      { row: 2, employeeNumber: 'D001', name: '試行 一', engagement: 'at_risk', owner: officer.actor.email },
      { row: 3, employeeNumber: 'E002', grade: '3等級' },
      { row: 4, employeeNumber: 'E003', name: '新人 次郎' },
    ];
    const before = await tableSnapshot(database.db);
    const dry = await applyMemberImport(admin, rows, { dryRun: true, createWorkplaces: true });
    expect(dry).toMatchObject({
      dryRun: true,
      applied: false,
      created: 1,
      updated: 1,
      unchanged: 1,
      followUpTasks: 1,
      errors: [],
    });
    expect(await tableSnapshot(database.db)).toEqual(before);
    const real = await applyMemberImport(admin, rows, { dryRun: false, createWorkplaces: true });
    expect({ ...real, dryRun: true, applied: false }).toEqual(dry);
  });

  it('skipInvalid applies the valid rows and reports the others as skipped', async () => {
    const result = await applyMemberImport(
      admin,
      [
        { row: 2, employeeNumber: 'S001', name: '有効 一' },
        { row: 3, employeeNumber: 'S002', name: '無効 二', workplaceName: '存在しない職場' },
        { row: 5, employeeNumber: 'S005', name: '有効 五' },
      ],
      {
        dryRun: false,
        skipInvalid: true,
        parseErrors: [{ row: 4, column: '関与度', message: 'is not a known value' }],
      },
    );
    expect(result).toMatchObject({ applied: true, total: 4, created: 2, skipped: 2 });
    expect(result.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(await count('members', sql`employee_number like 'S%'`)).toBe(2);
  });

  it('parse errors alone stop the import', async () => {
    const result = await applyMemberImport(admin, [{ row: 2, employeeNumber: 'P001', name: '解析 一' }], {
      dryRun: false,
      parseErrors: [{ row: 3, column: '加入日', message: 'must be a date' }],
    });
    expect(result).toMatchObject({ applied: false, created: 1, skipped: 1, total: 2 });
    expect(await count('members', sql`employee_number = 'P001'`)).toBe(0);
  });

  it('stages in chunks and reports progress per chunk', async () => {
    const rows: MemberImportRow[] = Array.from({ length: 7 }, (_, i) => ({
      row: i + 2,
      employeeNumber: `C${String(i).padStart(3, '0')}`,
      name: `分割 ${i}`,
    }));
    const progress: ImportProgress[] = [];
    const result = await applyMemberImport(admin, rows, {
      dryRun: false,
      chunkSize: 3,
      onProgress: (p) => {
        progress.push(p);
      },
    });
    expect(result.created).toBe(7);
    expect(progress.filter((p) => p.phase === 'validating').map((p) => p.done)).toEqual([0, 3, 6, 7]);
  });

  it('refuses executives and reps (403) before reading anything', async () => {
    for (const role of ['executive', 'rep'] as const) {
      const { ctx } = await contextAs(database.db, role, NOW);
      const before = await tableSnapshot(database.db);
      await expect(
        applyMemberImport(ctx, [{ row: 2, name: '拒否' }], { dryRun: false }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      expect(await tableSnapshot(database.db)).toEqual(before);
    }
  });
});
