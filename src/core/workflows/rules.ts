import type { TaskSubjectType } from '../enums';
import type { Placeholder } from './templates';

// SPEC §4: the five built-in workflow rules, as data. Titles and bodies are the
// seed's texts verbatim (○○ became {name} / {workplace}, ○ became {years}).
// What an organization may change (enabled, the two templates) is stored as
// an override in the workflow_rules table; everything else lives here.

export const WORKFLOW_RULE_IDS = [
  'at_risk_follow_up',
  'case_due_follow_up',
  'tenure_milestone',
  'workplace_gathering',
  'shunto_survey',
] as const;
export type WorkflowRuleId = (typeof WORKFLOW_RULE_IDS)[number];

/** The rules the daily sweep evaluates; at_risk_follow_up runs in the engagement change's transaction. */
export const DATE_RULE_IDS = [
  'case_due_follow_up',
  'tenure_milestone',
  'workplace_gathering',
  'shunto_survey',
] as const satisfies readonly WorkflowRuleId[];
export type DateRuleId = (typeof DATE_RULE_IDS)[number];

export type RuleTrigger = 'engagement_change' | 'daily';
export type RuleAssignee = 'member_owner' | 'workplace_owner' | 'secretary_general';

export type WorkflowRuleDefinition = {
  id: WorkflowRuleId;
  trigger: RuleTrigger;
  /** The seed's wording of when the rule fires. */
  label: string;
  title: string;
  body: string | null;
  /** The placeholders its templates may use; any other `{…}` is rejected. */
  placeholders: readonly Placeholder[];
  subjectType: TaskSubjectType | null;
  assignee: RuleAssignee;
  /** How the due date is computed (documentation for the UI and the API). */
  due: string;
  /** What makes the rule fire at most once, and the shape of its once-per key. */
  oncePer: string;
};

export const WORKFLOW_RULES: Record<WorkflowRuleId, WorkflowRuleDefinition> = {
  at_risk_follow_up: {
    id: 'at_risk_follow_up',
    trigger: 'engagement_change',
    label: '関与度:脱退リスクあり に更新されたとき',
    title: '{name}さん 丁寧な個別フォロー——今月中に',
    body: 'なぜ組合活動に距離を置いているのかを\n批判なく聴く。困っていることが解決されれば\n関与度が戻ることが多い。\n脱退防止より先に、この人の困りごとを\n理解することを優先する',
    placeholders: ['name', 'workplace'],
    subjectType: 'member',
    assignee: 'member_owner',
    due: 'The last day of the month of the change (organization time zone)',
    oncePer: 'None more while an open task of this rule exists for the member',
  },
  case_due_follow_up: {
    id: 'case_due_follow_up',
    trigger: 'daily',
    label: '相談のフォロー中案件の対応期日が来たとき',
    title: '{name}さん 相談案件のフォローアップ',
    // The seed has no body; the task names its case so the officer knows which one is due.
    body: '案件「{case}」の対応期日です。\n経過を確かめ、次の対応を記録する',
    placeholders: ['name', 'workplace', 'case'],
    subjectType: 'member',
    assignee: 'member_owner',
    due: "The case's due date",
    oncePer: 'Once per case and due date: a due date moved later fires again on the new date',
  },
  tenure_milestone: {
    id: 'tenure_milestone',
    trigger: 'daily',
    label: '組合歴の節目(5年・10年・20年)前月',
    title: '{name}さん 組合歴{years}周年の感謝とフォロー',
    body: '長年の組合活動への貢献に感謝を伝える。\nこれまでの関わりを振り返る対話が、\n関与度の維持・向上に繋がる',
    placeholders: ['name', 'workplace', 'years'],
    subjectType: 'member',
    assignee: 'member_owner',
    due: 'The anniversary date (a leap-day joiner’s falls on February 28 in common years)',
    oncePer: 'Once per member and milestone year',
  },
  workplace_gathering: {
    id: 'workplace_gathering',
    trigger: 'daily',
    label: '職場集会から3ヶ月以上開催なし×職場の雰囲気:関心薄い',
    title: '{workplace}職場 集会・懇親の場の設定',
    body: '職場委員と相談して、\n小規模でも集まる機会を作る。\n要求ではなく『話し合いの場』として設計する',
    placeholders: ['workplace'],
    subjectType: 'workplace',
    assignee: 'workplace_owner',
    due: 'Today + 30 days',
    oncePer: 'None while a task of this rule for the workplace is open or was created in the last 3 months',
  },
  shunto_survey: {
    id: 'shunto_survey',
    trigger: 'daily',
    label: '春闘の2ヶ月前',
    title: '全組合員への要求アンケートの実施',
    body: '各職場からの要求を系統的に収集し、\n要求書の作成根拠とする',
    placeholders: [],
    subjectType: null,
    assignee: 'secretary_general',
    due: 'The spring offensive start date − 1 month',
    oncePer: 'Once per spring offensive start date: a date moved by the admin fires again',
  },
};

export const isWorkflowRuleId = (value: string): value is WorkflowRuleId =>
  (WORKFLOW_RULE_IDS as readonly string[]).includes(value);

/** What an organization changed, as stored; null templates mean the default. */
export type RuleOverride = {
  id: string;
  enabled: boolean;
  titleTemplate: string | null;
  bodyTemplate: string | null;
};

/** A rule as it runs: the definition with the organization's choices applied. */
export type RuleConfig = {
  id: WorkflowRuleId;
  enabled: boolean;
  titleTemplate: string;
  bodyTemplate: string | null;
};

export function resolveRuleConfigs(overrides: readonly RuleOverride[]): Record<WorkflowRuleId, RuleConfig> {
  const byId = new Map(overrides.map((o) => [o.id, o]));
  const entries = WORKFLOW_RULE_IDS.map((id): [WorkflowRuleId, RuleConfig] => {
    const rule = WORKFLOW_RULES[id];
    const override = byId.get(id);
    return [
      id,
      {
        id,
        enabled: override?.enabled ?? true,
        titleTemplate: override?.titleTemplate ?? rule.title,
        bodyTemplate: override?.bodyTemplate ?? rule.body,
      },
    ];
  });
  return Object.fromEntries(entries) as Record<WorkflowRuleId, RuleConfig>;
}

// Once-per keys: stored in tasks.once_key under a unique index, so a retry, a
// restart or two racing sweeps can never create a rule's task twice. The SQL
// in db/queries/workflows.ts builds the same strings.
export const onceKeys = {
  atRisk: (memberId: string, historyId: string) => `at_risk_follow_up:${memberId}:${historyId}`,
  caseDue: (caseId: string, dueOn: string) => `case_due_follow_up:${caseId}:${dueOn}`,
  tenure: (memberId: string, years: number) => `tenure_milestone:${memberId}:${years}`,
  gathering: (workplaceId: string, today: string) => `workplace_gathering:${workplaceId}:${today}`,
  shunto: (shuntoStartOn: string) => `shunto_survey:${shuntoStartOn}`,
};
