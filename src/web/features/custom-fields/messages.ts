import type { CustomFieldEntity, CustomFieldType } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { type Lang, useI18n } from '../../i18n/I18nProvider';

// Strings of カスタム項目 (issue 17): the union's own fields on members and workplaces.

export const ja = {
  title: 'カスタム項目',
  intro:
    '組合員と職場に、組合独自の項目を追加できます。追加した項目は入力画面・詳細画面・一覧に表示されます。',
  entities: { member: '会員', workplace: '職場' } satisfies Record<CustomFieldEntity, string>,
  entityTitle: (entity: string) => `${entity}の項目`,
  types: {
    text: '1行テキスト',
    long_text: '複数行テキスト',
    number: '数値',
    date: '日付',
    boolean: 'はい/いいえ',
    choice: '単一選択',
    choices: '複数選択',
  } satisfies Record<CustomFieldType, string>,
  table: (entity: string) => `${entity}のカスタム項目`,
  colOrder: '順番',
  colLabel: '項目名',
  colKey: 'キー',
  colType: '種類',
  colRequired: '必須',
  colActions: '操作',
  required: '必須',
  optional: '任意',
  empty: 'カスタム項目はまだありません。',
  key: 'キー',
  keyHint: '半角英小文字で始まり、英小文字・数字・_ で40文字まで（例：shift）。後から変更できません。',
  labelJa: '日本語ラベル',
  labelEn: '英語ラベル',
  type: '種類',
  typeHint: '後から変更できません。',
  requiredLabel: '必須にする',
  options: '選択肢',
  optionsHint: '値は保存に使う半角の識別子（例：day）。表示は日本語・英語のラベルです。',
  optionValue: (n: number) => `選択肢${n}の値`,
  optionLabelJa: (n: number) => `選択肢${n}の日本語ラベル`,
  optionLabelEn: (n: number) => `選択肢${n}の英語ラベル`,
  removeOption: (n: number) => `選択肢${n}を削除`,
  addOption: '選択肢を追加',
  add: (entity: string) => `${entity}の項目を追加`,
  newTitle: (entity: string) => `${entity}の項目を追加`,
  editTitle: (label: string) => `「${label}」を編集`,
  create: '追加',
  save: '保存',
  cancel: 'キャンセル',
  edit: '編集',
  editLabel: (label: string) => `「${label}」を編集`,
  up: '↑',
  down: '↓',
  upLabel: (label: string) => `「${label}」を上へ`,
  downLabel: (label: string) => `「${label}」を下へ`,
  remove: '削除',
  removeLabel: (label: string) => `「${label}」を削除`,
  confirmTitle: (label: string) => `「${label}」を削除しますか？`,
  confirmBody:
    '項目は保管され、入力画面・詳細画面・一覧に表示されなくなります。入力済みの値は消えずに残り、「復元」すると再び表示されます。',
  confirmRemove: '削除する',
  restore: '復元',
  restoreLabel: (label: string) => `「${label}」を復元`,
  archivedTitle: '削除した項目',
  archivedIntro: '値は残っています。「復元」で再び使えるようになります。',
  archivedOn: (when: string) => `${when}に削除`,
  created: (label: string) => `「${label}」を追加しました`,
  saved: (label: string) => `「${label}」を保存しました`,
  moved: (label: string) => `「${label}」の順番を変えました`,
  archived: (label: string) => `「${label}」を削除しました（値は残っています）`,
  restored: (label: string) => `「${label}」を復元しました`,
  yes: 'はい',
  no: 'いいえ',
  listSeparator: '、',
  notSet: '未設定',
  // Lists
  columns: '表示する列',
  columnsHint: 'カスタム項目を一覧の列に加えます。',
  noFields: 'カスタム項目はありません',
  all: 'すべて',
  formSection: 'カスタム項目',
  errors: {
    'must start with a-z and hold only a-z, 0-9 and _ (at most 40 characters)':
      '半角英小文字で始め、英小文字・数字・_ の40文字以内にしてください',
    'needs at least one option': '選択肢を1つ以上入力してください',
    'must not contain , ; or 、': '「,」「;」「、」は使えません',
    'must be one line without control characters': '改行や制御文字は使えません',
    'must be text': '文字で入力してください',
    'must be a number': '数値を入力してください',
    'must be true or false': 'はい・いいえで答えてください',
    'must be a list of option values': '選択肢から選んでください',
    'is not a field of this record': 'この記録にはない項目です',
    'must be one line': '1行で入力してください',
  } as Record<string, string>,
};

