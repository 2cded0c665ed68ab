import type { WorkflowRuleId } from '../../../core/workflows/rules';
import { useI18n } from '../../i18n/I18nProvider';

/** Strings of the task inbox and the task sections of record pages (タスク). */
export const ja = {
  title: 'タスク',
  intro: '期日の近い順。期限切れのタスクが先頭に並びます。',
  nextActions: {
    label: '今週期日の次のアクション（自分の担当）',
    sep: '：',
    count: (n: number) => `${n}件`,
    overdue: (n: number) => `うち期限切れ ${n}件`,
    openThisWeek: '今週期日の組合員を開く',
    openOverdue: '期限切れの組合員を開く',
  },
  count: (n: number) => `${n}件`,
  paren: (s: string) => `（${s}）`,
  views: { label: '表示するタスク', mine: '自分のタスク', unassigned: '未割当', all: 'すべて' },
  statuses: { label: '状況', open: '未完了', done: '完了', all: 'すべて' },
  search: 'タスク名で検索',
  searchPlaceholder: '例：フォロー',
  listHeading: 'タスク一覧',
  groups: {
    overdue: '期限切れ',
    today: '今日が期日',
    week: '今週が期日',
    later: '来週以降',
    none: '期日なし',
  },
  overdue: '期限切れ',
  due: (date: string) => `期日 ${date}`,
  noDue: '期日なし',
  completedOn: (date: string) => `${date} 完了`,
  done: '完了済み',
  assignee: '担当者',
  unassigned: '未割当',
  subject: { member: '組合員', workplace: '職場', demand: '交渉・要求' },
  deletedSubject: '（削除された記録）',
  rule: '自動作成',
  ruleHint: 'ワークフローのルールが作成したタスク',
  rules: {
    at_risk_follow_up: '脱退リスクのフォロー',
    case_due_follow_up: '相談案件の期日',
    tenure_milestone: '組合歴の節目',
    workplace_gathering: '職場集会・懇親の場',
    shunto_survey: '春闘の要求アンケート',
  } satisfies Record<WorkflowRuleId, string>,
  showMore: '続きを表示',
  showLess: '折りたたむ',
  actions: {
    complete: '完了',
    completeLabel: (title: string) => `「${title}」を完了にする`,
    completing: '更新中…',
    reopen: '未完了に戻す',
    reopenLabel: (title: string) => `「${title}」を未完了に戻す`,
    reassign: '再割当',
    reassignLabel: (title: string) => `「${title}」を再割当`,
    newAssignee: '新しい担当者',
    take: '自分が担当する',
    takeLabel: (title: string) => `「${title}」を自分が担当する`,
    changeDue: '期日を変更',
    changeDueLabel: (title: string) => `「${title}」の期日を変更`,
    newDue: '新しい期日',
    newDueHint: '空欄にすると期日なしになります',
    delete: '削除',
    deleteLabel: (title: string) => `「${title}」を削除`,
    deleteConfirm: 'このタスクを削除しますか？元に戻せません。',
    deleteYes: '削除する',
    undo: '元に戻す',
    ruleNoDelete: '自動作成のタスクは削除できません。完了にしてください。',
  },
  notices: {
    completed: (title: string) => `「${title}」を完了にしました。`,
    reopened: (title: string) => `「${title}」を未完了に戻しました。`,
    reassigned: (title: string, name: string) => `「${title}」の担当者を${name}にしました。`,
    dueChanged: (title: string) => `「${title}」の期日を変更しました。`,
    deleted: (title: string) => `「${title}」を削除しました。`,
    created: (title: string) => `タスク「${title}」を作成しました。`,
    conflict:
      '他の人がこのタスクを先に更新していました。最新の内容を読み込み直しました。確認してから、もう一度操作してください。',
    close: 'お知らせを閉じる',
  },
  empty: {
    open: '未完了のタスクはありません。',
    mineOpen: '未完了の自分のタスクはありません。',
    any: 'タスクはありません。',
    search: '条件に合うタスクはありません。',
  },
  form: {
    open: 'タスクを登録',
    title: '新しいタスク',
    fields: { title: 'タスク名', body: '内容', dueOn: '期日', assignee: '担当者' },
    me: (name: string) => `自分（${name}）`,
    submit: '登録する',
  },
  section: {
    member: '未完了のタスク',
    workplace: 'この職場のタスク',
    empty: '未完了のタスクはありません。',
    more: (n: number) => `ほか${n}件`,
    toInbox: 'タスク一覧を開く',
  },
};

export type TaskMessages = typeof ja;

