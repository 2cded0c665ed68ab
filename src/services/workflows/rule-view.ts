import {
  type RuleOverride,
  WORKFLOW_RULE_IDS,
  WORKFLOW_RULES,
  type WorkflowRuleId,
} from '../../core/workflows/rules';
import { renderTemplate, type TemplateValues } from '../../core/workflows/templates';

/** What a rule's templates are rendered with when no record is chosen. */
export function sampleValues(milestoneYears: readonly number[]): TemplateValues {
  return { name: '山田 太郎', workplace: '第一工場', years: milestoneYears[0] ?? 10, case: '残業代の未払い' };
}

type StoredOverride = RuleOverride & { version: number; updatedAt: Date };

/** A rule as the API shows it: definition, overrides, defaults and a rendered sample. */
export function ruleView(id: WorkflowRuleId, override: StoredOverride | undefined, sample: TemplateValues) {
  const rule = WORKFLOW_RULES[id];
  const titleTemplate = override?.titleTemplate ?? rule.title;
  const bodyTemplate = override?.bodyTemplate ?? rule.body;
  return {
    id,
    trigger: rule.trigger,
    label: rule.label,
    enabled: override?.enabled ?? true,
    titleTemplate,
    bodyTemplate,
    titleCustomized: override?.titleTemplate != null,
    bodyCustomized: override?.bodyTemplate != null,
    defaultTitleTemplate: rule.title,
    defaultBodyTemplate: rule.body,
    placeholders: [...rule.placeholders],
    subjectType: rule.subjectType,
    assignee: rule.assignee,
    due: rule.due,
    oncePer: rule.oncePer,
    sample: {
      title: renderTemplate(titleTemplate, sample),
      body: bodyTemplate === null ? null : renderTemplate(bodyTemplate, sample),
    },
    // A rule never changed has no stored row yet: it is at version 1.
    version: override?.version ?? 1,
    updatedAt: override?.updatedAt ?? null,
  };
}

export function ruleViews(overrides: StoredOverride[], sample: TemplateValues) {
  const byId = new Map(overrides.map((o) => [o.id, o]));
  return WORKFLOW_RULE_IDS.map((id) => ruleView(id, byId.get(id), sample));
}
