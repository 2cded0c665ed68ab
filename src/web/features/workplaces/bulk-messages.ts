import { useI18n } from '../../i18n/I18nProvider';

/** Strings of the workplace list's bulk actions (issue 17): 担当者を変更・タスクを作成・エクスポート. */
export const ja = {
  startSelect: '選択して一括操作',
  endSelect: '選択をやめる',
  selectColumn: '選択',
  selectRow: (name: string) => `${name}を選択`,
  selectPage: 'このページの全件を選択',
  selectAllMatching: (n: number) => `条件に合う全${n.toLocaleString('ja-JP')}件を選択`,
  selectOnlyPage: 'このページの選択に戻す',
  selectedCount: (n: number) => `${n.toLocaleString('ja-JP')}件を選択中`,
  selectedAllMatching: (n: number) => `条件に合う全${n.toLocaleString('ja-JP')}件を選択中`,
  bar: '選択した職場の一括操作',
  setOwner: '担当者を変更',
  createTask: 'タスクを作成',
  export: 'エクスポート',
  owner: '新しい担当者',
  ownerNone: '担当者なし',
  taskTitle: 'タスク名',
  taskDue: '期日',
  taskAssignee: '担当者',
  taskUnassigned: '未割り当て',
  confirm: {
    set_owner: (n: number) => `${n.toLocaleString('ja-JP')}件の職場の担当者を変更します`,
    create_task: (n: number) => `${n.toLocaleString('ja-JP')}件の職場にタスクを作成します`,
  },
  run: '実行する',
  cancel: 'キャンセル',
  done: {
    set_owner: (n: number) => `${n.toLocaleString('ja-JP')}件の職場の担当者を変更しました`,
    create_task: (n: number) => `${n.toLocaleString('ja-JP')}件のタスクを作成しました`,
  },
  skipped: (n: number) => `（変更なし・対象外 ${n.toLocaleString('ja-JP')}件）`,
  exportNote: 'エクスポートは選択した行ではなく、いまの条件に合う全件を書き出します。',
  exportAll: 'いまの条件に合う全件を書き出します。',
};
export type WorkplaceBulkMessages = typeof ja;

export const en: WorkplaceBulkMessages = {
  startSelect: 'Select for bulk actions',
  endSelect: 'Stop selecting',
  selectColumn: 'Select',
  selectRow: (name: string) => `Select ${name}`,
  selectPage: 'Select every workplace on this page',
  selectAllMatching: (n: number) => `Select all ${n.toLocaleString('en')} that match`,
  selectOnlyPage: 'Back to the ticked ones',
  selectedCount: (n: number) => `${n.toLocaleString('en')} selected`,
  selectedAllMatching: (n: number) => `All ${n.toLocaleString('en')} that match selected`,
  bar: 'Bulk actions on the selected workplaces',
  setOwner: 'Change owner',
  createTask: 'Create tasks',
  export: 'Export',
  owner: 'New owner',
  ownerNone: 'No owner',
  taskTitle: 'Task',
  taskDue: 'Due',
  taskAssignee: 'Assignee',
  taskUnassigned: 'Unassigned',
  confirm: {
    set_owner: (n: number) => `Change the owner of ${n.toLocaleString('en')} workplaces`,
    create_task: (n: number) => `Create a task for each of ${n.toLocaleString('en')} workplaces`,
  },
  run: 'Apply',
  cancel: 'Cancel',
  done: {
    set_owner: (n: number) => `Changed the owner of ${n.toLocaleString('en')} workplaces`,
    create_task: (n: number) => `Created ${n.toLocaleString('en')} tasks`,
  },
  skipped: (n: number) => ` (${n.toLocaleString('en')} unchanged or out of reach)`,
  exportNote: 'The export holds every row matching the current filters, not only the selected ones.',
  exportAll: 'Exports every row matching the current filters.',
};

export function useWorkplaceBulkText(): WorkplaceBulkMessages {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
