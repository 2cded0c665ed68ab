import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as runCliIn } from '../../test/cli';
import { openDatabase } from '../db/client';
import { demands, members } from '../db/schema';

// `npm run kumiai -- matching status | rebuild` as a real child process on a PGlite data directory.

let dir = '';

const runCli = (args: string[]) => runCliIn(dir, args);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kumiai-matching-'));
  const migrated = await runCli(['migrate']);
  if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    await database.db.insert(demands).values({ title: '年次有給休暇の取得促進' });
    await database.db.insert(members).values([
      { name: '有休 太郎', concerns: '有休が全然取れない' },
      { name: '年休 花子', concerns: '年休を取らせてもらえない' },
    ]);
  } finally {
    await database.close();
  }
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('matching (CLI)', () => {
  it('status shows the queue before anything is matched; rebuild matches every text, then status shows it', async () => {
    const before = await runCli(['matching', 'status']);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/texts/);
    const rebuilt = await runCli(['matching', 'rebuild']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/^Rebuilt in [\d.]+ s: 2 text\(s\), 1 demand\(s\), 2 scored pair\(s\)$/m);
    const after = await runCli(['matching', 'status']);
    expect(after.stdout.split('\n').some((line) => /^\s*2\s+0\s+1\s+2\s+0\b/.test(line))).toBe(true);
    // Nothing members wrote reaches the terminal.
    expect(`${rebuilt.stdout}${rebuilt.stderr}${after.stdout}`).not.toMatch(/有休|年休を/);
  }, 120_000);
});
