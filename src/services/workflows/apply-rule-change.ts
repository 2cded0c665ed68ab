import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { WORKFLOW_RULES, type WorkflowRuleId } from '../../core/workflows/rules';
import type { UpdateWorkflowRuleInput } from '../../core/workflows/schemas';
import type { DbOrTx } from '../../db/client';
import { definedOnly } from '../../db/queries/records';
import { lockRuleOverride } from '../../db/queries/workflows';
import { workflowRules } from '../../db/schema';

/**
 * Applies one rule's change inside the caller's transaction (templates already
 * validated). A template equal to the default is stored as null, so the rule
 * keeps following the default. `versionField` names the field to blame when
 * the version is stale (`version`, or `rules.2.version` in a batch).
 */
export async function applyRuleChange(
  tx: DbOrTx,
  id: WorkflowRuleId,
  input: UpdateWorkflowRuleInput,
  now: Date,
  versionField = 'version',
) {
  const current = await lockRuleOverride(tx, id);
  if (current.version !== input.version) {
    throw new AppError(
      'conflict',
      'The rule was changed by someone else. Reload it and apply your change again.',
      { [versionField]: 'stale' },
      { currentVersion: current.version },
    );
  }
  const rule = WORKFLOW_RULES[id];
  const asOverride = (value: string | null | undefined, fallback: string | null) =>
    value === undefined ? undefined : value === fallback ? null : value;
  await tx
    .update(workflowRules)
    .set({
      ...definedOnly({
        enabled: input.enabled,
        titleTemplate: asOverride(input.titleTemplate, rule.title),
        bodyTemplate: asOverride(input.bodyTemplate, rule.body),
      }),
      version: sql`${workflowRules.version} + 1`,
      updatedAt: now,
    })
    .where(eq(workflowRules.id, id));
}
