import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run kumiai -- backup / restore` as real child processes on PGlite data
// directories (the service tests cover both engines and the failure cases).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'src/cli/main.ts');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kumiai-cli-backup-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runCli(args: string[], dataDir: string) {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(KUMIAI_|DATABASE_|TEST_DATABASE_URL$)/.test(key)) continue;
    env[key] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...env, KUMIAI_DATA_DIR: dataDir, KUMIAI_LOG_LEVEL: 'warn' },
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
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const headerOf = async (file: string) =>
  JSON.parse(
    gunzipSync(await readFile(file))
      .toString('utf8')
      .split('\n', 1)[0]!,
  );

describe('npm run kumiai -- backup / restore', () => {
  it('backs up a union and restores it into a new data directory (the same counts); refuses a second restore', async () => {
    const source = join(dir, 'source');
    const target = join(dir, 'target');
    const file = join(dir, 'union.kumiai.gz');

    const seeded = await runCli(['seed-demo', '--seed', '3'], source);
    expect(seeded.code, seeded.stderr).toBe(0);
    const backup = await runCli(['backup', file], source);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up \d+ tables \(\d+ rows\) to .*union\.kumiai\.gz/);
    expect(backup.stdout).toContain('password hashes');

    const restore = await runCli(['restore', file], target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/Restored \d+ tables .*counts and checksums verified/);

    const again = await runCli(['restore', file], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^Error: The database is not empty/);
    expect(again.stderr).not.toMatch(/\n\s+at /); // no stack trace

    // Both print the same table of row counts, which are the header's.
    const counts = backup.stdout.split('\n').filter((l) => /^[a-z_]+ +\d+$/.test(l));
    expect(counts.length).toBeGreaterThan(15);
    expect(restore.stdout.split('\n').filter((l) => /^[a-z_]+ +\d+$/.test(l))).toEqual(counts);
    const header = await headerOf(file);
    for (const line of counts) {
      const [name, rows] = line.split(/ +/);
      expect(header.tables[name!].rows).toBe(Number(rows));
    }
  }, 180_000);
});
