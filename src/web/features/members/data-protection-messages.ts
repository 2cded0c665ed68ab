import { useI18n } from '../../i18n/I18nProvider';

/** Strings of the member page's 個人データ section (access requests, erasure); `en` has the same shape. */
export const ja = {
  title: '個人データ',
  intro: '本人からの開示請求・消去請求に対応するための操作です（管理者のみ）。',
  exportLink: '個人データを書き出す (JSON)',
  exportHint:
    'この組合員について記録されているすべて（基本情報、メモ、要配慮を含む案件、関与度の履歴、要求、タスク、引き継ぎ、監査ログ）を1つのJSONファイルでダウンロードします。書き出したことは監査ログに記録されます。',
  erase: '完全に消去する',
  erasing: '消去しています…',
  panelTitle: (name: string) => `${name}さんのデータを完全に消去`,
  warningWhat:
    'この組合員の情報と、メモ・案件・関与度の履歴・要求との紐付け・この組合員に関するタスクをすべて削除します。職場委員として登録されている職場からも外れます。',
  warningAudit: '監査ログのこの組合員に関する記録は、内容が消去されます（誰がいつ操作したかは残ります）。',
  warningFinal: 'この操作は取り消せません。',
  warningPurpose:
    '本人から個人情報の消去を求められたときのための操作です。脱退した組合員は、通常は在籍を「脱退」にして記録を残します。',
  confirmLabel: (name: string) => `確認のため、氏名「${name}」を入力してください`,
  confirmHint: '空白や全角・半角の違いは区別しません。',
  mismatch: '氏名が一致しません。何も消去していません。この組合員の氏名を入力してください。',
  erased: '組合員のデータを完全に消去しました。',
};

export type DataProtectionText = typeof ja;

type Widen<T> = T extends (...args: infer A) => infer R
  ? (...args: A) => R
  : T extends string
    ? string
    : { [K in keyof T]: Widen<T[K]> };

export const en: Widen<DataProtectionText> = {
  title: 'Personal data',
  intro: 'For a member’s request to see or erase their personal data (admins only).',
  exportLink: 'Export personal data (JSON)',
  exportHint:
    'Downloads everything recorded about this member (record, notes, cases including sensitive ones, engagement history, demands, tasks, handovers, audit entries) as one JSON file. The export is recorded in the audit log.',
  erase: 'Erase permanently',
  erasing: 'Erasing…',
  panelTitle: (name: string) => `Erase ${name} permanently`,
  warningWhat:
    'The member, their notes, cases, engagement history, demand links and the tasks about them are deleted. Workplaces where they are the rep lose their rep.',
  warningAudit:
    'Audit entries about them are redacted: their recorded values are removed (who did what and when stays).',
  warningFinal: 'This cannot be undone.',
  warningPurpose:
    'This is meant for a member’s request to erase their personal data. Members who leave the union are normally kept, with 在籍 (membership) set to 脱退 (left).',
  confirmLabel: (name: string) => `To confirm, type the member’s name: “${name}”`,
  confirmHint: 'Spaces and full-width/half-width differences are ignored.',
  mismatch: 'The name does not match; nothing was erased. Type this member’s name.',
  erased: 'The member’s data was erased permanently.',
};

export function useDataProtectionText(): DataProtectionText {
  const { lang } = useI18n();
  return (lang === 'ja' ? ja : en) as DataProtectionText;
}
