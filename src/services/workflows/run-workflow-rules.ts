import { sql } from 'drizzle-orm';
import { todayIn } from '../../core/common/dates';
import { startOfDayIn } from '../../core/workflows/calendar';
import { gatheringCutoff } from '../../core/workflows/evaluate';
import { DATE_RULE_IDS, type DateRuleId } from '../../core/workflows/rules';
import { claimJobRun } from '../../db/queries/job-runs';
import { findSettings } from '../../db/queries/settings';
import { findTasksByIds } from '../../db/queries/tasks';
import {
  findRuleConfigs,
  insertCaseDueTasks,
  insertGatheringTasks,
  insertMilestoneTasks,
  insertShuntoTasks,
} from '../../db/queries/workflows';
import type { ServiceContext } from '../context';

// Any fixed number: sweeps from two server processes (or a server and the CLI)
// take turns, so the "none while one is open" checks see each other's tasks.
const SWEEP_LOCK_KEY = 7_415_003;

export type SweepContext = Pick<ServiceContext, 'db' | 'now'>;

/**
 * The daily sweep (SPEC §4): evaluates the date rules as of `asOf` (default:
 * today in the organization's time zone) and creates their tasks, one
 * set-based statement per rule, in one transaction under an advisory lock.
 * Running it again the same day, after a restart, or concurrently creates
 * nothing more: each task's once-key is unique.
 */
export async function runWorkflowRules(
  ctx: SweepContext,
  input: { asOf?: string | undefined } = {},
  options: { oncePerDay?: boolean } = {},
) {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SWEEP_LOCK_KEY})`);
    const settings = await findSettings(tx);
    const today = input.asOf ?? todayIn(settings.timezone, ctx.now);
    // The scheduled sweep (every server process's timer fires at 00:05): the first to claim
    // the day runs it, the others skip; the claim commits or rolls back with the tasks.
    if (options.oncePerDay && !(await claimJobRun(tx, 'daily_sweep', today))) {
      return { asOf: today, created: [], counts: emptyCounts(), skipped: true as const };
    }
    const rules = await findRuleConfigs(tx);
    const params = { today, now: ctx.now };
    const run: Record<DateRuleId, () => Promise<{ id: string }[]>> = {
      case_due_follow_up: () => insertCaseDueTasks(tx, rules.case_due_follow_up, params),
      tenure_milestone: () => insertMilestoneTasks(tx, rules.tenure_milestone, params),
      workplace_gathering: () =>
        insertGatheringTasks(tx, rules.workplace_gathering, {
          ...params,
          recentSince: startOfDayIn(settings.timezone, gatheringCutoff(today)),
        }),
      shunto_survey: () => insertShuntoTasks(tx, rules.shunto_survey, params),
    };
    const counts = {} as Record<DateRuleId, number>;
    const ids: string[] = [];
    for (const id of DATE_RULE_IDS) {
      const rows = rules[id].enabled ? await run[id]() : [];
      counts[id] = rows.length;
      ids.push(...rows.map((r) => r.id));
    }
    return { asOf: today, created: await findTasksByIds(tx, ids), counts };
  });
}

function emptyCounts(): Record<DateRuleId, number> {
  return Object.fromEntries(DATE_RULE_IDS.map((id) => [id, 0])) as Record<DateRuleId, number>;
}
