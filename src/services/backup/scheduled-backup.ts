import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { desc, sql } from 'drizzle-orm';
import { todayIn } from '../../core/common/dates';
import { type Database, type DbOrTx, openDatabase } from '../../db/client';
import { migrate } from '../../db/migrate';
import { rowsOf } from '../../db/queries/records';
import { findSettings } from '../../db/queries/settings';
import { backupRuns } from '../../db/schema';
import { createBackup } from './create-backup';
import { BackupError } from './format';
import { restoreBackup } from './restore-backup';

// Scheduled verified backups (issue 20). PGlite does not fsync: after a crash of the machine
// its data directory may be damaged, so the embedded default keeps a daily backup file,
// proven restorable when it is made. On PostgreSQL the operator's pg_dump (or a standby) is
// the tool; the same schedule runs there only when KUMIAI_BACKUP_DIR is set.

export type BackupSchedule = { dir: string; keepDays: number; hour: number };

export type BackupRun = {
  slot: string;
  startedAt: Date;
  finishedAt: Date | null;
  file: string | null;
  bytes: number | null;
  rows: number | null;
  verified: boolean;
  error: string | null;
};

/** A scheduled backup's file name: `kumiai-2026-12-07T030000Z.kumiai.gz` (UTC, sorts by time). */
const FILE_PATTERN = /^kumiai-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})Z\.kumiai\.gz$/;
export const backupFileName = (at: Date) =>
  `kumiai-${at.toISOString().slice(0, 19).replaceAll(':', '')}Z.kumiai.gz`;

function fileTime(name: string): Date | undefined {
  const m = FILE_PATTERN.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

/** A claim older than this whose run never finished (the process died) may be taken again. */
export const STALE_CLAIM_MS = 60 * 60 * 1000;

/** The hour of the day at `now` in `timeZone` (0–23). */
function hourIn(timeZone: string, now: Date): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now);
  return Number(hour);
}

/**
 * Restores `file` into a scratch in-memory PGlite (migrated to this version's schema): the
 * restore itself checks every table's row count and checksum against the file's header, in
 * one transaction; the counts must also equal `expected` (what the backup counted in the
 * database). Throws a BackupError naming what is wrong.
 */
export async function verifyBackup(file: string, expected?: readonly { name: string; rows: number }[]) {
  const scratch = await openDatabase({ kind: 'pglite', dataDir: undefined });
  try {
    await migrate(scratch);
    const restored = await restoreBackup(scratch, file);
    if (expected) {
      const got = new Map(restored.tables.map((t) => [t.name, t.rows]));
      const wrong = expected.filter((t) => got.get(t.name) !== t.rows);
      if (wrong.length)
        throw new BackupError(
          `The backup does not hold what the database did: ${wrong.map((t) => `${t.name} ${got.get(t.name) ?? 0}/${t.rows}`).join(', ')}.`,
        );
    }
    // What a restore gives back answers queries: the main tables read.
    const [counts] = rowsOf<{ members: string; users: string }>(
      await scratch.db.execute(
        sql`select (select count(*) from members)::text as members, (select count(*) from users)::text as users`,
      ),
    );
    return { members: Number(counts?.members), users: Number(counts?.users) };
  } finally {
    await scratch.close();
  }
}

