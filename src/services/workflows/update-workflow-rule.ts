import { invalid } from '../../core/errors';
import type { WorkflowRuleId } from '../../core/workflows/rules';
import { templateErrors, type UpdateWorkflowRuleInput } from '../../core/workflows/schemas';
import { findSettings } from '../../db/queries/settings';
import { findRuleOverrides } from '../../db/queries/workflows';
import type { ServiceContext } from '../context';
import { applyRuleChange } from './apply-rule-change';
import { ruleView, sampleValues } from './rule-view';

/** Enables/disables a rule or edits its templates (admin); send the `version` you read. */
export async function updateWorkflowRule(
  ctx: ServiceContext,
  id: WorkflowRuleId,
  input: UpdateWorkflowRuleInput,
) {
  const errors = templateErrors(id, input);
  if (Object.keys(errors).length) throw invalid(errors);
  return ctx.db.transaction(async (tx) => {
    await applyRuleChange(tx, id, input, ctx.now);
    const [overrides, settings] = [await findRuleOverrides(tx), await findSettings(tx)];
    return ruleView(
      id,
      overrides.find((o) => o.id === id),
      sampleValues(settings.milestoneYears),
    );
  });
}
