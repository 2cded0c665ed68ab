import { findSettings } from '../../db/queries/settings';
import { findRuleOverrides } from '../../db/queries/workflows';
import type { ServiceContext } from '../context';
import { ruleViews, sampleValues } from './rule-view';

export async function listWorkflowRules(ctx: ServiceContext) {
  const [overrides, settings] = await Promise.all([findRuleOverrides(ctx.db), findSettings(ctx.db)]);
  return { items: ruleViews(overrides, sampleValues(settings.milestoneYears)) };
}