/** Removes scheduled backup files older than `keepDays` days (other files in the directory are left alone). */
export async function pruneBackups(dir: string, keepDays: number, now: Date): Promise<string[]> {
  const cutoff = now.getTime() - keepDays * 24 * 60 * 60 * 1000;
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    const at = fileTime(name);
    if (at && at.getTime() < cutoff) {
      await rm(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed.sort();
}

/** Takes the day's slot: true when this process is to make the day's backup. */
async function claim(db: DbOrTx, slot: string, now: Date): Promise<boolean> {
  const stale = new Date(now.getTime() - STALE_CLAIM_MS);
  const rows = rowsOf<{ slot: string }>(
    await db.execute(sql`
      insert into backup_runs (slot, started_at) values (${slot}, ${now.toISOString()}::timestamptz)
      on conflict (slot) do update set started_at = excluded.started_at, finished_at = null, file = null,
        bytes = null, rows = null, verified = false, error = null
        where backup_runs.finished_at is null and backup_runs.started_at < ${stale.toISOString()}::timestamptz
      returning slot`),
  );
  return rows.length > 0;
}

/** The message recorded for a failed run: a BackupError's own (files, tables), else the error's class and code only. */
function failureText(err: unknown): string {
  if (err instanceof BackupError) return err.message.slice(0, 1000);
  const e = err as { name?: string; code?: unknown; cause?: { code?: unknown } };
  const code = e?.cause?.code ?? e?.code;
  return `${e?.name ?? 'Error'}${typeof code === 'string' ? ` (${code})` : ''}`;
}

export type ScheduledResult =
  | { ran: false; reason: 'not_due' | 'done_today' }
  | { ran: true; run: BackupRun; pruned: string[] };

/**
 * The daily backup, when due: from `schedule.hour` in the organization's zone, once per day
 * (the day's row in backup_runs is the once-key, shared by every server on the database).
 * Writes the file, verifies it by restoring it into a scratch database, then removes files
 * older than `keepDays` (only after a verified backup, so a run of failures never leaves
 * nothing). A file that fails verification is renamed `….failed` and the error recorded.
 */
export async function runScheduledBackup(
  database: Database,
  schedule: BackupSchedule,
  now: Date,
  options: { verify?: typeof verifyBackup } = {},
): Promise<ScheduledResult> {
  const verify = options.verify ?? verifyBackup;
  const { timezone } = await findSettings(database.db);
  if (hourIn(timezone, now) < schedule.hour) return { ran: false, reason: 'not_due' };
  const slot = todayIn(timezone, now);
  if (!(await claim(database.db, slot, now))) return { ran: false, reason: 'done_today' };

  const file = join(schedule.dir, backupFileName(now));
  let result: Omit<BackupRun, 'slot' | 'startedAt' | 'finishedAt'>;
  let pruned: string[] = [];
  try {
    await mkdir(schedule.dir, { recursive: true, mode: 0o700 });
    const summary = await createBackup(database, file, { now });
    const rows = summary.tables.reduce((n, t) => n + t.rows, 0);
    try {
      await verify(file, summary.tables);
    } catch (err) {
      await rename(file, `${file}.failed`).catch(() => {});
      result = {
        file: `${basename(file)}.failed`,
        bytes: summary.bytes,
        rows,
        verified: false,
        error: failureText(err),
      };
      return { ran: true, run: await record(slot, now, result), pruned };
    }
    pruned = await pruneBackups(schedule.dir, schedule.keepDays, now);
    result = { file: basename(file), bytes: summary.bytes, rows, verified: true, error: null };
  } catch (err) {
    result = { file: null, bytes: null, rows: null, verified: false, error: failureText(err) };
  }
  return { ran: true, run: await record(slot, now, result), pruned };

  async function record(slotKey: string, startedAt: Date, values: typeof result): Promise<BackupRun> {
    const finishedAt = new Date();
    await database.db.execute(sql`
      update backup_runs set finished_at = ${finishedAt.toISOString()}::timestamptz, file = ${values.file},
        bytes = ${values.bytes}, rows = ${values.rows}, verified = ${values.verified}, error = ${values.error}
      where slot = ${slotKey}`);
    return { slot: slotKey, startedAt, finishedAt, ...values };
  }
}

/** The newest scheduled backup run (finished or in progress), or null. */
export async function findLastBackupRun(db: DbOrTx): Promise<BackupRun | null> {
  const [row] = await db.select().from(backupRuns).orderBy(desc(backupRuns.startedAt)).limit(1);
  return row ?? null;
}

/** What the settings show of a run (its slot is internal). */
export function presentBackupRun(run: BackupRun | null) {
  if (!run) return null;
  const { slot: _slot, ...shown } = run;
  return shown;
}
