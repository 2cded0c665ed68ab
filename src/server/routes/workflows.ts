import { createRoute } from '@hono/zod-openapi';
import {
  previewWorkflowRuleSchema,
  ruleIdParams,
  runWorkflowsSchema,
  updateWorkflowRuleSchema,
  updateWorkflowRulesSchema,
  workflowRuleListSchema,
  workflowRulePreviewSchema,
  workflowRuleSchema,
  workflowRunSchema,
} from '../../core/workflows/schemas';
import { listWorkflowRules } from '../../services/workflows/list-workflow-rules';
import { previewWorkflowRule } from '../../services/workflows/preview-workflow-rule';
import { runWorkflowRules } from '../../services/workflows/run-workflow-rules';
import { updateWorkflowRule } from '../../services/workflows/update-workflow-rule';
import { updateWorkflowRules } from '../../services/workflows/update-workflow-rules';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requireRole } from '../middleware/auth';
import { createRouter, errorResponses, jsonBody, jsonResponse, writeErrorResponses } from '../openapi';
import { present } from '../present';

const tags = ['Workflows ワークフロー'];
const adminOnly = requireRole('admin');

export function workflowRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use('/workflow-rules', adminOnly);
  router.use('/workflow-rules/*', adminOnly);
  router.use('/workflows/*', adminOnly);
  return router
    .openapi(
      createRoute({
        method: 'get',
        path: '/workflow-rules',
        operationId: 'listWorkflowRules',
        tags,
        summary: 'The five built-in workflow rules with their templates (admin only)',
        description:
          'Each rule shows the templates in use, the defaults (the seed’s texts), the placeholders it knows and a sample rendering.',
        responses: { 200: jsonResponse(workflowRuleListSchema, 'The rules'), ...errorResponses },
      }),
      async (c) => c.json(present(await listWorkflowRules(serviceContext(c, deps))), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/workflow-rules',
        operationId: 'updateWorkflowRules',
        tags,
        summary: 'Change several rules at once, all or nothing (admin only)',
        description:
          'Each entry names the rule `id` and the `version` you read. A template with a placeholder the rule does not know is rejected (400, `rules.N.titleTemplate`); null or an empty string restores the default.',
        request: { body: jsonBody(updateWorkflowRulesSchema) },
        responses: {
          200: jsonResponse(workflowRuleListSchema, 'The rules after the change'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(present(await updateWorkflowRules(serviceContext(c, deps), c.req.valid('json'))), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/workflow-rules/{id}',
        operationId: 'updateWorkflowRule',
        tags,
        summary: 'Enable or disable a rule, or edit its title/body templates (admin only)',
        description:
          'Placeholders: `{name}` (member), `{workplace}`, `{years}` (milestone), as listed in the rule’s `placeholders`. null or an empty string restores the default. A disabled rule creates nothing.',
        request: { params: ruleIdParams, body: jsonBody(updateWorkflowRuleSchema) },
        responses: {
          200: jsonResponse(workflowRuleSchema, 'The rule after the change'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(
            await updateWorkflowRule(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json')),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/workflow-rules/{id}/preview',
        operationId: 'previewWorkflowRule',
        tags,
        summary:
          "Render a rule's templates with a member or workplace, or a sample (admin only; writes nothing)",
        request: { params: ruleIdParams, body: jsonBody(previewWorkflowRuleSchema) },
        responses: {
          200: jsonResponse(workflowRulePreviewSchema, 'The rendered task text'),
          ...writeErrorResponses,
        },
      }),
      async (c) =>
        c.json(
          present(
            await previewWorkflowRule(serviceContext(c, deps), c.req.valid('param').id, c.req.valid('json')),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/workflows/run',
        operationId: 'runWorkflows',
        tags,
        summary: 'Run the date rules now, as of a day (admin only)',
        description:
          'Evaluates case_due_follow_up, tenure_milestone, workplace_gathering and shunto_survey as of `asOf` (default: today in the organization’s time zone) and returns the tasks created. Idempotent: a second run creates nothing more. The server also runs this at start and daily at 00:05 organization time.',
        request: { body: { ...jsonBody(runWorkflowsSchema), required: false } },
        responses: { 200: jsonResponse(workflowRunSchema, 'The tasks created'), ...errorResponses },
      }),
      async (c) => {
        const input = c.req.valid('json') ?? {};
        return c.json(present(await runWorkflowRules(serviceContext(c, deps), input)), 200);
      },
    );
}
