import { invalid } from '../../core/errors';
import { WORKFLOW_RULE_IDS } from '../../core/workflows/rules';
import { templateErrors, type UpdateWorkflowRulesInput } from '../../core/workflows/schemas';
import { findSettings } from '../../db/queries/settings';
import { findRuleOverrides } from '../../db/queries/workflows';
import type { ServiceContext } from '../context';
import { applyRuleChange } from './apply-rule-change';
import { ruleViews, sampleValues } from './rule-view';

/** Several rules at once (the settings screen's save): all or nothing, in one transaction. */
export async function updateWorkflowRules(ctx: ServiceContext, input: UpdateWorkflowRulesInput) {
  const errors = Object.assign({}, ...input.rules.map((r, i) => templateErrors(r.id, r, `rules.${i}.`)));
  if (Object.keys(errors).length) throw invalid(errors);
  return ctx.db.transaction(async (tx) => {
    // Locked in one fixed order, so two batches cannot deadlock on each other.
    const ordered = [...input.rules.entries()].sort(
      ([, a], [, b]) => WORKFLOW_RULE_IDS.indexOf(a.id) - WORKFLOW_RULE_IDS.indexOf(b.id),
    );
    for (const [i, { id, ...change }] of ordered) {
      await applyRuleChange(tx, id, change, ctx.now, `rules.${i}.version`);
    }
    const [overrides, settings] = [await findRuleOverrides(tx), await findSettings(tx)];
    return { items: ruleViews(overrides, sampleValues(settings.milestoneYears)) };
  });
}
