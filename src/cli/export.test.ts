import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { auditLog, members, workplaces } from '../db/schema';
import { createUser } from '../services/users/create-user';

// `npm run kumiai -- export members <file>` as a real child process on a PGlite data directory.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'src/cli/main.ts');
let dir = '';
let adminId = '';

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(KUMIAI_|DATABASE_|TEST_DATABASE_URL$|PORT$|HOST$)/.test(key)) env[key] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...env, KUMIAI_DATA_DIR: join(dir, 'data') },
  });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kumiai-export-'));
  const migrated = await runCli(['migrate']);
  if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  await withDb(async (db) => {
    const admin = await createUser(db, {
      email: 'kanri@example.org',
      displayName: '管理者',
      role: 'admin',
      password: 'correct horse battery',
      workplaceIds: [],
    });
    adminId = admin.id;
    const [wp] = await db.insert(workplaces).values({ name: '第一工場' }).returning();
    await db.insert(members).values([
      {
        name: '山田 太郎',
        nameKana: 'ヤマダ タロウ',
        employeeNumber: 'E1',
        workplaceId: wp!.id,
        ownerId: admin.id,
      },
      { name: '=危険な名前', employeeNumber: 'E2', workplaceId: wp!.id, engagement: 'at_risk' },
      { name: '鈴木 花子', employeeNumber: 'E3' },
    ]);
  });
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('export', { timeout: 120_000 }, () => {
  it('writes the filtered members as CSV for Excel, acting as the first admin (audited)', async () => {
    const file = join(dir, '第一工場.csv');
    const res = await runCli([
      'export',
      'members',
      file,
      '--workplace',
      '第一工場',
      '--sort',
      'employeeNumber',
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(`Exported 2 members to ${file} (CSV)`);
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
    expect(rows.map((r) => [r[1], r[3], r[4], r[9], r[16], r[17]])).toEqual([
      ['氏名', '社員番号', '所属職場', '関与度(感情温度)', '担当者', '担当者メール'],
      ['山田 太郎', 'E1', '第一工場', 'たまに参加', '管理者', 'kanri@example.org'],
      ["'=危険な名前", 'E2', '第一工場', '脱退リスクあり', '', ''],
    ]);
    expect(rows[0]?.[0]).toBe('ID');
    const events = await withDb((db) => db.select().from(auditLog).where(eq(auditLog.action, 'export')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: adminId,
      tableName: 'members',
      details: { kind: 'members', format: 'csv', rowCount: 2 },
    });
  });

  it('writes XLSX by the file name, with English headers on request', async () => {
    const file = join(dir, 'members.xlsx');
    const res = await runCli(['export', 'members', file, '--lang', 'en', '--engagement', 'at_risk']);
    expect(res.code, res.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Name');
    // A text cell is never evaluated: no guard quote in XLSX.
    expect(sheet.getRow(2).getCell(2).value).toBe('=危険な名前');
    expect(sheet.getRow(2).getCell(10).value).toBe('at_risk');
    expect(sheet.rowCount).toBe(2);
  });

  it('refuses an unknown workplace or a bad date, and leaves no file behind', async () => {
    const file = join(dir, 'none.csv');
    const unknown = await runCli(['export', 'members', file, '--workplace', '本社']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--workplace: no workplace is named 本社');
    const badDate = await runCli(['export', 'tasks', file, '--due-before', '2026-02-30']);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('dueBefore: must be a real calendar date');
    await expect(stat(file)).rejects.toThrow();
    await expect(stat(`${file}.partial`)).rejects.toThrow();
  });
});
