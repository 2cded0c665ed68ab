import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as runCliIn } from '../../test/cli';
import { openDatabase } from '../db/client';
import { memberCases, members } from '../db/schema';

// `npm run kumiai -- workflows run` as a real child process on a PGlite data directory.

let dir = '';

const runCli = (args: string[]) => runCliIn(dir, args);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kumiai-workflows-'));
  const migrated = await runCli(['migrate']);
  if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    const [m] = await database.db
      .insert(members)
      .values({ name: 'CLI 太郎', joinedOn: '2016-05-20' })
      .returning();
    await database.db
      .insert(memberCases)
      .values({ memberId: m!.id, title: '相談', openedOn: '2026-03-01', dueOn: '2026-04-01' });
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('workflows run', { timeout: 120_000 }, () => {
  it('runs the date rules as of a day, prints the tasks per rule, and creates nothing the second time', async () => {
    const first = await runCli(['workflows', 'run', '--as-of', '2026-04-01']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Workflow rules as of 2026-04-01: created 2 task(s)');
    expect(first.stdout).toMatch(/case_due_follow_up\s+相談のフォロー中案件の対応期日が来たとき\s+1/);
    expect(first.stdout).toMatch(/tenure_milestone\s+\S+\s+1/);
    expect(first.stdout).toMatch(/shunto_survey\s+春闘の2ヶ月前\s+0/);

    const again = await runCli(['workflows', 'run', '--as-of', '2026-04-01']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('created 0 task(s)');
  });

  it('rejects a date that does not exist', async () => {
    const res = await runCli(['workflows', 'run', '--as-of', '2026-02-30']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('must be a real calendar date');
  });
});
