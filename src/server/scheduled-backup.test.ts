import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../test/db';
import { createBackup } from '../services/backup/create-backup';
import { BackupError } from '../services/backup/format';
import {
  backupFileName,
  findLastBackupRun,
  pruneBackups,
  runScheduledBackup,
  verifyBackup,
} from '../services/backup/scheduled-backup';
import { createUser } from '../services/users/create-user';
import { scheduleBackups } from './backup-scheduler';

let database: TestDatabase;
let dir: string;
const logged: string[] = [];
const log = (_level: string, message: string) => void logged.push(message);

beforeAll(async () => {
  database = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'kumiai-scheduled-backup-'));
  await createUser(database.db, {
    email: 'backup-admin@example.org',
    displayName: 'Admin',
    role: 'admin',
    password: 'a long enough password',
    workplaceIds: [],
  });
}, 60_000);

afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

// 04:00 in Asia/Tokyo (the settings' default zone) on 2026-12-07 is 19:00 UTC the day before.
const at = (iso: string) => new Date(iso);

describe('scheduled backups', () => {
  it('fire from the configured hour once a day: the file is written, verified and recorded', async () => {
    const fired: (() => void)[] = [];
    let now = at('2026-12-06T17:30:00Z'); // 02:30 in Tokyo: before the hour
    const scheduler = scheduleBackups(database, { dir, keepDays: 3, hour: 3 }, log, {
      now: () => now,
      setTimer: (run) => {
        fired.push(run);
        return { cancel: () => {} };
      },
    });
    const tick = async () => {
      const run = fired.shift();
      expect(run).toBeDefined();
      run!();
      // The run is awaited by stop(); the next tick is armed when it ends.
      for (let i = 0; i < 200 && !fired.length; i++) await new Promise((r) => setTimeout(r, 25));
    };
    await tick();
    expect(await findLastBackupRun(database.db)).toBeNull();

    now = at('2026-12-06T19:00:00Z'); // 04:00 in Tokyo
    await tick();
    const run = await findLastBackupRun(database.db);
    expect(run).toMatchObject({ slot: '2026-12-07', verified: true, error: null, file: backupFileName(now) });
    expect(run!.bytes).toBeGreaterThan(0);
    expect(run!.rows).toBeGreaterThan(0);
    expect(existsSync(join(dir, run!.file!))).toBe(true);
    expect(logged.some((m) => m.includes('written and verified'))).toBe(true);

    // Later the same day: nothing new.
    now = at('2026-12-07T02:00:00Z');
    await tick();
    expect((await readdir(dir)).filter((f) => f.endsWith('.kumiai.gz'))).toHaveLength(1);
    await scheduler.stop();
  }, 120_000);

  it('report a backup that fails verification (a corrupt file), keeping the older files', async () => {
    const now = at('2026-12-07T19:00:00Z'); // 04:00 on the 8th in Tokyo
    const before = (await readdir(dir)).sort();
    const result = await runScheduledBackup(database, { dir, keepDays: 3, hour: 3 }, now, {
      verify: async (file, expected) => {
        // A byte of a row changed: the restore's checksum check must catch it.
        const text = gunzipSync(await readFile(file)).toString('utf8');
        await writeFile(file, gzipSync(text.replace('backup-admin@example.org', 'backup-admin@example.orh')));
        return verifyBackup(file, expected);
      },
    });
    expect(result.ran).toBe(true);
    if (!result.ran) return;
    expect(result.run.verified).toBe(false);
    expect(result.run.error).toMatch(/The backup is damaged: the checksums of .*audit_log.* do not match/);
    expect(result.run.file).toBe(`${backupFileName(now)}.failed`);
    expect(result.pruned).toEqual([]);
    expect(await findLastBackupRun(database.db)).toMatchObject({ slot: '2026-12-08', verified: false });
    const after = (await readdir(dir)).sort();
    expect(after).toEqual([...before, `${backupFileName(now)}.failed`].sort());
  }, 120_000);

  it('verification refuses a cut-off file', async () => {
    const file = join(dir, 'manual.kumiai.gz');
    await createBackup(database, file, { now: new Date() });
    const text = gunzipSync(await readFile(file)).toString('utf8');
    await writeFile(file, gzipSync(text.slice(0, Math.floor(text.length / 2))));
    await expect(verifyBackup(file)).rejects.toThrow(BackupError);
    await rm(file);
  }, 120_000);

  it('pruning keeps the last N days and leaves other files alone', async () => {
    const pruneDir = await mkdtemp(join(tmpdir(), 'kumiai-prune-'));
    const now = at('2026-12-10T18:00:00Z');
    const names = [1, 2, 3, 4, 5, 8].map((days) =>
      backupFileName(new Date(now.getTime() - days * 24 * 60 * 60 * 1000 + 60_000)),
    );
    for (const name of [...names, 'notes.txt', 'kumiai-manual.kumiai.gz'])
      await writeFile(join(pruneDir, name), 'x');
    const removed = await pruneBackups(pruneDir, 3, now);
    expect(removed).toEqual(names.slice(3).sort());
    expect((await readdir(pruneDir)).sort()).toEqual(
      [...names.slice(0, 3), 'notes.txt', 'kumiai-manual.kumiai.gz'].sort(),
    );
    await rm(pruneDir, { recursive: true, force: true });
  });

  it('a verified run prunes files older than keepDays', async () => {
    const now = at('2026-12-12T19:00:00Z'); // the 13th in Tokyo; the 7th's file is older than 3 days
    const result = await runScheduledBackup(database, { dir, keepDays: 3, hour: 3 }, now);
    expect(result.ran && result.run.verified).toBe(true);
    if (!result.ran) return;
    expect(result.pruned).toEqual([backupFileName(at('2026-12-06T19:00:00Z'))]);
  }, 120_000);
});
