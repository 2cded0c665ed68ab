import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../test/db';
import { rowsOf } from '../db/queries/records';
import { demands, members } from '../db/schema';
import type { Log } from './logger';
import { startMatchingWorker } from './matching-worker';

// The background worker keeps the matching index current between reads, logs what it did
// without anyone's words, and stops cleanly (graceful shutdown waits for a run in progress).

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

function manualTimer() {
  const timer = { fire: () => {}, cancelled: false };
  return {
    timer,
    setTimer: (run: () => void) => {
      timer.fire = run;
      return { cancel: () => (timer.cancelled = true) };
    },
  };
}

describe('the matching worker', () => {
  it('matches what changed on each tick, and logs counts only', async () => {
    const lines: { level: string; message: string; fields?: unknown }[] = [];
    const log: Log = (level, message, fields) => lines.push({ level, message, fields });
    const { timer, setTimer } = manualTimer();
    const worker = startMatchingWorker(db.db, log, { setTimer });
    await db.db.insert(demands).values({ title: '年次有給休暇の取得促進' });
    await db.db.insert(members).values({ name: '有休 太郎', concerns: '有休が全然取れないので困っている' });
    timer.fire();
    await worker.runOnce();
    const scores = rowsOf<{ n: number }>(
      await db.db.execute(sql`select count(*)::int as n from match_scores`),
    );
    expect(scores[0]!.n).toBe(1);
    expect(lines.some((l) => /^Matching index: \d+ change\(s\) matched, 0 pending$/.test(l.message))).toBe(
      true,
    );
    expect(JSON.stringify(lines)).not.toContain('有休');
    await worker.stop();
    expect(timer.cancelled).toBe(true);
  });

  it('a failed run is logged without its message and does not stop the next', async () => {
    const lines: { level: string; message: string; fields?: unknown }[] = [];
    const log: Log = (level, message, fields) => lines.push({ level, message, fields });
    const broken = await createTestDb();
    await broken.close();
    const worker = startMatchingWorker(broken.db, log, { setTimer: manualTimer().setTimer });
    await worker.runOnce();
    await worker.runOnce();
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors.map((l) => l.message)).toEqual([
      'Matching index update failed',
      'Matching index update failed',
    ]);
    await worker.stop();
  });
});
