import { z } from 'zod';
import { dateOut, timestampOut } from '../common/output';
import { optionalText, plainDate, text, uuid, versionField } from '../common/schemas';
import { TASK_SUBJECT_TYPES } from '../enums';
import type { FieldErrors } from '../errors';
import { taskSchema } from '../tasks/schemas';
import { WORKFLOW_RULE_IDS, WORKFLOW_RULES, type WorkflowRuleId } from './rules';
import { PLACEHOLDERS, unknownPlaceholders } from './templates';

export const ruleIdParams = z.object({
  id: z.enum(WORKFLOW_RULE_IDS).meta({ param: { name: 'id', in: 'path' } }),
});

// An empty or null template resets it to the rule's default (the seed's text).
const titleTemplate = text()
  .trim()
  .max(200, { message: 'must be at most 200 characters' })
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional()
  .meta({ description: "The task title; placeholders in braces. null or '' restores the default." });
const bodyTemplate = optionalText(10000).meta({
  description: "The task body; placeholders in braces. null or '' restores the default.",
});

const ruleChanges = {
  enabled: z.boolean({ message: 'must be true or false' }).optional(),
  titleTemplate,
  bodyTemplate,
  version: versionField,
};

export const updateWorkflowRuleSchema = z.strictObject(ruleChanges).meta({ id: 'WorkflowRuleUpdate' });
export type UpdateWorkflowRuleInput = z.infer<typeof updateWorkflowRuleSchema>;

export const updateWorkflowRulesSchema = z
  .strictObject({
    rules: z
      .array(
        z.strictObject({
          id: z.enum(WORKFLOW_RULE_IDS, { message: 'is not a workflow rule' }),
          ...ruleChanges,
        }),
      )
      .min(1, { message: 'must name at least one rule' })
      .max(WORKFLOW_RULE_IDS.length)
      .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, {
        message: 'names a rule twice',
      }),
  })
  .meta({ id: 'WorkflowRulesUpdate' });
export type UpdateWorkflowRulesInput = z.infer<typeof updateWorkflowRulesSchema>;

export const previewWorkflowRuleSchema = z
  .strictObject({
    memberId: uuid.optional().meta({ description: 'A member to render the templates with.' }),
    workplaceId: uuid.optional().meta({ description: 'A workplace to render the templates with.' }),
    titleTemplate: titleTemplate.meta({
      description: 'An unsaved title template to try; default: the saved one.',
    }),
    bodyTemplate: bodyTemplate.meta({
      description: 'An unsaved body template to try; default: the saved one.',
    }),
  })
  .meta({ id: 'WorkflowRulePreviewRequest' });
export type PreviewWorkflowRuleInput = z.infer<typeof previewWorkflowRuleSchema>;

export const runWorkflowsSchema = z
  .strictObject({
    asOf: plainDate.optional().meta({
      description: "The day to evaluate the date rules for; default today in the organization's time zone.",
    }),
  })
  .meta({ id: 'WorkflowRunRequest' });
export type RunWorkflowsInput = z.infer<typeof runWorkflowsSchema>;

/** `{ field: why }` for templates that use a placeholder the rule does not know. */
export function templateErrors(
  ruleId: WorkflowRuleId,
  templates: { titleTemplate?: string | null | undefined; bodyTemplate?: string | null | undefined },
  prefix = '',
): FieldErrors {
  const allowed = WORKFLOW_RULES[ruleId].placeholders;
  const known = allowed.length ? allowed.map((p) => `{${p}}`).join(', ') : 'none';
  const errors: FieldErrors = {};
  for (const field of ['titleTemplate', 'bodyTemplate'] as const) {
    const template = templates[field];
    if (!template) continue;
    const unknown = unknownPlaceholders(template, allowed);
    if (unknown.length) {
      errors[`${prefix}${field}`] =
        `uses unknown placeholder ${unknown.join(', ')}; this rule knows ${known}`;
    }
  }
  return errors;
}

// Responses

const renderedSchema = z.object({ title: z.string(), body: z.string().nullable() });

export const workflowRuleSchema = z
  .object({
    id: z.enum(WORKFLOW_RULE_IDS),
    trigger: z.enum(['engagement_change', 'daily']).meta({
      description: '`engagement_change` runs in the transaction that changes a member; `daily` in the sweep.',
    }),
    label: z.string().meta({ description: 'When the rule fires, in the seed’s words.' }),
    enabled: z.boolean(),
    titleTemplate: z.string().meta({ description: 'The template in use (the default unless customized).' }),
    bodyTemplate: z.string().nullable(),
    titleCustomized: z.boolean(),
    bodyCustomized: z.boolean(),
    defaultTitleTemplate: z.string(),
    defaultBodyTemplate: z.string().nullable(),
    placeholders: z.array(z.enum(PLACEHOLDERS)),
    subjectType: z.enum(TASK_SUBJECT_TYPES).nullable(),
    assignee: z.enum(['member_owner', 'workplace_owner', 'secretary_general']),
    due: z.string(),
    oncePer: z.string(),
    sample: renderedSchema.meta({
      description: 'The templates rendered with a sample member and workplace.',
    }),
    version: z.number().int(),
    updatedAt: timestampOut.nullable(),
  })
  .meta({ id: 'WorkflowRule' });

export const workflowRuleListSchema = z
  .object({ items: z.array(workflowRuleSchema) })
  .meta({ id: 'WorkflowRuleList' });

export const workflowRulePreviewSchema = renderedSchema
  .extend({
    values: z.object({
      name: z.string().nullable(),
      workplace: z.string().nullable(),
      years: z.number().int().nullable(),
      case: z.string().nullable().meta({
        description:
          'The case named by `{case}`: the chosen member’s open case due soonest (要配慮の案件 when sensitive).',
      }),
    }),
  })
  .meta({ id: 'WorkflowRulePreview' });

export const workflowRunSchema = z
  .object({
    asOf: dateOut,
    created: z.array(taskSchema),
    counts: z.record(z.string(), z.number().int()).meta({ description: 'New tasks per date rule.' }),
  })
  .meta({ id: 'WorkflowRun' });
