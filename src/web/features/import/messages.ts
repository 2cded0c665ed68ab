import { IMPORT_FIELD_LABELS } from '../../../core/import/mapping';
import { translateFieldError } from '../../i18n/field-errors';
import { type Lang, useI18n } from '../../i18n/I18nProvider';

/** Strings of the import page (取り込み); `en` has the same shape. */
export const ja = {
  nav: '取り込み',
  title: '取り込み',
  intro:
    'Excelの名簿（CSV・XLSX）から組合員や職場をまとめて登録・更新します。まず確認（書き込みなし）を行い、内容を確かめてから取り込みます。組合員はID（書き出したファイルのID列）か社員番号、職場は職場名で既存の記録と照合します。書き出したファイルを編集して取り込むと、同じ組合員が更新されます。',
  introLinks:
    '要求に賛同・関係する組合員をファイルからまとめて紐付けます。各行に組合員（社員番号、または書き出したファイルのID列）と要求（要求の名前、または要求ID）を入れます。要求の名前は「交渉シーズン」列のシーズン（空欄なら今のシーズン）の中から探します。担当職場の組合員だけを紐付けられます。',
  notAllowedTitle: '取り込みは専従役員と管理者が行います',
  notAllowedBody: 'このページを使う権限がありません。',
  step1: '1. ファイルを選ぶ',
  kind: '取り込むもの',
  kinds: { members: '組合員', workplaces: '職場', 'demand-links': '要求への組合員の紐付け' },
  file: 'ファイル',
  fileHint: 'CSV（UTF-8・Shift_JIS）、TSV、XLSX。32MBまで。1行目は見出しにしてください。',
  fileMissing: 'ファイルを選んでください',
  savedMapping: '保存した対応付け',
  automatic: '見出しから自動で対応付ける',
  createWorkplaces: '名簿にあって未登録の職場を作成する',
  skipInvalid: 'エラーのある行を飛ばして、ほかの行を取り込む',
  check: '確認する（書き込みません）',
  recheck: 'この対応付けでもう一度確認する',
  checking: '確認中…',
  step2: '2. 列の対応付け',
  mappingHint: 'ファイルの各列に入れる項目を選びます。取り込まない列は「取り込まない」のままにします。',
  column: 'ファイルの列',
  field: '入れる項目',
  ignore: '取り込まない',
  mappingChanged: '対応付けを変えました。もう一度確認してから取り込んでください。',
  saveMapping: 'この対応付けを保存',
  mappingName: '名前',
  mappingNameHint: '例：本社様式の名簿',
  save: '保存',
  saved: (name: string) => `「${name}」として保存しました。`,
  step3: '3. 確認結果',
  resultTitle: (fileName: string) => `${fileName}の確認結果`,
  fileInfo: (format: string, encoding: string | null, total: number) =>
    `${format.toUpperCase()}${encoding ? `（${encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}）` : ''}・${total}行`,
  counts: '件数',
  willCreate: '新規登録',
  willUpdate: '更新',
  unchanged: '変更なし',
  withErrors: 'エラーのある行',
  rows: (n: number) => `${n}行`,
  newWorkplaces: (names: string) => `新しく作成する職場：${names}`,
  followUps: (n: number) => `脱退リスクのフォロータスク：${n}件`,
  unknownWorkplaces: `登録されていない職場があります。「名簿にあって未登録の職場を作成する」を選んでもう一度確認すると、取り込むときに作成されます。`,
  willLink: '紐付ける',
  alreadyLinked: '紐付け済み',
  byDemandTitle: '要求ごとの件数',
  season: '交渉シーズン',
  demand: '要求',
  people: (n: number) => `${n}人`,
  noSeason: '（なし）',
  changesTitle: (n: number) => `更新される組合員 ${n}人の変更内容`,
  changesMore: (n: number) => `ほかに${n}人の組合員も更新されます（表示は最初の200人まで）。`,
  member: '組合員',
  item: '項目',
  before: '変更前',
  after: '変更後',
  empty: '（空欄）',
  errorsTitle: (n: number) => `エラー ${n}件`,
  errorsShown: (shown: number, total: number) => `最初の${shown}件を表示しています（全${total}件）。`,
  row: '行',
  reason: '理由',
  wholeRow: '行全体',
  warningsTitle: (n: number) => `重複の可能性 ${n}件`,
  repeatsTitle: (n: number) => `同じ紐付けの繰り返し ${n}件`,
  repeatsHint: '同じ組合員と要求の組み合わせが前の行にもあります。紐付けは1回だけ行います。',
  warningsHint:
    'このまま取り込むと、次の行は新しい組合員として登録されます（社員番号の先頭の0だけが違う更新は、そのまま書き込まれます）。同じ人であれば、既存の組合員の社員番号に合わせるか、書き出したファイルのID列を使って取り込んでください。',
  warningsShown: (shown: number, total: number) => `最初の${shown}件を表示しています（全${total}件）。`,
  warning: {
    same_name: (name: string) => `既存の組合員「${name}」と氏名・フリガナが同じです`,
    same_name_in_file: (row: number) => `${row}行目と氏名・フリガナが同じです`,
    employee_number_zeros: (name: string, number: string) =>
      `既存の組合員「${name}」の社員番号 ${number} と先頭の0だけが違います`,
    employee_number_zeros_in_file: (row: number) => `${row}行目の社員番号と先頭の0だけが違います`,
    employee_number_zeros_change: (name: string, number: string) =>
      `「${name}」の社員番号 ${number} を先頭の0だけ違う番号に変えます（表計算ソフトで0が消えた可能性があります）`,
    link_in_file: (row: number) => `${row}行目と同じ組合員・要求です（1回だけ紐付けます）`,
  },
  noErrors: 'エラーはありません。',
  blocked:
    'エラーのある行があるため、このままでは取り込めません。ファイルを直すか、「エラーのある行を飛ばして…」を選んでください。',
  nothingToDo: '取り込む変更はありません。',
  apply: '取り込む',
  applying: '取り込み中…',
  applyHint: (n: number) =>
    `${n}行を書き込みます。すべてが一度に反映されます（途中で止まった場合は何も変わりません）。`,
  applyLinksHint: (n: number) =>
    `${n}件の紐付けを行います。すべてが一度に反映されます（途中で止まった場合は何も変わりません）。`,
  doneTitle: '取り込みました',
  done: (created: number, updated: number, skipped: number) =>
    `新規登録 ${created}行・更新 ${updated}行${skipped ? `・飛ばした行 ${skipped}行` : ''}`,
  toMembers: '組合員の一覧へ',
  toWorkplaces: '職場の一覧へ',
  doneLinks: (linked: number, already: number, skipped: number) =>
    `紐付け ${linked}件・紐付け済み ${already}件${skipped ? `・飛ばした行 ${skipped}行` : ''}`,
  toDemands: '要求の一覧へ',
  another: '別のファイルを取り込む',
  progressLabel: '進み具合',
  phases: { reading: 'ファイルを読み込み中', validating: '行を確認中', writing: '書き込み中' },
  progressText: (phase: string, done: number, total: number) => `${phase} ${done} / ${total}`,
  fileError: 'ファイルを読み込めませんでした',
  fields: {
    members: IMPORT_FIELD_LABELS.members as Record<string, string>,
    workplaces: IMPORT_FIELD_LABELS.workplaces as Record<string, string>,
    'demand-links': IMPORT_FIELD_LABELS['demand-links'] as Record<string, string>,
  },
};

