import { nextDailyRunAt } from '../core/workflows/calendar';
import type { Db } from '../db/client';
import { findSettings } from '../db/queries/settings';
import { prepareEarlyWarnings } from '../services/dashboards/prepare-early-warnings';
import { takeMonthlySnapshots } from '../services/dashboards/take-monthly-snapshots';
import { purgeSyncReceipts } from '../services/sync/purge-sync-receipts';
import { runWorkflowRules } from '../services/workflows/run-workflow-rules';
import { errorFields, type Log } from './logger';

/** The daily sweep runs at this wall-clock time in the organization's zone: just after midnight. */
export const DAILY_SWEEP_AT = { hour: 0, minute: 5 } as const;

export type Timer = { cancel: () => void };
export type SchedulerOptions = {
  now?: () => Date;
  /** setTimeout with unref() by default; tests pass a fake to fire runs by hand. */
  setTimer?: (run: () => void, delayMs: number) => Timer;
};

const defaultTimer = (run: () => void, delayMs: number): Timer => {
  const handle = setTimeout(run, delayMs);
  // A pending sweep must not keep the process alive after the server closed.
  handle.unref();
  return { cancel: () => clearTimeout(handle) };
};

/** Runs the date rules once and logs the outcome; a failure is logged, never thrown. */
export async function sweepAndLog(
  db: Db,
  log: Log,
  now: Date,
  options: { oncePerDay?: boolean } = {},
): Promise<number | undefined> {
  try {
    const result = await runWorkflowRules({ db, now }, {}, options);
    if ('skipped' in result) {
      // Another server process on this database ran today's sweep (and its snapshots).
      log('info', `Workflow rules as of ${result.asOf}: already run by another server process`);
      return 0;
    }
    const perRule = Object.entries(result.counts)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ');
    log('info', `Workflow rules as of ${result.asOf}: created ${result.created.length} task(s) (${perRule})`);
    await snapshotAndLog(db, log, now);
    await purgeReceiptsAndLog(db, log, now);
    await prepareEarlyWarningsAndLog(db, log, now);
    return result.created.length;
  } catch (err) {
    // Class, code and frames only: a failed query's message holds its parameters (names).
    log('error', 'Workflow rules failed', { error: errorFields(err) });
    return undefined;
  }
}

/**
 * The month-end snapshots (SPEC §5 trends) ride on the daily sweep: the last
 * day of a month is written, past months are finalized or backfilled. A
 * failure is logged on its own and does not undo the rules' tasks.
 */
async function snapshotAndLog(db: Db, log: Log, now: Date) {
  try {
    const { asOf, written } = await takeMonthlySnapshots({ db, now });
    if (written.length) log('info', `Monthly snapshots as of ${asOf}: wrote ${written.join(', ')}`);
  } catch (err) {
    log('error', 'Monthly snapshots failed', { error: errorFields(err) });
  }
}

/** Old offline-sync receipts (issue 19) go with the daily sweep; a failure is logged on its own. */
async function purgeReceiptsAndLog(db: Db, log: Log, now: Date) {
  try {
    const purged = await purgeSyncReceipts({ db, now });
    if (purged) log('info', `Sync receipts: purged ${purged}`);
  } catch (err) {
    log('error', 'Sync receipt purge failed', { error: errorFields(err) });
  }
}

/** The day's early warnings (issue 20) are built after the sweep; a failure is logged on its own. */
async function prepareEarlyWarningsAndLog(db: Db, log: Log, now: Date) {
  try {
    await prepareEarlyWarnings({ db, now });
  } catch (err) {
    log('error', 'Early warnings failed', { error: errorFields(err) });
  }
}

/**
 * Schedules the sweep at 00:05 of each next day in the organization's time
 * zone. The delay is computed anew before every run from the settings (the
 * admin may change the zone; DST shifts the offset). stop() cancels the timer
 * and waits for a sweep in progress, so the database can then be closed.
 */
export function scheduleDailySweep(db: Db, log: Log, options: SchedulerOptions = {}) {
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimer ?? defaultTimer;
  let timer: Timer | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const scheduleNext = async () => {
    let timeZone = 'Asia/Tokyo';
    try {
      timeZone = (await findSettings(db)).timezone;
    } catch (err) {
      log(
        'error',
        `Workflow scheduler could not read the settings: ${(err as Error)?.message ?? String(err)}`,
      );
    }
    if (stopped) return;
    const current = now();
    const at = nextDailyRunAt(timeZone, current, DAILY_SWEEP_AT.hour, DAILY_SWEEP_AT.minute);
    timer = setTimer(() => {
      // Once per day across every server process on the database (kumiai_job_runs).
      running = sweepAndLog(db, log, now(), { oncePerDay: true }).then(() =>
        stopped ? undefined : scheduleNext(),
      );
    }, at.getTime() - current.getTime());
  };
  running = scheduleNext();

  return {
    stop: async () => {
      stopped = true;
      timer?.cancel();
      await running.catch(() => {});
    },
  };
}
