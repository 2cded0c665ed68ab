import { describe, expect, it } from 'vitest';
import { resolveRuleConfigs, WORKFLOW_RULE_IDS, WORKFLOW_RULES } from './rules';
import { unknownPlaceholders } from './templates';

describe('built-in rules', () => {
  it('use only their own placeholders in the default templates', () => {
    for (const id of WORKFLOW_RULE_IDS) {
      const rule = WORKFLOW_RULES[id];
      expect(unknownPlaceholders(rule.title, rule.placeholders), id).toEqual([]);
      expect(unknownPlaceholders(rule.body ?? '', rule.placeholders), id).toEqual([]);
    }
  });

  it('apply overrides over the defaults; a null template is the default', () => {
    const configs = resolveRuleConfigs([
      { id: 'shunto_survey', enabled: false, titleTemplate: 'アンケート', bodyTemplate: null },
      { id: 'unknown_rule', enabled: false, titleTemplate: 'x', bodyTemplate: 'y' },
    ]);
    expect(configs.shunto_survey).toEqual({
      id: 'shunto_survey',
      enabled: false,
      titleTemplate: 'アンケート',
      bodyTemplate: WORKFLOW_RULES.shunto_survey.body,
    });
    expect(configs.at_risk_follow_up.enabled).toBe(true);
    expect(Object.keys(configs)).toEqual([...WORKFLOW_RULE_IDS]);
  });
});
