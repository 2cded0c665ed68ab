import type { Db } from '../db/client';
import { syncMatchIndex } from '../services/matching/sync-match-index';
import { errorFields, type Log } from './logger';

// Keeps the concern-matching index current in the background (issue 16): every few seconds the
// queue the triggers fill is worked off, so suggestions are ready before anyone asks (a read
// also catches up, within a short budget). One run at a time; stop() waits for the one running.

export type MatchingWorkerOptions = {
  intervalMs?: number;
  /** How long one run may go on before it yields to the next tick. */
  budgetMs?: number;
  /** setInterval with unref() by default; tests drive runs by hand. */
  setTimer?: (run: () => void, intervalMs: number) => { cancel: () => void };
};

const defaultTimer = (run: () => void, intervalMs: number) => {
  const handle = setInterval(run, intervalMs);
  handle.unref();
  return { cancel: () => clearInterval(handle) };
};

export function startMatchingWorker(db: Db, log: Log, options: MatchingWorkerOptions = {}) {
  let running: Promise<void> | null = null;
  let stopped = false;
  const runOnce = () => {
    if (running || stopped) return running ?? Promise.resolve();
    running = syncMatchIndex(db, { budgetMs: options.budgetMs ?? 20_000, batchSize: 500 })
      .then(({ processed, pending }) => {
        if (processed > 0) log('info', `Matching index: ${processed} change(s) matched, ${pending} pending`);
      })
      .catch((err: unknown) => {
        // Class, code and frames only: a failed query's message may hold members' words.
        log('error', 'Matching index update failed', { error: errorFields(err) });
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = (options.setTimer ?? defaultTimer)(() => void runOnce(), options.intervalMs ?? 5_000);
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      timer.cancel();
      await running;
    },
  };
}
