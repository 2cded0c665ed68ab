import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../test/db';
import { rowsOf } from '../db/queries/records';
import { memberCases, members } from '../db/schema';
import { sweepAndLog } from './workflow-scheduler';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(async () => {
  await database?.close();
});

/**
 * Every server process's timer fires the daily sweep at 00:05 (issue 20): the first to claim the
 * day in kumiai_job_runs (migration 0028, in the sweep's own transaction) runs it, the others skip.
 */
describe('the scheduled sweep, once per day across processes', () => {
  it('runs for the first claimant of the day, skips for the others, runs again the next day', async () => {
    const db = database.db;
    const [m] = await db.insert(members).values({ name: '一回 太郎' }).returning();
    await db
      .insert(memberCases)
      .values({ memberId: m!.id, title: '相談', openedOn: '2026-05-01', dueOn: '2026-05-20' });
    const logged: string[] = [];
    const log = (_level: string, message: string) => void logged.push(message);
    // Two "processes" at 00:05 Tokyo on 2026-05-20 (15:05 UTC the day before).
    const at = new Date('2026-05-19T15:05:00Z');
    const [first, second] = await Promise.all([
      sweepAndLog(db, log, at, { oncePerDay: true }),
      sweepAndLog(db, log, at, { oncePerDay: true }),
    ]);
    expect([first, second].sort()).toEqual([0, 1]);
    expect(logged.filter((l) => l.includes('already run by another server process'))).toHaveLength(1);
    const runs = rowsOf<{ period: string }>(
      await db.execute(sql`select period from kumiai_job_runs where job = 'daily_sweep'`),
    );
    expect(runs.map((r) => r.period)).toEqual(['2026-05-20']);
    // The sweep also built the day's early warnings (the end of 90 days back in Tokyo).
    const [state] = rowsOf<{ baseline: string }>(
      await db.execute(sql`select to_char(baseline at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as baseline
                             from kumiai_early_warning_state`),
    );
    expect(state!.baseline).toBe('2026-02-19T15:00');
    // The next day is claimed anew; a sweep started by hand (or at start-up) claims nothing.
    expect(await sweepAndLog(db, log, new Date('2026-05-20T15:05:00Z'), { oncePerDay: true })).toBe(0);
    expect(await sweepAndLog(db, log, at)).toBe(0);
    const after = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from kumiai_job_runs`),
    );
    expect(after[0]!.n).toBe(2);
  });
});
