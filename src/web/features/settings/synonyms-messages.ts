import type { SynonymKind } from '../../../core/matching/synonyms';
import { translateFieldError } from '../../i18n/field-errors';
import { type Lang, useI18n } from '../../i18n/I18nProvider';

// Strings of 同義語・関連語 (issue 16): the table concern matching uses to join a member's words
// to a demand's.

export const ja = {
  title: '同義語・関連語',
  intro:
    '組合員の言葉と要求の言葉を結び付けるときに使う表です。「ベア」と「賃上げ」のように、書き方が違っても同じ話だとわかるようにします。「人が足りない」のような言い回しは「人+足りる+ない」（名詞+述語の基本形、否定なら+ない）と書きます。職員・ドライバー・二人なども「人」として数えます。',
  kindsTitle: '種類',
  kindsHelp: {
    equal: '同じ意味（=）：どの語も同じものとして扱います（例：残業代、時間外手当）。',
    related: '関連（≈）：近い話題として、少し弱く結び付けます（例：残業、タイムカード）。',
    narrower:
      '上位・下位（⊃）：最初の語が広い意味の語、残りはその一種です（例：ハラスメント、パワハラ、セクハラ）。',
  } satisfies Record<SynonymKind, string>,
  kinds: {
    equal: '同じ意味（=）',
    related: '関連（≈）',
    narrower: '上位・下位（⊃）',
  } satisfies Record<SynonymKind, string>,
  isDefault: '初期設定の一覧を使っています（まだ誰も保存していません）。',
  savedTable: (when: string) => `組合で編集した一覧を使っています（最終更新 ${when}）。`,
  readOnly: '表を変更できるのは、管理者・専従役員・執行委員です。',
  filter: '語で絞り込む',
  filterHint: '入力した文字を含む行だけを表示します（保存されるのは表全体です）。',
  filtered: (shown: number, total: number) => `${total}行中 ${shown}行を表示`,
  rows: (n: number) => `${n}行`,
  table: '同義語・関連語の表',
  colNumber: '行',
  colKind: '種類',
  colTerms: '語（「、」区切り）',
  colActions: '操作',
  kindLabel: (n: number) => `${n}行目の種類`,
  termsLabel: (n: number) => `${n}行目の語`,
  termsHint: '「、」で区切って2語以上',
  narrowerPreview: (broader: string, narrower: string) => `上位：${broader}／下位：${narrower}`,
  remove: '削除',
  removeLabel: (n: number) => `${n}行目を削除`,
  addRow: '行を追加',
  save: '保存',
  saved: '保存しました。提案はこの表で計算し直しています。',
  noRows: '行がありません。「行を追加」で追加してください。',
  noMatch: '条件に合う行がありません',
  listSeparator: '、',
  candidatesTitle: '追加の候補',
  candidatesIntro:
    '提案が採用されたときに、組合員の言葉と要求の言葉が2回以上結び付いた組み合わせです。「追加」で関連（≈）の行として表に加わり、「保存」で反映されます。',
  candidatesEmpty: '追加の候補はありません。',
  candidate: (term: string, demandTerm: string) => `${term} ≈ ${demandTerm}`,
  candidateCount: (n: number) => `採用 ${n}回`,
  add: '追加',
  addLabel: (pair: string) => `${pair}を表に追加`,
  dismiss: '却下',
  dismissLabel: (pair: string) => `${pair}を却下`,
  inTable: '表にあります',
  addedUnsaved: '表に追加しました（保存してください）',
  dismissed: (pair: string) => `${pair}を却下しました`,
  rowError: (term: string, message: string) => `「${term}」：${message}`,
  errors: {
    required: '空の語があります',
    tooLong: '40文字以内にしてください',
    invalidCharacters: '使えない文字が含まれています',
    tooShort: '2文字以上の語にしてください',
    tooFew: '語を2つ以上入力してください',
    tooMany: '多すぎます（1行は20語まで、表は500行まで）',
    duplicateTerms: '同じ語が重複しています（全角・半角やひらがな・カタカナの違いも同じ語とみなします）',
  } as Record<string, string>,
};

export type SynonymsMessages = typeof ja;

