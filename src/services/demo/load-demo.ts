import type { Db } from '../../db/client';
import { takeMonthlySnapshots } from '../dashboards/take-monthly-snapshots';
import { runWorkflowRules } from '../workflows/run-workflow-rules';
import { type SeedDemoResult, seedDemo } from './seed-demo';

/**
 * The demo union as a user meets it, whichever way it is loaded (KUMIAI_DEMO at start,
 * `seed-demo`, the first-run screen): the seed, then the daily sweep's work at once — every
 * date rule's tasks and the monthly snapshots behind 組織率の推移 — instead of at the next
 * start or midnight. The seed is one transaction; the sweep and the snapshots are idempotent
 * and each its own, exactly as the daily sweep runs them.
 */
export async function loadDemo(db: Db, options: { seed?: number; now: Date }): Promise<SeedDemoResult> {
  const result = await seedDemo(db, options);
  await runWorkflowRules({ db, now: options.now });
  await takeMonthlySnapshots({ db, now: options.now });
  return result;
}
