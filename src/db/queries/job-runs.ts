import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { rowsOf } from './records';

/**
 * Claims `job` for `period` (migration 0028): true for the first caller, false once a committed
 * transaction (or the caller's own) claimed it. Called inside the job's transaction, so a job
 * that fails rolls its claim back and a later attempt runs it.
 */
export async function claimJobRun(tx: DbOrTx, job: string, period: string): Promise<boolean> {
  const rows = rowsOf<{ job: string }>(
    await tx.execute(
      sql`insert into kumiai_job_runs (job, period) values (${job}, ${period}) on conflict do nothing returning job`,
    ),
  );
  return rows.length > 0;
}
