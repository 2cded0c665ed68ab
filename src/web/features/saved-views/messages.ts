import { useI18n } from '../../i18n/I18nProvider';

/** Strings of saved views (保存ビュー) and 自分の担当だけ. */
export const ja = {
  region: '保存ビュー',
  open: '保存ビューを開く',
  choose: '選択してください',
  own: '自分のビュー',
  shared: '共有されたビュー',
  sharedBy: (name: string) => `${name}さんが共有`,
  save: 'ビューを保存',
  saveTitle: '現在の条件をビューとして保存',
  name: 'ビューの名前',
  sharing: '公開範囲',
  private: '自分だけ',
  sharedWith: '次の役割と共有',
  roles: '共有する役割',
  submitSave: '保存する',
  cancel: 'キャンセル',
  current: (name: string) => `表示中のビュー: ${name}`,
  updateToCurrent: '現在の条件で上書き',
  updated: (name: string) => `「${name}」を現在の条件で更新しました`,
  saved: (name: string) => `「${name}」を保存しました`,
  edit: '名前・共有を変更',
  submitEdit: '変更を保存',
  remove: '削除',
  confirmRemove: (name: string) => `保存ビュー「${name}」を削除しますか？元に戻せません。`,
  submitRemove: '削除する',
  removed: (name: string) => `「${name}」を削除しました`,
  missing: (fields: string) =>
    `この保存ビューは削除された項目（${fields}）を含みます。その条件を除いて表示しています`,
  conflict: 'ほかの人が先に変更しました。ページを読み込み直してからもう一度お試しください',
  failed: '保存できませんでした',
  navViews: (list: string) => `${list}の保存ビュー`,
  mine: '自分の担当だけ',
  listNames: { members: '組合員', workplaces: '職場', tasks: 'タスク', demands: '要求' },
};
export type SavedViewMessages = typeof ja;

export const en: SavedViewMessages = {
  region: 'Saved views',
  open: 'Open a saved view',
  choose: 'Choose…',
  own: 'My views',
  shared: 'Shared with me',
  sharedBy: (name: string) => `shared by ${name}`,
  save: 'Save view',
  saveTitle: 'Save the current filters as a view',
  name: 'View name',
  sharing: 'Visible to',
  private: 'Only me',
  sharedWith: 'Share with these roles',
  roles: 'Roles to share with',
  submitSave: 'Save',
  cancel: 'Cancel',
  current: (name: string) => `Showing view: ${name}`,
  updateToCurrent: 'Update with current filters',
  updated: (name: string) => `“${name}” now holds the current filters`,
  saved: (name: string) => `Saved “${name}”`,
  edit: 'Rename / sharing',
  submitEdit: 'Save changes',
  remove: 'Delete',
  confirmRemove: (name: string) => `Delete the saved view “${name}”? This cannot be undone.`,
  submitRemove: 'Delete',
  removed: (name: string) => `Deleted “${name}”`,
  missing: (fields: string) =>
    `This saved view uses fields that were deleted (${fields}). It is shown without those conditions.`,
  conflict: 'Someone changed this view first. Reload the page and try again.',
  failed: 'Could not save',
  navViews: (list: string) => `Saved views of ${list}`,
  mine: 'Only mine',
  listNames: { members: 'Members', workplaces: 'Workplaces', tasks: 'Tasks', demands: 'Demands' },
};

export function useSavedViewText(): SavedViewMessages {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
