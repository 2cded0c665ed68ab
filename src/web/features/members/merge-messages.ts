import type { MergeField } from '../../../core/members/merge';
import { useI18n } from '../../i18n/I18nProvider';

/** Strings of likely duplicates (重複の可能性) and merging (統合); `en` has the same shape. */
export const ja = {
  // The warning on the new-member form.
  duplicatesTitle: '重複の可能性があります',
  duplicatesIntro:
    '同じ氏名・フリガナ、または先頭の0を除いて同じ社員番号の組合員が登録されています。同じ人でないか確かめてください（リンクは新しいタブで開きます）。',
  duplicatesAgain: '別の人であれば、もう一度「登録する」を押すと登録します。',
  matchedOn: { name: '氏名・フリガナが一致', employeeNumber: '社員番号が一致' },
  employeeNumber: (n: string) => `社員番号 ${n}`,
  // The member page's section.
  sectionTitle: '重複登録の統合',
  sectionIntro:
    '同じ人が2件登録されているときは、もう一方の記録をこの組合員に統合します。メモ・案件・関与度の履歴・要求・タスク・引き継ぎはこの組合員に移り、もう一方の記録は削除されます。',
  merge: '統合',
  pickTitle: '統合する記録を選ぶ',
  suggested: '重複の可能性がある組合員',
  noSuggestions: '重複の可能性がある組合員は見つかりませんでした。検索して選んでください。',
  search: '氏名・フリガナ・社員番号で検索',
  searchResults: '検索結果',
  noResults: '見つかりませんでした',
  choose: 'この記録を統合する',
  compareTitle: (name: string) => `${name}さんの記録に統合する`,
  compareIntro:
    '値が異なる項目は、残す値を選んでください。この組合員の記録が空欄の項目は、統合する記録の値で埋めます。',
  noConflicts: '値が異なる項目はありません。',
  field: '項目',
  keptSide: 'この組合員（残す記録）',
  otherSide: '統合する記録（削除）',
  empty: '（空欄）',
  next: '確認へ進む',
  back: '戻る',
  confirmTitle: '統合の確認',
  confirmIntro: (other: string, kept: string) =>
    `「${other}」の記録を「${kept}」に統合します。統合した記録は削除され、そのURLはこの組合員を表示します。`,
  movesTitle: 'この組合員に移るもの',
  moves: {
    notes: (n: number) => `メモ ${n}件`,
    cases: (n: number) => `案件 ${n}件`,
    engagementHistory: (n: number) => `関与度の履歴 ${n}件`,
    demandLinks: (n: number) => `要求との紐付け ${n}件`,
    tasks: (n: number) => `タスク ${n}件`,
    handoverLinks: (n: number) => `引き継ぎ ${n}件`,
    workplacesRepresented: (n: number) => `職場委員を務める職場 ${n}件`,
    mergedIds: (n: number) => `以前に統合した記録 ${n}件`,
    meetingsAttended: (n: number) => `職場集会への出席 ${n}件`,
  },
  fromOther: '統合する記録から取る値',
  none: 'なし',
  irreversible: '統合は取り消せません（監査ログには両方の記録が残ります）。',
  mergeYes: '統合する',
  merging: '統合しています…',
  merged: (name: string) => `「${name}」の記録をこの組合員に統合しました。`,
  redirected: '表示しようとした記録は、この組合員に統合されています。',
};

export type MergeText = typeof ja;

type Widen<T> = T extends (...args: infer A) => infer R
  ? (...args: A) => R
  : T extends string
    ? string
    : { [K in keyof T]: Widen<T[K]> };

export const en: Widen<MergeText> = {
  duplicatesTitle: 'Possible duplicate',
  duplicatesIntro:
    'A member with the same name and reading, or the same employee number but for leading zeros, is already registered. Check that it is not the same person (links open in a new tab).',
  duplicatesAgain: 'If this is another person, press “Register” again to register them.',
  matchedOn: { name: 'Same name and reading', employeeNumber: 'Same employee number' },
  employeeNumber: (n: string) => `Employee no. ${n}`,
  sectionTitle: 'Merge a duplicate record',
  sectionIntro:
    'When one person was registered twice, merge the other record into this member. Notes, cases, engagement history, demands, tasks and handovers move to this member, and the other record is removed.',
  merge: 'Merge',
  pickTitle: 'Choose the record to merge',
  suggested: 'Possible duplicates',
  noSuggestions: 'No possible duplicates were found. Search for the record.',
  search: 'Search by name, reading or employee number',
  searchResults: 'Search results',
  noResults: 'Nothing found',
  choose: 'Merge this record',
  compareTitle: (name: string) => `Merge into ${name}’s record`,
  compareIntro:
    'Where the values differ, choose the one to keep. Fields empty on this member’s record are filled from the merged record.',
  noConflicts: 'No field has different values.',
  field: 'Field',
  keptSide: 'This member (kept)',
  otherSide: 'Merged record (removed)',
  empty: '(empty)',
  next: 'Continue to confirm',
  back: 'Back',
  confirmTitle: 'Confirm the merge',
  confirmIntro: (other: string, kept: string) =>
    `The record “${other}” is merged into “${kept}”. The merged record is removed, and its URL shows this member.`,
  movesTitle: 'Moving to this member',
  moves: {
    notes: (n: number) => `${n} notes`,
    cases: (n: number) => `${n} cases`,
    engagementHistory: (n: number) => `${n} engagement changes`,
    demandLinks: (n: number) => `${n} demand links`,
    tasks: (n: number) => `${n} tasks`,
    handoverLinks: (n: number) => `${n} handovers`,
    workplacesRepresented: (n: number) => `${n} workplaces they represent`,
    mergedIds: (n: number) => `${n} records merged earlier`,
    meetingsAttended: (n: number) => `${n} meetings attended`,
  },
  fromOther: 'Values taken from the merged record',
  none: 'none',
  irreversible: 'A merge cannot be undone (the audit log keeps both records).',
  mergeYes: 'Merge',
  merging: 'Merging…',
  merged: (name: string) => `The record “${name}” was merged into this member.`,
  redirected: 'The record you opened was merged into this member.',
};

export function useMergeText(): MergeText {
  const { lang } = useI18n();
  return (lang === 'ja' ? ja : en) as MergeText;
}

/** The counts a merge moves, in the order the confirmation lists them. */
export const MOVE_KEYS = [
  'notes',
  'cases',
  'engagementHistory',
  'demandLinks',
  'tasks',
  'handoverLinks',
  'workplacesRepresented',
  'mergedIds',
  'meetingsAttended',
] as const satisfies readonly (keyof MergeText['moves'])[];

export type { MergeField };
