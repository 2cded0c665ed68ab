import { can, isWorkplaceScoped } from '../access/policy';
import type {
  Atmosphere,
  CaseStatus,
  Engagement,
  MemberStatus,
  StaffRole,
  TaskStatus,
  UnionRole,
} from '../enums';
import { anniversaryOn, firstDayOfMonth, lastDayOfMonth, monthOf, plusDays, plusMonths } from './calendar';
import { onceKeys, type RuleConfig, type WorkflowRuleId } from './rules';
import { caseLabel, renderTemplate } from './templates';

// The pure evaluation of SPEC §4: facts + today (a plain date in the
// organization's time zone) → task drafts. The sweep's SQL (db/queries/
// workflows.ts) must agree with it on the same rows; the service tests check that.

export type MemberFact = {
  id: string;
  name: string;
  workplaceName: string | null;
  joinedOn: string | null;
  status: MemberStatus;
  unionRole: UnionRole;
  ownerId: string | null;
  /** The owner's staff role (a sensitive case's follow-up skips an owner who may not see it). */
  ownerRole?: StaffRole | null;
  /** The member's workplace and the owner's workplaces: a rep owner outside it gets no task. */
  workplaceId?: string | null;
  ownerWorkplaceIds?: readonly string[];
};

export type CaseFact = {
  id: string;
  memberId: string;
  status: CaseStatus;
  dueOn: string | null;
  title: string;
  sensitive?: boolean;
};

export type WorkplaceFact = {
  id: string;
  name: string;
  atmosphere: Atmosphere;
  ownerId: string | null;
  /** The owner's staff role and workplaces: a rep owner who does not cover it gets no task. */
  ownerRole?: StaffRole | null;
  ownerWorkplaceIds?: readonly string[];
  /** The latest heldOn of its meetings (a scheduled one included); null when it never had one. */
  lastMeetingOn: string | null;
};

/** A task a rule made earlier; createdOn is its creation day in the organization's time zone. */
export type RuleTaskFact = {
  ruleId: string | null;
  subjectId: string | null;
  status: TaskStatus;
  onceKey: string | null;
  createdOn: string;
};

export type SettingsFact = {
  shuntoStartOn: string | null;
  milestoneYears: readonly number[];
  secretaryGeneralUserId: string | null;
};

export type WorkflowFacts = {
  settings: SettingsFact;
  members: readonly MemberFact[];
  cases: readonly CaseFact[];
  workplaces: readonly WorkplaceFact[];
  tasks: readonly RuleTaskFact[];
};

export type TaskDraft = {
  ruleId: WorkflowRuleId;
  onceKey: string;
  title: string;
  body: string | null;
  dueOn: string;
  assigneeId: string | null;
  subjectType: 'member' | 'workplace' | null;
  subjectId: string | null;
};

// ---------------------------------------------------------------- triggers

/** "Becomes at_risk": from another value, or created so (from = null). */
export const becomesAtRisk = (from: Engagement | null, to: Engagement) =>
  to === 'at_risk' && from !== 'at_risk';

/** The at-risk follow-up is due by the end of the month of the change. */
export const atRiskDueOn = (today: string) => lastDayOfMonth(today);

/**
 * Whether today is in the calendar month before the month of the member's
 * `years`-th anniversary. A January anniversary is announced in December of
 * the year before; once that month has passed (a member imported late) the
 * milestone never fires.
 */
export function isMilestoneMonth(joinedOn: string, years: number, today: string): boolean {
  const nextMonth = plusMonths(firstDayOfMonth(today), 1);
  return monthOf(anniversaryOn(joinedOn, years)) === monthOf(nextMonth);
}

/** shuntoStartOn − 2 months ≤ today < shuntoStartOn. */
export function isShuntoWindow(shuntoStartOn: string, today: string): boolean {
  return plusMonths(shuntoStartOn, -2) <= today && today < shuntoStartOn;
}

/** The day from which a meeting (or a gathering task) counts as recent: today − 3 months. */
export const gatheringCutoff = (today: string) => plusMonths(today, -3);

/** Its last meeting was more than 3 months before today (heldOn < today − 3 months), or it never had one. */
export function needsGathering(lastMeetingOn: string | null, today: string): boolean {
  return lastMeetingOn === null || lastMeetingOn < gatheringCutoff(today);
}

// ---------------------------------------------------------------- evaluation

/**
 * Who a rule gives a task about a record of `workplaceId` (a member's workplace, or
 * the workplace itself): its owner, unless the owner could not see it (a rep whose
 * workplaces do not include it); then nobody (the officers' pile).
 */
export function ownerWhoSees(
  owner: { ownerId: string | null; ownerRole?: StaffRole | null; ownerWorkplaceIds?: readonly string[] },
  workplaceId: string | null | undefined,
): string | null {
  const blind =
    owner.ownerRole != null &&
    isWorkplaceScoped(owner.ownerRole) &&
    !(workplaceId != null && (owner.ownerWorkplaceIds ?? []).includes(workplaceId));
  return blind ? null : owner.ownerId;
}

function draft(rule: RuleConfig, values: Parameters<typeof renderTemplate>[1]) {
  return {
    ruleId: rule.id,
    title: renderTemplate(rule.titleTemplate, values),
    body: rule.bodyTemplate === null ? null : renderTemplate(rule.bodyTemplate, values),
  };
}

