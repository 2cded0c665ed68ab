import { atRiskDueOn } from '../../core/workflows/evaluate';
import type { DbOrTx } from '../../db/client';
import { findRuleConfigs, insertAtRiskTasks } from '../../db/queries/workflows';
import { organizationToday } from '../context';

/**
 * SPEC §4 at_risk_follow_up, inside the transaction that changed engagement
 * (member create or update, API or import): one task per member whose
 * engagement became at_risk, due at the end of this month (organization time
 * zone), unless an open one already exists. Callers pass only real changes to
 * at_risk (core `becomesAtRisk`), each with the history row that records it.
 */
export async function followUpAtRisk(
  tx: DbOrTx,
  now: Date,
  changes: { memberId: string; historyId: string }[],
): Promise<{ id: string }[]> {
  if (!changes.length) return [];
  const rules = await findRuleConfigs(tx);
  const rule = rules.at_risk_follow_up;
  if (!rule.enabled) return [];
  const today = await organizationToday(tx, now);
  return insertAtRiskTasks(tx, rule, { today, now, dueOn: atRiskDueOn(today), changes });
}
