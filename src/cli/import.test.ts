import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as runCliIn } from '../../test/cli';
import { openDatabase } from '../db/client';
import { rowsOf } from '../db/queries/records';
import { progressPrinter } from './import';

// The CLI as users run it: `node --import tsx src/cli/main.ts import members <file>`
// on a PGlite data directory.

let dir = '';
let dataDir = '';

const runCli = (args: string[], input = '') => runCliIn(dataDir, args, input);

async function file(name: string, content: string | Uint8Array) {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function memberCount(): Promise<number> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const [r] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from members`));
    return Number(r!.n);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kumiai-cli-import-'));
  dataDir = join(dir, 'data');
  const migrated = await runCli(['migrate']);
  if (migrated.code !== 0) throw new Error(migrated.stderr);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('kumiai import', { timeout: 120_000 }, () => {
  it('needs an admin to act as', async () => {
    const res = await runCli(['import', 'members', await file('a.csv', '氏名\n山田')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('No enabled admin');
  });

  it('dry-runs, imports a Shift_JIS roster, and fails with the row errors (exit 1)', async () => {
    const admin = await runCli(
      ['users', 'create', '--email', 'kanri@example.org', '--name', '管理者', '--role', 'admin'],
      'correct horse battery\n',
    );
    expect(admin.code, admin.stderr).toBe(0);
    const roster = await file(
      '名簿.csv',
      iconv.encode(
        [
          '社員番号,氏名,所属職場,関与度',
          'A1,山田 太郎,第一工場,定期参加',
          'A2,鈴木 花子,第一工場,脱退リスクあり',
        ].join('\r\n'),
        'Shift_JIS',
      ),
    );

    const dry = await runCli(['import', 'members', roster, '--dry-run', '--create-workplaces']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run (nothing was written): 名簿.csv (csv, Shift_JIS), 2 data rows');
    expect(dry.stdout).toMatch(/created \(would be\)\s+2/);
    expect(dry.stdout).toContain('Workplaces created (would be): 第一工場');
    // stderr is not a terminal here: plain progress lines, no control characters.
    expect(dry.stderr).toContain('Checking rows: 2/2 rows');
    expect(dry.stderr).not.toContain('\r');
    expect(await memberCount()).toBe(0);

    const refused = await runCli(['import', 'members', roster]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Nothing was imported');
    expect(refused.stdout).toMatch(/3\s+所属職場\s+no workplace is named /);
    expect(refused.stdout).toContain('--skip-invalid');
    expect(await memberCount()).toBe(0);

    const done = await runCli(['import', 'members', roster, '--create-workplaces']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Imported: 名簿.csv');
    expect(done.stdout).toMatch(/created\s+2/);
    expect(done.stdout).toContain('At-risk follow-up tasks: 1');
    expect(done.stderr).toContain('Writing: 2/2 rows');
    expect(await memberCount()).toBe(2);

    const again = await runCli(['import', 'members', roster]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged\s+2/);
    expect(await memberCount()).toBe(2);

    // A dry run of an edited roster prints each changed field, before → after, and writes nothing.
    const edited = await file(
      '名簿-修正.csv',
      [
        '社員番号,氏名,所属職場,関与度',
        'A1,山田 太郎,第一工場,たまに参加',
        'A2,鈴木 花子,第一工場,脱退リスクあり',
      ].join('\n'),
    );
    const preview = await runCli(['import', 'members', edited, '--dry-run']);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/updated \(would be\)\s+1/);
    expect(preview.stdout).toContain('Changes (would be):');
    expect(preview.stdout).toMatch(/2\s+山田 太郎\s+関与度\s+regular → occasional/);
  });

  it('links members to demands (import demand-links), printing the counts per demand', async () => {
    // The members A1 and A2 of the previous test; a season and a demand.
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await database.db.execute(
        sql`with s as (insert into bargaining_seasons (name, starts_on, ends_on)
                       values ('2026春闘', '2026-01-01', '2099-12-31') returning id)
            insert into demands (title, season_id) select '賃上げ', id from s`,
      );
    } finally {
      await database.close();
    }
    const links = await file('紐付け.csv', '社員番号,要求\nA1,賃上げ\nA2,賃上げ\nA404,賃上げ\n');
    const refused = await runCli(['import', 'demand-links', links]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Nothing was imported');
    expect(refused.stdout).toMatch(/4\s+社員番号\s+no member has this employee number/);

    const dry = await runCli(['import', 'demand-links', links, '--dry-run', '--skip-invalid']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/linked \(would be\)\s+2/);
    expect(dry.stdout).toMatch(/2026春闘\s+賃上げ\s+2\s+0/);

    const done = await runCli(['import', 'demand-links', links, '--skip-invalid']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Imported: 紐付け.csv');
    expect(done.stdout).toMatch(/linked\s+2/);
    const again = await runCli(['import', 'demand-links', links, '--skip-invalid']);
    expect(again.stdout).toMatch(/already linked\s+2/);
    const check = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const rows = rowsOf<{ source: string; n: number }>(
        await check.db.execute(
          sql`select source, count(*)::int as n from demand_link_events group by source`,
        ),
      );
      expect(rows).toEqual([{ source: 'import', n: 2 }]);
    } finally {
      await check.close();
    }
  });

  it('explains an unreadable file and an unknown saved mapping', async () => {
    const missing = await runCli(['import', 'workplaces', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const mapping = await runCli([
      'import',
      'workplaces',
      await file('w.csv', '職場名\n本社'),
      '--mapping',
      '無い様式',
    ]);
    expect(mapping.code).toBe(1);
    expect(mapping.stderr).toContain('Import mapping not found');
    expect(mapping.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('progressPrinter', () => {
  it('redraws one bar on a terminal and ends the line', () => {
    let out = '';
    const write = (s: string) => {
      out += s;
      return true;
    };
    const stream = { isTTY: true, write } as unknown as NodeJS.WriteStream;
    const p = progressPrinter(stream);
    p.update({ phase: 'validating', done: 50, total: 100 });
    p.update({ phase: 'writing', done: 100, total: 100 });
    p.end();
    expect(out.startsWith('\rChecking rows')).toBe(true);
    expect(out).toContain(' 50% 50/100 rows');
    expect(out).toContain('100% 100/100 rows');
    expect(out.endsWith('\n')).toBe(true);
    expect(out.split('\n')).toHaveLength(2);
  });
});