/** The at_risk_follow_up task for one engagement change, or null when none is due. */
export function evaluateEngagementChange(
  rule: RuleConfig,
  change: {
    member: Pick<MemberFact, 'id' | 'name' | 'workplaceName' | 'ownerId'> &
      Partial<Pick<MemberFact, 'ownerRole' | 'workplaceId' | 'ownerWorkplaceIds'>>;
    from: Engagement | null;
    to: Engagement;
    historyId: string;
    /** Whether an open task of this rule already exists for the member. */
    hasOpenTask: boolean;
  },
  today: string,
): TaskDraft | null {
  if (!rule.enabled || !becomesAtRisk(change.from, change.to) || change.hasOpenTask) return null;
  const { member } = change;
  return {
    ...draft(rule, { name: member.name, workplace: member.workplaceName }),
    onceKey: onceKeys.atRisk(member.id, change.historyId),
    dueOn: atRiskDueOn(today),
    assigneeId: ownerWhoSees(member, member.workplaceId),
    subjectType: 'member',
    subjectId: member.id,
  };
}

/** The date rules' new tasks as of `today`; drafts whose once-key already exists are left out. */
export function evaluateDateRules(
  rules: Record<WorkflowRuleId, RuleConfig>,
  facts: WorkflowFacts,
  today: string,
): TaskDraft[] {
  const existing = new Set(facts.tasks.map((t) => t.onceKey).filter(Boolean));
  const drafts = [
    ...(rules.case_due_follow_up.enabled ? caseDueDrafts(rules.case_due_follow_up, facts, today) : []),
    ...(rules.tenure_milestone.enabled ? milestoneDrafts(rules.tenure_milestone, facts, today) : []),
    ...(rules.workplace_gathering.enabled ? gatheringDrafts(rules.workplace_gathering, facts, today) : []),
    ...(rules.shunto_survey.enabled ? shuntoDrafts(rules.shunto_survey, facts, today) : []),
  ];
  return drafts.filter((d) => !existing.has(d.onceKey));
}

function caseDueDrafts(rule: RuleConfig, facts: WorkflowFacts, today: string): TaskDraft[] {
  const members = new Map(facts.members.map((m) => [m.id, m]));
  return facts.cases.flatMap((c) => {
    const member = members.get(c.memberId);
    if (!member || c.status !== 'open' || c.dueOn === null || c.dueOn > today) return [];
    return [
      {
        ...draft(rule, { name: member.name, workplace: member.workplaceName, case: caseLabel(c) }),
        onceKey: onceKeys.caseDue(c.id, c.dueOn),
        dueOn: c.dueOn,
        // A sensitive case's follow-up goes to nobody (the officers' pile) when the owner may not see the case.
        assigneeId:
          c.sensitive && member.ownerRole && !can(member.ownerRole, 'cases.sensitive')
            ? null
            : ownerWhoSees(member, member.workplaceId),
        subjectType: 'member' as const,
        subjectId: member.id,
      },
    ];
  });
}

function milestoneDrafts(rule: RuleConfig, facts: WorkflowFacts, today: string): TaskDraft[] {
  return facts.members.flatMap((m) => {
    const joinedOn = m.joinedOn;
    // Only members count: an organizing target is not one yet, a member who left no longer is.
    if (joinedOn === null || m.status !== 'active' || m.unionRole === 'organizing_target') return [];
    return facts.settings.milestoneYears
      .filter((years) => isMilestoneMonth(joinedOn, years, today))
      .map((years) => ({
        ...draft(rule, { name: m.name, workplace: m.workplaceName, years }),
        onceKey: onceKeys.tenure(m.id, years),
        dueOn: anniversaryOn(joinedOn, years),
        assigneeId: ownerWhoSees(m, m.workplaceId),
        subjectType: 'member' as const,
        subjectId: m.id,
      }));
  });
}

function gatheringDrafts(rule: RuleConfig, facts: WorkflowFacts, today: string): TaskDraft[] {
  const cutoff = gatheringCutoff(today);
  const blocked = new Set(
    facts.tasks
      .filter((t) => t.ruleId === rule.id && (t.status === 'open' || t.createdOn >= cutoff))
      .map((t) => t.subjectId),
  );
  return facts.workplaces
    .filter(
      (w) => w.atmosphere === 'indifferent' && needsGathering(w.lastMeetingOn, today) && !blocked.has(w.id),
    )
    .map((w) => ({
      ...draft(rule, { workplace: w.name }),
      onceKey: onceKeys.gathering(w.id, today),
      dueOn: plusDays(today, 30),
      assigneeId: ownerWhoSees(w, w.id),
      subjectType: 'workplace' as const,
      subjectId: w.id,
    }));
}

function shuntoDrafts(rule: RuleConfig, facts: WorkflowFacts, today: string): TaskDraft[] {
  const { shuntoStartOn, secretaryGeneralUserId } = facts.settings;
  if (shuntoStartOn === null || !isShuntoWindow(shuntoStartOn, today)) return [];
  return [
    {
      ...draft(rule, {}),
      onceKey: onceKeys.shunto(shuntoStartOn),
      dueOn: plusMonths(shuntoStartOn, -1),
      // No subject: nothing for the secretary general (whatever their role) not to see.
      assigneeId: secretaryGeneralUserId,
      subjectType: null,
      subjectId: null,
    },
  ];
}