export type ImportText = typeof ja;

export const en: ImportText = {
  nav: 'Import',
  title: 'Import',
  intro:
    'Add or update members and workplaces from an Excel roster (CSV, XLSX). First check the file (nothing is written), then import. Members are matched by ID (the ID column of an export) or employee number, workplaces by name: an edited export updates the same members.',
  introLinks:
    'Link many members to demands at once from a file. Each row names a member (employee number, or the ID column of an export) and a demand (its title, or its demand ID). Titles are looked up in the season of the Season column (when empty, the current season). You can link only members of the workplaces you can see.',
  notAllowedTitle: 'Imports are for full-time officers and admins',
  notAllowedBody: 'Your role does not allow using this page.',
  step1: '1. Choose a file',
  kind: 'What to import',
  kinds: { members: 'Members', workplaces: 'Workplaces', 'demand-links': 'Links of members to demands' },
  file: 'File',
  fileHint: 'CSV (UTF-8 or Shift_JIS), TSV or XLSX, up to 32 MB. The first row must be the headers.',
  fileMissing: 'Choose a file',
  savedMapping: 'Saved column mapping',
  automatic: 'Match the headers automatically',
  createWorkplaces: 'Create the workplaces the roster names that do not exist yet',
  skipInvalid: 'Skip the rows with errors and import the others',
  check: 'Check (writes nothing)',
  recheck: 'Check again with this mapping',
  checking: 'Checking…',
  step2: '2. Column mapping',
  mappingHint:
    'Choose the field each column of the file fills. Leave columns you do not need on “Do not import”.',
  column: 'File column',
  field: 'Field',
  ignore: 'Do not import',
  mappingChanged: 'You changed the mapping. Check again before importing.',
  saveMapping: 'Save this mapping',
  mappingName: 'Name',
  mappingNameHint: 'e.g. Head office roster',
  save: 'Save',
  saved: (name: string) => `Saved as “${name}”.`,
  step3: '3. Check results',
  resultTitle: (fileName: string) => `Check of ${fileName}`,
  fileInfo: (format: string, encoding: string | null, total: number) =>
    `${format.toUpperCase()}${encoding ? ` (${encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'})` : ''}, ${total} rows`,
  counts: 'Counts',
  willCreate: 'New',
  willUpdate: 'Updated',
  unchanged: 'Unchanged',
  withErrors: 'Rows with errors',
  rows: (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`,
  newWorkplaces: (names: string) => `New workplaces: ${names}`,
  followUps: (n: number) => `At-risk follow-up tasks: ${n}`,
  unknownWorkplaces:
    'Some workplaces do not exist yet. Choose “Create the workplaces the roster names that do not exist yet” and check again to create them with the import.',
  willLink: 'To link',
  alreadyLinked: 'Already linked',
  byDemandTitle: 'Per demand',
  season: 'Season',
  demand: 'Demand',
  people: (n: number) => `${n} ${n === 1 ? 'member' : 'members'}`,
  noSeason: '(none)',
  changesTitle: (n: number) => `Changes to ${n} ${n === 1 ? 'member' : 'members'}`,
  changesMore: (n: number) =>
    `${n} more ${n === 1 ? 'member is' : 'members are'} updated (the first 200 are shown).`,
  member: 'Member',
  item: 'Field',
  before: 'Before',
  after: 'After',
  empty: '(empty)',
  errorsTitle: (n: number) => `${n} ${n === 1 ? 'error' : 'errors'}`,
  errorsShown: (shown: number, total: number) => `Showing the first ${shown} of ${total}.`,
  row: 'Row',
  reason: 'Reason',
  wholeRow: 'Whole row',
  warningsTitle: (n: number) => `${n} possible duplicates`,
  repeatsTitle: (n: number) => `${n} repeated ${n === 1 ? 'link' : 'links'}`,
  repeatsHint: 'An earlier row has the same member and demand. The link is made once.',
  warningsHint:
    'Imported as they are, these rows register new members (an update that changes an employee number only in its leading zeros is written as it is). If they are the same people, match the existing members’ employee numbers, or import the exported file with its ID column.',
  warningsShown: (shown: number, total: number) => `Showing the first ${shown} of ${total}.`,
  warning: {
    same_name: (name: string) => `Same name and reading as the existing member “${name}”`,
    same_name_in_file: (row: number) => `Same name and reading as row ${row}`,
    employee_number_zeros: (name: string, number: string) =>
      `Differs only in leading zeros from the employee number ${number} of the existing member “${name}”`,
    employee_number_zeros_in_file: (row: number) =>
      `Differs only in leading zeros from the employee number of row ${row}`,
    employee_number_zeros_change: (name: string, number: string) =>
      `Changes the employee number ${number} of “${name}” only in its leading zeros (a spreadsheet may have dropped them)`,
    link_in_file: (row: number) => `Same member and demand as row ${row} (linked once)`,
  },
  noErrors: 'No errors.',
  blocked:
    'Some rows have errors, so the file cannot be imported as it is. Fix the file, or choose “Skip the rows with errors…”.',
  nothingToDo: 'There is nothing to change.',
  apply: 'Import',
  applying: 'Importing…',
  applyHint: (n: number) =>
    `${n} ${n === 1 ? 'row is' : 'rows are'} written, all at once (if the import stops half-way, nothing changes).`,
  applyLinksHint: (n: number) =>
    `${n} ${n === 1 ? 'link is' : 'links are'} made, all at once (if the import stops half-way, nothing changes).`,
  doneTitle: 'Imported',
  done: (created: number, updated: number, skipped: number) =>
    `${created} new, ${updated} updated${skipped ? `, ${skipped} skipped` : ''}`,
  toMembers: 'Go to the member list',
  toWorkplaces: 'Go to the workplace list',
  doneLinks: (linked: number, already: number, skipped: number) =>
    `${linked} linked, ${already} already linked${skipped ? `, ${skipped} skipped` : ''}`,
  toDemands: 'Go to the demand list',
  another: 'Import another file',
  progressLabel: 'Progress',
  phases: { reading: 'Reading the file', validating: 'Checking rows', writing: 'Writing' },
  progressText: (phase: string, done: number, total: number) => `${phase} ${done} / ${total}`,
  fileError: 'The file could not be read',
  fields: {
    members: {
      id: 'ID',
      employeeNumber: 'Employee number',
      name: 'Name',
      nameKana: 'Reading (kana)',
      workplaceName: 'Workplace',
      department: 'Department',
      jobType: 'Job type',
      grade: 'Grade',
      joinedOn: 'Joined the union',
      engagement: 'Engagement',
      engagementReason: 'Engagement reason',
      unionRole: 'Union role',
      status: 'Status',
      leftOn: 'Left on',
      concerns: 'Concerns and demands',
      nextAction: 'Next action',
      nextActionDueOn: 'Next action due',
      parentOrganization: 'Parent organization',
      owner: 'Owner (email)',
    },
    workplaces: {
      name: 'Workplace name',
      nameKana: 'Reading',
      establishment: 'Establishment',
      employeeCount: 'Employees',
      atmosphere: 'Atmosphere',
      issues: 'Issues and demands',
      organizingStatus: 'Organizing status',
      owner: 'Owner (email or name)',
    },
    'demand-links': {
      memberId: 'Member ID',
      employeeNumber: 'Employee number',
      demandId: 'Demand ID',
      demandTitle: 'Demand (title)',
      seasonName: 'Season',
    },
  },
};

export function useImportText(): ImportText {
  const { lang } = useI18n();
  return lang === 'ja' ? ja : en;
}

// The API's row, mapping and file messages are English; Japanese users see them translated.
const patterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must be a real calendar date \((.+) does not exist\)$/, (m) => `存在しない日付です（${m[1]}）`],
  [/^must be one of: (.+)$/, (m) => `次のいずれかを入力してください：${m[1]}`],
  [
    /^has (\d+) cells but the header has (\d+) columns$/,
    (m) => `セルが${m[1]}個あり、見出しの${m[2]}列より多くなっています`,
  ],
  [/^repeats the employee number of row (\d+)$/, (m) => `${m[1]}行目と同じ社員番号です`],
  [/^repeats the workplace name of row (\d+)$/, (m) => `${m[1]}行目と同じ職場名です`],
  [
    /^appears more than once in the file \(first at row (\d+)\)$/,
    (m) => `ファイル内で重複しています（最初は${m[1]}行目）`,
  ],
  [/^is required for a new member$/, () => '新しい組合員には氏名が必要です'],
  [/^no workplace has this name$/, () => 'この名前の職場は登録されていません'],
  [/^no workplace is named (.+)$/s, (m) => `「${m[1]}」という職場は登録されていません`],
  [/^no member has this ID$/, () => 'このIDの組合員はいません'],
  [
    /^no member has this employee number \((.+) differs only in leading zeros\)$/s,
    (m) =>
      `この社員番号の組合員はいません（${m[1]} と先頭の0だけが違います。表計算ソフトで0が消えた可能性があります）`,
  ],
  [/^no member has this employee number$/, () => 'この社員番号の組合員はいません'],
  [/^must be a demand ID$/, () => '要求のIDではありません'],
  [/^no demand has this ID$/, () => 'このIDの要求はありません'],
  [/^no demand of the season has this title$/, () => 'このシーズンにこの名前の要求はありません'],
  [
    /^matches (\d+) demands of the season; use the demand ID$/,
    (m) => `このシーズンに同じ名前の要求が${m[1]}件あります。要求IDで指定してください`,
  ],
  [/^no bargaining season has this name$/, () => 'この名前の交渉シーズンはありません'],
  [
    /^no column is mapped to memberId or employeeNumber$/,
    () => '「社員番号」か「ID」に対応する列を選んでください',
  ],
  [
    /^no column is mapped to demandId or demandTitle$/,
    () => '「要求」か「要求ID」に対応する列を選んでください',
  ],
  [/^must be a member ID$/, () => '組合員のID（書き出したファイルのID列）ではありません'],
  [/^belongs to another member \((.+)\)$/s, (m) => `別の組合員（${m[1]}）の社員番号です`],
  [
    /^no enabled staff user has this email address or name$/,
    () => 'このメールアドレス・名前の有効な利用者はいません',
  ],
  [
    /^matches several staff users; use the email address$/,
    () => '同じ名前の利用者が複数います。メールアドレスで指定してください',
  ],
  [/^must be a whole number, 0 or more$/, () => '0以上の整数を入力してください'],
  [/^must be text$/, () => '文字で入力してください'],
  [/^is mapped to an unknown field/, () => '不明な項目が選ばれています'],
  [/^fills \w+, which column "(.+)" already fills$/, (m) => `「${m[1]}」列と同じ項目が選ばれています`],
  [/^no column is mapped to name$/, () => '「氏名（職場名）」に対応する列を選んでください'],
  [
    /^no column is mapped to name or employeeNumber$/,
    () =>
      '「氏名」か「社員番号」に対応する列を選んでください（社員番号だけなら既存の組合員の更新になります）',
  ],
  [/^is empty$/, () => 'ファイルが空です'],
  [/^is not UTF-8 or Shift_JIS text$/, () => 'UTF-8でもShift_JISでもない文字コードです'],
  [
    /^is UTF-16 text/,
    () => 'UTF-16のテキストです。「CSV UTF-8」か「CSV（コンマ区切り）」で保存し直してください',
  ],
  [
    /^is an old-format Excel/,
    () => '古い形式のExcel（.xls）か、パスワード付きのブックです。.xlsxかCSVで保存し直してください',
  ],
  [/^is not a valid XLSX workbook/, () => '正しいXLSXファイルではありません'],
  [/^is a PDF/, () => 'PDFファイルです。CSV・TSV・XLSXを選んでください'],
  [/^has no header row$/, () => '見出しの行がありません'],
  [/^has the column "(.+)" twice$/, (m) => `「${m[1]}」列が2つあります`],
  [/^has more than ([\d,]+) rows$/, (m) => `${m[1]}行を超えています。ファイルを分けてください`],
  [/^must be at most (\d+) MB$/, (m) => `${m[1]}MBを超えています`],
  [/\(a ZIP bomb\?\)$/, () => '展開すると大きくなりすぎるファイルです'],
];

/** A row, mapping or file message from the API in the user's language. */
export function importMessage(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [re, make] of patterns) {
    const m = message.match(re);
    if (m) return make(m);
  }
  return translateFieldError(message, lang);
}
