import { useI18n } from '../../i18n/I18nProvider';

/** Strings of the member list's bulk actions (issue 17): 担当者・関与度・メモ・タスク・エクスポート. */
export const ja = {
  startSelect: '選択して一括操作',
  bar: '選択した組合員の一括操作',
  setOwner: '担当者を変更',
  setEngagement: '関与度を変更',
  addNote: 'メモを追加',
  createTask: 'タスクを作成',
  export: 'エクスポート',
  owner: '新しい担当者',
  ownerNone: '担当者なし',
  engagement: '新しい関与度',
  reason: '変更の理由（全員に記録されます）',
  noteChannel: '種別',
  noteBody: 'メモ',
  taskTitle: 'タスク名',
  taskDue: '期日',
  taskAssignee: '担当者',
  taskUnassigned: '未割り当て',
  confirm: {
    set_owner: (n: string) => `${n}人の担当者を変更します`,
    set_engagement: (n: string) => `${n}人の関与度を変更します`,
    add_note: (n: string) => `${n}人にメモを追加します`,
    create_task: (n: string) => `${n}人のタスクを作成します`,
  },
  run: '実行する',
  cancel: 'キャンセル',
  done: {
    set_owner: (n: number) => `${n.toLocaleString('ja-JP')}人の担当者を変更しました`,
    set_engagement: (n: number) => `${n.toLocaleString('ja-JP')}人の関与度を変更しました`,
    add_note: (n: number) => `${n.toLocaleString('ja-JP')}人にメモを追加しました`,
    create_task: (n: number) => `${n.toLocaleString('ja-JP')}件のタスクを作成しました`,
  },
  skipped: (n: number) => `（変更なし・対象外 ${n.toLocaleString('ja-JP')}人）`,
  exportNote: 'エクスポートは選択した行ではなく、いまの条件に合う全件を書き出します。',
  exportAll: 'いまの条件に合う全件を書き出します。',
  people: (n: number, capped = false) => `${n.toLocaleString('ja-JP')}${capped ? '+' : ''}`,
};
export type BulkActionMessages = typeof ja;

export const en: BulkActionMessages = {
  startSelect: 'Select for bulk actions',
  bar: 'Bulk actions on the selected members',
  setOwner: 'Change owner',
  setEngagement: 'Change engagement',
  addNote: 'Add a note',
  createTask: 'Create tasks',
  export: 'Export',
  owner: 'New owner',
  ownerNone: 'No owner',
  engagement: 'New engagement',
  reason: 'Reason (recorded for everyone)',
  noteChannel: 'Channel',
  noteBody: 'Note',
  taskTitle: 'Task',
  taskDue: 'Due',
  taskAssignee: 'Assignee',
  taskUnassigned: 'Unassigned',
  confirm: {
    set_owner: (n: string) => `Change the owner of ${n} members`,
    set_engagement: (n: string) => `Change the engagement of ${n} members`,
    add_note: (n: string) => `Add a note to ${n} members`,
    create_task: (n: string) => `Create a task for ${n} members`,
  },
  run: 'Apply',
  cancel: 'Cancel',
  done: {
    set_owner: (n: number) => `Changed the owner of ${n.toLocaleString('en')} members`,
    set_engagement: (n: number) => `Changed the engagement of ${n.toLocaleString('en')} members`,
    add_note: (n: number) => `Added a note to ${n.toLocaleString('en')} members`,
    create_task: (n: number) => `Created ${n.toLocaleString('en')} tasks`,
  },
  skipped: (n: number) => ` (${n.toLocaleString('en')} unchanged or out of reach)`,
  exportNote: 'The export holds every row matching the current filters, not only the selected ones.',
  exportAll: 'Exports every row matching the current filters.',
  people: (n: number, capped = false) => `${n.toLocaleString('en')}${capped ? '+' : ''}`,
};

export function useBulkActionMessages(): BulkActionMessages {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