type Widen<T> = T extends (...args: infer A) => infer R
  ? (...args: A) => R
  : T extends string
    ? string
    : { [K in keyof T]: Widen<T[K]> };

export const en: Widen<SynonymsMessages> = {
  title: 'Synonyms and related words',
  intro:
    'The table that joins the words members use to the words of demands, so that ベア and 賃上げ are known to be the same subject however they are written. A phrase such as 人が足りない is written 人+足りる+ない (the noun + the predicate in its dictionary form, + ない when negated); 職員, ドライバー, 二人 and the like count as 人.',
  kindsTitle: 'Kinds',
  kindsHelp: {
    equal: 'Same meaning (=): every word counts as the same (e.g. 残業代, 時間外手当).',
    related: 'Related (≈): close subjects, joined a little more weakly (e.g. 残業, タイムカード).',
    narrower:
      'Broader and narrower (⊃): the first word is the broad one, the others are kinds of it (e.g. ハラスメント, パワハラ, セクハラ).',
  },
  kinds: {
    equal: 'Same meaning (=)',
    related: 'Related (≈)',
    narrower: 'Broader ⊃ narrower',
  },
  isDefault: 'The default list is in force (nobody has saved a table yet).',
  savedTable: (when: string) => `The union’s own table is in force (last saved ${when}).`,
  readOnly: 'Administrators, officers and executives can change the table.',
  filter: 'Filter by word',
  filterHint: 'Shows only the rows containing what you type (the whole table is saved).',
  filtered: (shown: number, total: number) => `${shown} of ${total} rows shown`,
  rows: (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`,
  table: 'Synonyms and related words',
  colNumber: 'Row',
  colKind: 'Kind',
  colTerms: 'Words (separated by 、 or commas)',
  colActions: 'Actions',
  kindLabel: (n: number) => `Kind of row ${n}`,
  termsLabel: (n: number) => `Words of row ${n}`,
  termsHint: 'Two or more, separated by 、 or commas',
  narrowerPreview: (broader: string, narrower: string) => `Broader: ${broader} / narrower: ${narrower}`,
  remove: 'Remove',
  removeLabel: (n: number) => `Remove row ${n}`,
  addRow: 'Add a row',
  save: 'Save',
  saved: 'Saved. Suggestions are being worked out again with this table.',
  noRows: 'No rows. Add one with “Add a row”.',
  noMatch: 'No row matches',
  listSeparator: ', ',
  candidatesTitle: 'Suggested additions',
  candidatesIntro:
    'Pairs of a member’s word and a demand’s word that accepted suggestions joined twice or more. “Add” puts the pair in the table as related (≈); “Save” makes it count.',
  candidatesEmpty: 'No suggested additions.',
  candidate: (term: string, demandTerm: string) => `${term} ≈ ${demandTerm}`,
  candidateCount: (n: number) => `accepted ${n} ${n === 1 ? 'time' : 'times'}`,
  add: 'Add',
  addLabel: (pair: string) => `Add ${pair} to the table`,
  dismiss: 'Dismiss',
  dismissLabel: (pair: string) => `Dismiss ${pair}`,
  inTable: 'In the table',
  addedUnsaved: 'Added to the table (save it)',
  dismissed: (pair: string) => `Dismissed ${pair}`,
  rowError: (term: string, message: string) => `“${term}”: ${message}`,
  errors: {
    required: 'A word is empty',
    tooLong: 'Use at most 40 characters',
    invalidCharacters: 'Contains characters that cannot be used',
    tooShort: 'Use words of 2 characters or more',
    tooFew: 'Enter 2 words or more',
    tooMany: 'Too many (20 words a row, 500 rows a table)',
    duplicateTerms:
      'A word is repeated (full- and half-width forms, hiragana and katakana count as the same word)',
  },
};

export function useSynonymsText(): SynonymsMessages {
  const { lang } = useI18n();
  return (lang === 'ja' ? ja : en) as SynonymsMessages;
}

/** A server field message of the synonym table (a code such as `tooShort`) in the user's language. */
export function synonymFieldError(message: string, lang: Lang): string {
  const table = lang === 'ja' ? ja.errors : en.errors;
  return table[message] ?? translateFieldError(message, lang);
}