type Widen<T> = T extends (...args: infer A) => infer R
  ? (...args: A) => R
  : T extends string
    ? string
    : { [K in keyof T]: Widen<T[K]> };

export const en: Widen<TaskMessages> = {
  title: 'Tasks',
  intro: 'Soonest due first: overdue tasks lead the list.',
  nextActions: {
    label: 'Next actions due this week (members you own)',
    sep: ': ',
    count: (n: number) => `${n}`,
    overdue: (n: number) => `${n} overdue`,
    openThisWeek: 'Open the members due this week',
    openOverdue: 'Open the overdue members',
  },
  count: (n: number) => `${n} ${n === 1 ? 'task' : 'tasks'}`,
  paren: (s: string) => ` (${s})`,
  views: { label: 'Tasks to show', mine: 'My tasks', unassigned: 'Unassigned', all: 'All' },
  statuses: { label: 'Status', open: 'Open', done: 'Done', all: 'All' },
  search: 'Search task titles',
  searchPlaceholder: 'e.g. follow-up',
  listHeading: 'Task list',
  groups: {
    overdue: 'Overdue',
    today: 'Due today',
    week: 'Due this week',
    later: 'Next week or later',
    none: 'No due date',
  },
  overdue: 'Overdue',
  due: (date: string) => `Due ${date}`,
  noDue: 'No due date',
  completedOn: (date: string) => `Done ${date}`,
  done: 'Done',
  assignee: 'Assignee',
  unassigned: 'Unassigned',
  subject: { member: 'Member', workplace: 'Workplace', demand: 'Demand' },
  deletedSubject: '(deleted record)',
  rule: 'Automatic',
  ruleHint: 'Created by a workflow rule',
  rules: {
    at_risk_follow_up: 'At-risk follow-up',
    case_due_follow_up: 'Case due date',
    tenure_milestone: 'Union anniversary',
    workplace_gathering: 'Workplace gathering',
    shunto_survey: 'Spring offensive survey',
  },
  showMore: 'Show more',
  showLess: 'Show less',
  actions: {
    complete: 'Done',
    completeLabel: (title: string) => `Mark “${title}” done`,
    completing: 'Saving…',
    reopen: 'Reopen',
    reopenLabel: (title: string) => `Reopen “${title}”`,
    reassign: 'Reassign',
    reassignLabel: (title: string) => `Reassign “${title}”`,
    newAssignee: 'New assignee',
    take: 'Take',
    takeLabel: (title: string) => `Take “${title}”`,
    changeDue: 'Change due date',
    changeDueLabel: (title: string) => `Change due date of “${title}”`,
    newDue: 'New due date',
    newDueHint: 'Leave empty for no due date',
    delete: 'Delete',
    deleteLabel: (title: string) => `Delete “${title}”`,
    deleteConfirm: 'Delete this task? This cannot be undone.',
    deleteYes: 'Delete',
    undo: 'Undo',
    ruleNoDelete: 'Tasks made by a workflow rule cannot be deleted: mark them done instead.',
  },
  notices: {
    completed: (title: string) => `“${title}” is done.`,
    reopened: (title: string) => `“${title}” is open again.`,
    reassigned: (title: string, name: string) => `“${title}” is now assigned to ${name}.`,
    dueChanged: (title: string) => `The due date of “${title}” was changed.`,
    deleted: (title: string) => `“${title}” was deleted.`,
    created: (title: string) => `Task “${title}” was created.`,
    conflict:
      'Someone else changed this task first. The latest version has been loaded: check it, then try again.',
    close: 'Dismiss',
  },
  empty: {
    open: 'No open tasks.',
    mineOpen: 'You have no open tasks.',
    any: 'No tasks.',
    search: 'No tasks match.',
  },
  form: {
    open: 'Add a task',
    title: 'New task',
    fields: { title: 'Title', body: 'Details', dueOn: 'Due date', assignee: 'Assignee' },
    me: (name: string) => `Me (${name})`,
    submit: 'Add',
  },
  section: {
    member: 'Open tasks',
    workplace: 'Tasks for this workplace',
    empty: 'No open tasks.',
    more: (n: number) => `${n} more`,
    toInbox: 'Open the task list',
  },
};

export function useTaskText(): TaskMessages {
  const { lang } = useI18n();
  return (lang === 'ja' ? ja : en) as TaskMessages;
}

/** A rule's short name, or its id for a rule this version does not know. */
export function ruleName(t: TaskMessages, ruleId: string): string {
  return (t.rules as Record<string, string>)[ruleId] ?? ruleId;
}
