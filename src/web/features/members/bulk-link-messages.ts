import { useI18n } from '../../i18n/I18nProvider';

/** Strings of selecting members on the list and linking them to a demand at once (issue 15 §1). */
export const ja = {
  select: '選択して要求に紐付け',
  endSelect: '選択をやめる',
  selectColumn: '選択',
  selectMember: (name: string) => `${name}を選択`,
  selectPage: 'このページの全員を選択',
  selectAllMatching: (n: string) => `条件に合う全員（${n}）を選択`,
  selectOnlyPage: 'このページの選択に戻す',
  selectedCount: (n: string) => `${n}人を選択中`,
  selectedAllMatching: (n: string) => `条件に合う全員（${n}）を選択中`,
  demand: '要求',
  demandNone: '要求を選んでください',
  noDemands: '今シーズンの要求がありません',
  link: '要求に紐付け',
  unlink: '要求から外す',
  confirmLink: (n: string, title: string) => `${n}人を『${title}』に紐付けますか？`,
  confirmUnlink: (n: string, title: string) => `${n}人を『${title}』から外しますか？`,
  doLink: '紐付ける',
  doUnlink: '外す',
  cancel: 'キャンセル',
  linked: (n: number, title: string, count: number) =>
    `${n.toLocaleString('ja-JP')}人を『${title}』に紐付けました（関連組合員数 ${count.toLocaleString('ja-JP')}人）`,
  unlinked: (n: number, title: string, count: number) =>
    `${n.toLocaleString('ja-JP')}人を『${title}』から外しました（関連組合員数 ${count.toLocaleString('ja-JP')}人）`,
  people: (n: number) => `${n.toLocaleString('ja-JP')}`,
  bar: '選択した組合員の操作',
};
export type BulkLinkMessages = typeof ja;

export const en: BulkLinkMessages = {
  select: 'Select to link to a demand',
  endSelect: 'Stop selecting',
  selectColumn: 'Select',
  selectMember: (name: string) => `Select ${name}`,
  selectPage: 'Select everyone on this page',
  selectAllMatching: (n: string) => `Select all who match (${n})`,
  selectOnlyPage: 'Back to selecting on this page',
  selectedCount: (n: string) => `${n} selected`,
  selectedAllMatching: (n: string) => `All who match (${n}) selected`,
  demand: 'Demand',
  demandNone: 'Choose a demand',
  noDemands: 'No demands in this season',
  link: 'Link to demand',
  unlink: 'Unlink from demand',
  confirmLink: (n: string, title: string) => `Link ${n} members to “${title}”?`,
  confirmUnlink: (n: string, title: string) => `Unlink ${n} members from “${title}”?`,
  doLink: 'Link',
  doUnlink: 'Unlink',
  cancel: 'Cancel',
  linked: (n: number, title: string, count: number) =>
    `Linked ${n.toLocaleString('en')} members to “${title}” (related members: ${count.toLocaleString('en')})`,
  unlinked: (n: number, title: string, count: number) =>
    `Unlinked ${n.toLocaleString('en')} members from “${title}” (related members: ${count.toLocaleString('en')})`,
  people: (n: number) => n.toLocaleString('en'),
  bar: 'Actions on the selected members',
};

export function useBulkLinkMessages(): BulkLinkMessages {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}
