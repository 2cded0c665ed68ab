import type { Db } from '../db/client';
import type { Mailer } from '../services/mail/mailer';
import { runDigests } from '../services/reminders/run-digests';
import { errorFields, type Log } from './logger';
import type { SchedulerOptions, Timer } from './workflow-scheduler';

/** How often the digest runner looks for due digests and retries. */
export const DIGEST_TICK_MS = 60_000;

const defaultTimer = (run: () => void, delayMs: number): Timer => {
  const handle = setTimeout(run, delayMs);
  handle.unref();
  return { cancel: () => clearTimeout(handle) };
};

/** One run: logs the counts (never who got what), never throws. */
export async function runDigestsAndLog(db: Db, mailer: Mailer, baseUrl: string, log: Log, now: Date) {
  try {
    const result = await runDigests({ db, mailer, baseUrl, now });
    if (result.sent || result.failed)
      log('info', `E-mail digests: sent ${result.sent}, failed ${result.failed}, empty ${result.empty}`);
    return result;
  } catch (err) {
    log('error', 'E-mail digests failed', { error: errorFields(err) });
    return undefined;
  }
}

/**
 * Every minute, sends the digests whose time has come and retries failed ones. Safe
 * with several servers: the period's row in digest_sends decides who sends. stop()
 * cancels the timer and waits for a run in progress.
 */
export function scheduleDigests(
  db: Db,
  mailer: Mailer,
  baseUrl: string,
  log: Log,
  options: SchedulerOptions & { tickMs?: number } = {},
) {
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimer ?? defaultTimer;
  const tickMs = options.tickMs ?? DIGEST_TICK_MS;
  let timer: Timer | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const scheduleNext = () => {
    if (stopped) return;
    timer = setTimer(() => {
      running = runDigestsAndLog(db, mailer, baseUrl, log, now()).then(scheduleNext);
    }, tickMs);
  };
  scheduleNext();
  return {
    stop: async () => {
      stopped = true;
      timer?.cancel();
      await running.catch(() => {});
    },
  };
}
