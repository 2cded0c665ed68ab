import { and, asc, eq } from 'drizzle-orm';
import { invalid } from '../../core/errors';
import { anniversaryOn } from '../../core/workflows/calendar';
import { WORKFLOW_RULES, type WorkflowRuleId } from '../../core/workflows/rules';
import { type PreviewWorkflowRuleInput, templateErrors } from '../../core/workflows/schemas';
import { caseLabel, renderTemplate, type TemplateValues } from '../../core/workflows/templates';
import { findSettings } from '../../db/queries/settings';
import { findRuleConfigs } from '../../db/queries/workflows';
import { memberCases, members, workplaces } from '../../db/schema';
import { organizationToday, type ServiceContext } from '../context';
import { sampleValues } from './rule-view';

/**
 * Renders a rule's templates (saved ones, or unsaved ones to try) with a
 * chosen member or workplace, or with a sample when none is chosen. Writes nothing.
 */
export async function previewWorkflowRule(
  ctx: ServiceContext,
  id: WorkflowRuleId,
  input: PreviewWorkflowRuleInput,
) {
  const errors = templateErrors(id, input);
  if (Object.keys(errors).length) throw invalid(errors);
  const [rules, settings] = [await findRuleConfigs(ctx.db), await findSettings(ctx.db)];
  const rule = WORKFLOW_RULES[id];
  // undefined: the saved template; null (or ''): the default.
  const title =
    input.titleTemplate === undefined ? rules[id].titleTemplate : (input.titleTemplate ?? rule.title);
  const body = input.bodyTemplate === undefined ? rules[id].bodyTemplate : (input.bodyTemplate ?? rule.body);

  let values: TemplateValues = sampleValues(settings.milestoneYears);
  if (input.memberId) {
    const [member] = await ctx.db
      .select({ name: members.name, workplace: workplaces.name, joinedOn: members.joinedOn })
      .from(members)
      .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
      .where(eq(members.id, input.memberId));
    if (!member) throw invalid({ memberId: 'does not exist' });
    const today = await organizationToday(ctx.db, ctx.now);
    const joinedOn = member.joinedOn;
    // The milestone this member reaches next (or the first one, for a member without a join date).
    const years =
      (joinedOn && settings.milestoneYears.find((y) => anniversaryOn(joinedOn, y) >= today)) ||
      settings.milestoneYears[0] ||
      null;
    // The case `{case}` would name: the member's open case due soonest, if any.
    const [due] = await ctx.db
      .select({ title: memberCases.title, sensitive: memberCases.sensitive })
      .from(memberCases)
      .where(and(eq(memberCases.memberId, input.memberId), eq(memberCases.status, 'open')))
      .orderBy(asc(memberCases.dueOn), asc(memberCases.openedOn))
      .limit(1);
    values = { name: member.name, workplace: member.workplace, years, case: due ? caseLabel(due) : null };
  }
  if (input.workplaceId) {
    const [workplace] = await ctx.db
      .select({ name: workplaces.name })
      .from(workplaces)
      .where(eq(workplaces.id, input.workplaceId));
    if (!workplace) throw invalid({ workplaceId: 'does not exist' });
    values = { ...values, workplace: workplace.name };
  }
  return {
    title: renderTemplate(title, values),
    body: body === null ? null : renderTemplate(body, values),
    values: {
      name: values.name == null ? null : String(values.name),
      workplace: values.workplace == null ? null : String(values.workplace),
      years: typeof values.years === 'number' ? values.years : null,
      case: values.case == null ? null : String(values.case),
    },
  };
}