// Server messages that name a value (「…を使っている記録があります」 and the like).
const jaPatterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^repeats the value (.+)$/, (m) => `値「${m[1]}」が重複しています`],
  [/^repeats (.+)$/, (m) => `「${m[1]}」が重複しています`],
  [/^must hold only: /, () => '選択肢から選んでください'],
  [/^are not used by a \w+ field$/, () => 'この種類の項目には選択肢はありません'],
  [
    /^is already in use/,
    () => 'このキーはすでに使われています（削除した項目が使っている場合は、その項目を「復元」してください）',
  ],
  [
    /^records still hold (.+?): /,
    (m) => `記録が使っている選択肢（${m[1]}）は削除できません。先に記録の値を変えてください`,
  ],
];

export type CustomFieldMessages = typeof ja;

type Widen<T> = T extends (...args: infer A) => infer R
  ? (...args: A) => R
  : T extends string
    ? string
    : { [K in keyof T]: Widen<T[K]> };

export const en: Widen<CustomFieldMessages> = {
  title: 'Custom fields',
  intro:
    'Add the union’s own fields to members and workplaces. They appear in the forms, on the record pages and in the lists.',
  entities: { member: 'Member', workplace: 'Workplace' },
  entityTitle: (entity: string) => `${entity} fields`,
  types: {
    text: 'Single-line text',
    long_text: 'Multi-line text',
    number: 'Number',
    date: 'Date',
    boolean: 'Yes/no',
    choice: 'Single choice',
    choices: 'Multiple choice',
  },
  table: (entity: string) => `${entity} custom fields`,
  colOrder: 'Order',
  colLabel: 'Label',
  colKey: 'Key',
  colType: 'Type',
  colRequired: 'Required',
  colActions: 'Actions',
  required: 'Required',
  optional: 'Optional',
  empty: 'No custom fields yet.',
  key: 'Key',
  keyHint:
    'Starts with a lowercase letter; lowercase letters, digits and _ up to 40 characters (e.g. shift). Cannot be changed later.',
  labelJa: 'Japanese label',
  labelEn: 'English label',
  type: 'Type',
  typeHint: 'Cannot be changed later.',
  requiredLabel: 'Required',
  options: 'Options',
  optionsHint: 'The value is the identifier stored (e.g. day); the labels are what people see.',
  optionValue: (n: number) => `Value of option ${n}`,
  optionLabelJa: (n: number) => `Japanese label of option ${n}`,
  optionLabelEn: (n: number) => `English label of option ${n}`,
  removeOption: (n: number) => `Remove option ${n}`,
  addOption: 'Add an option',
  add: (entity: string) => `Add a ${entity.toLowerCase()} field`,
  newTitle: (entity: string) => `Add a ${entity.toLowerCase()} field`,
  editTitle: (label: string) => `Edit “${label}”`,
  create: 'Add',
  save: 'Save',
  cancel: 'Cancel',
  edit: 'Edit',
  editLabel: (label: string) => `Edit “${label}”`,
  up: '↑',
  down: '↓',
  upLabel: (label: string) => `Move “${label}” up`,
  downLabel: (label: string) => `Move “${label}” down`,
  remove: 'Delete',
  removeLabel: (label: string) => `Delete “${label}”`,
  confirmTitle: (label: string) => `Delete “${label}”?`,
  confirmBody:
    'The field is archived and no longer shown in forms, record pages and lists. Values already entered are kept, and “Restore” shows them again.',
  confirmRemove: 'Delete',
  restore: 'Restore',
  restoreLabel: (label: string) => `Restore “${label}”`,
  archivedTitle: 'Deleted fields',
  archivedIntro: 'Their values are kept. “Restore” brings a field back.',
  archivedOn: (when: string) => `deleted ${when}`,
  created: (label: string) => `Added “${label}”`,
  saved: (label: string) => `Saved “${label}”`,
  moved: (label: string) => `Moved “${label}”`,
  archived: (label: string) => `Deleted “${label}” (its values are kept)`,
  restored: (label: string) => `Restored “${label}”`,
  yes: 'Yes',
  no: 'No',
  listSeparator: ', ',
  notSet: 'Not set',
  columns: 'Columns',
  columnsHint: 'Adds custom fields to the list as columns.',
  noFields: 'No custom fields',
  all: 'All',
  formSection: 'Custom fields',
  errors: {},
};

export function useCustomFieldText(): CustomFieldMessages {
  const { lang } = useI18n();
  return (lang === 'ja' ? ja : en) as CustomFieldMessages;
}

/** A server field message about a custom field, in the user's language. */
export function customFieldError(message: string | undefined, lang: Lang): string | undefined {
  if (message === undefined) return undefined;
  if (lang === 'ja') {
    if (ja.errors[message]) return ja.errors[message];
    const translated = translateFieldError(message, lang);
    if (translated !== message) return translated;
    for (const [re, make] of jaPatterns) {
      const m = message.match(re);
      if (m) return make(m);
    }
  }
  return translateFieldError(message, lang);
}
