import { useI18n } from '../../i18n/I18nProvider';

/** Strings of the task inbox's bulk actions (issue 17): 完了・担当者を変更・期日を変更, with undo. */
export const ja = {
  startSelect: '選択して一括操作',
  endSelect: '選択をやめる',
  selectTask: (title: string) => `${title}を選択`,
  selectPage: 'このページの全件を選択',
  selectAllMatching: (n: number) => `条件に合う全${n.toLocaleString('ja-JP')}件を選択`,
  selectedCount: (n: number) => `${n.toLocaleString('ja-JP')}件を選択中`,
  selectedAllMatching: (n: number) => `条件に合う全${n.toLocaleString('ja-JP')}件を選択中`,
  bar: '選択したタスクの一括操作',
  complete: '完了',
  reassign: '担当者を変更',
  setDue: '期日を変更',
  assignee: '新しい担当者',
  unassigned: '未割り当て',
  due: '新しい期日（空欄で期日なし）',
  confirm: {
    complete: (n: number) => `${n.toLocaleString('ja-JP')}件のタスクを完了にします`,
    reassign: (n: number) => `${n.toLocaleString('ja-JP')}件のタスクの担当者を変更します`,
    set_due: (n: number) => `${n.toLocaleString('ja-JP')}件のタスクの期日を変更します`,
  },
  run: '実行する',
  cancel: 'キャンセル',
  done: {
    complete: (n: number) => `${n.toLocaleString('ja-JP')}件のタスクを完了にしました`,
    reopen: (n: number) => `${n.toLocaleString('ja-JP')}件のタスクを未完了に戻しました`,
    reassign: (n: number) => `${n.toLocaleString('ja-JP')}件のタスクの担当者を変更しました`,
    set_due: (n: number) => `${n.toLocaleString('ja-JP')}件のタスクの期日を変更しました`,
  },
  skipped: (n: number) => `（変更なし・対象外 ${n.toLocaleString('ja-JP')}件）`,
  undo: '元に戻す',
};
export type TaskBulkMessages = typeof ja;

export const en: TaskBulkMessages = {
  startSelect: 'Select for bulk actions',
  endSelect: 'Stop selecting',
  selectTask: (title: string) => `Select ${title}`,
  selectPage: 'Select every task on this page',
  selectAllMatching: (n: number) => `Select all ${n.toLocaleString('en')} that match`,
  selectedCount: (n: number) => `${n.toLocaleString('en')} selected`,
  selectedAllMatching: (n: number) => `All ${n.toLocaleString('en')} that match selected`,
  bar: 'Bulk actions on the selected tasks',
  complete: 'Complete',
  reassign: 'Change assignee',
  setDue: 'Change due date',
  assignee: 'New assignee',
  unassigned: 'Unassigned',
  due: 'New due date (empty: none)',
  confirm: {
    complete: (n: number) => `Complete ${n.toLocaleString('en')} tasks`,
    reassign: (n: number) => `Change the assignee of ${n.toLocaleString('en')} tasks`,
    set_due: (n: number) => `Change the due date of ${n.toLocaleString('en')} tasks`,
  },
  run: 'Apply',
  cancel: 'Cancel',
  done: {
    complete: (n: number) => `Completed ${n.toLocaleString('en')} tasks`,
    reopen: (n: number) => `Reopened ${n.toLocaleString('en')} tasks`,
    reassign: (n: number) => `Changed the assignee of ${n.toLocaleString('en')} tasks`,
    set_due: (n: number) => `Changed the due date of ${n.toLocaleString('en')} tasks`,
  },
  skipped: (n: number) => ` (${n.toLocaleString('en')} unchanged or out of reach)`,
  undo: 'Undo',
};

export function useTaskBulkText(): TaskBulkMessages {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
