import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../test/db';
import { memberCases, members, settings } from '../db/schema';
import { scheduleDailySweep, sweepAndLog } from './workflow-scheduler';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(async () => {
  await database?.close();
});

/** A fake timer: records each scheduled delay; `fire()` runs the pending one. */
function fakeTimers() {
  const pending: { run: () => void; delayMs: number; cancelled: boolean }[] = [];
  return {
    pending,
    setTimer: (run: () => void, delayMs: number) => {
      const entry = { run, delayMs, cancelled: false };
      pending.push(entry);
      return { cancel: () => (entry.cancelled = true) };
    },
    fire: () => pending.at(-1)!.run(),
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('the workflow scheduler', () => {
  it('runs at 00:05 organization time each next day, recomputing the delay from the settings zone', async () => {
    const db = database.db;
    const [m] = await db.insert(members).values({ name: '予定 太郎' }).returning();
    await db
      .insert(memberCases)
      .values({ memberId: m!.id, title: '相談', openedOn: '2026-03-01', dueOn: '2026-04-01' });
    const logged: string[] = [];
    let now = new Date('2026-03-31T15:30:00Z'); // 2026-04-01 00:30 in Tokyo
    const timers = fakeTimers();
    const scheduler = scheduleDailySweep(db, (level, message) => logged.push(`${level}: ${message}`), {
      now: () => now,
      setTimer: timers.setTimer,
    });
    await until(() => timers.pending.length === 1);
    // Next 00:05 in Tokyo: 2026-04-02 00:05 JST = 2026-04-01T15:05Z, 23 h 35 min away.
    expect(timers.pending[0]!.delayMs).toBe((23 * 60 + 35) * 60_000);

    // The admin moved the organization to Los Angeles meanwhile: there it is 08:05 on April 1.
    now = new Date('2026-04-01T15:05:00Z');
    await db.update(settings).set({ timezone: 'America/Los_Angeles' });
    timers.fire();
    await until(() => timers.pending.length === 2);
    expect(logged).toContain(
      'info: Workflow rules as of 2026-04-01: created 1 task(s) (case_due_follow_up 1, tenure_milestone 0, workplace_gathering 0, shunto_survey 0)',
    );
    // The next run is 00:05 on April 2 in Los Angeles (07:05Z, daylight time).
    expect(timers.pending[1]!.delayMs).toBe(new Date('2026-04-02T07:05:00Z').getTime() - now.getTime());

    await scheduler.stop();
    expect(timers.pending[1]!.cancelled).toBe(true);
    await db.update(settings).set({ timezone: 'Asia/Tokyo' });
  });

  it('logs a failing sweep as an error, does not throw, and still schedules the next day', async () => {
    const db = database.db;
    const logged: string[] = [];
    const log = (level: string, message: string, extra?: Record<string, unknown>) =>
      logged.push(`${level}: ${message} ${JSON.stringify(extra ?? {})}`);
    await db.delete(settings);
    try {
      expect(await sweepAndLog(db, log, new Date())).toBeUndefined();
      // The error's class and where it was thrown; never its message (a query's holds values).
      expect(logged.at(-1)).toMatch(
        /^error: Workflow rules failed \{"error":\{"class":"Error","stack":\["at .*settings\.ts/,
      );
      expect(logged.at(-1)).not.toContain('settings row is missing');

      const timers = fakeTimers();
      const scheduler = scheduleDailySweep(db, log, {
        now: () => new Date('2026-03-31T15:30:00Z'),
        setTimer: timers.setTimer,
      });
      await until(() => timers.pending.length === 1);
      timers.fire();
      await until(() => timers.pending.length === 2);
      expect(logged.filter((l) => l.startsWith('error: Workflow rules failed'))).toHaveLength(2);
      await scheduler.stop();
    } finally {
      await db.insert(settings).values({ id: 1 }).onConflictDoNothing();
    }
  });
});
