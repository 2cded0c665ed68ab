import type { Database } from '../db/client';
import { type BackupSchedule, runScheduledBackup } from '../services/backup/scheduled-backup';
import { errorFields, type Log } from './logger';
import type { SchedulerOptions, Timer } from './workflow-scheduler';

/** How often the server looks whether the day's backup is due (it runs once a day, from the configured hour). */
export const BACKUP_TICK_MS = 10 * 60_000;
/** The first look, after the start (migrations, sweep and the matching worker's first run go first). */
export const BACKUP_FIRST_TICK_MS = 60_000;

const defaultTimer = (run: () => void, delayMs: number): Timer => {
  const handle = setTimeout(run, delayMs);
  handle.unref();
  return { cancel: () => clearTimeout(handle) };
};

/** One look: makes the day's backup when due, logs the outcome (file, size, verified), never throws. */
export async function backupAndLog(database: Database, schedule: BackupSchedule, log: Log, now: Date) {
  try {
    const result = await runScheduledBackup(database, schedule, now);
    if (!result.ran) return result;
    const { run } = result;
    if (run.verified) {
      log(
        'info',
        `Scheduled backup ${run.file} (${run.bytes} bytes, ${run.rows} rows) written and verified; removed ${result.pruned.length} older than ${schedule.keepDays} days`,
      );
    } else {
      log('error', `Scheduled backup failed: ${run.error}`);
    }
    return result;
  } catch (err) {
    log('error', 'Scheduled backup failed', { error: errorFields(err) });
    return undefined;
  }
}

/**
 * Every ten minutes, makes the day's backup if it is due (see runScheduledBackup): a server
 * that was down at the hour makes it when it is back. stop() cancels the timer and waits for
 * a run in progress.
 */
export function scheduleBackups(
  database: Database,
  schedule: BackupSchedule,
  log: Log,
  options: SchedulerOptions & { tickMs?: number; firstTickMs?: number } = {},
) {
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimer ?? defaultTimer;
  let timer: Timer | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const scheduleNext = (delayMs: number) => {
    if (stopped) return;
    timer = setTimer(() => {
      running = backupAndLog(database, schedule, log, now()).then(() =>
        scheduleNext(options.tickMs ?? BACKUP_TICK_MS),
      );
    }, delayMs);
  };
  scheduleNext(options.firstTickMs ?? BACKUP_FIRST_TICK_MS);
  return {
    stop: async () => {
      stopped = true;
      timer?.cancel();
      await running.catch(() => {});
    },
  };
}
