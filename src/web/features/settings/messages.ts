import type { WorkflowRuleId } from '../../../core/workflows/rules';
import type { Placeholder } from '../../../core/workflows/templates';
import { translateFieldError } from '../../i18n/field-errors';
import { type Lang, useI18n } from '../../i18n/I18nProvider';

type RuleText = { name: string; trigger: string; due: string; oncePer: string };

/** Strings of the admin's settings page (設定). SPEC's Japanese terms exactly. */
export const ja = {
  title: '設定',
  adminOnlyTitle: '管理者のみ',
  adminOnlyBody: 'このページは管理者だけが使えます。設定を変更したい場合は、組合の管理者に依頼してください。',
  sections: '設定の項目',
  tabs: {
    organization: '組織の設定',
    workflows: 'ワークフロー',
    users: '利用者',
    customFields: 'カスタム項目',
    audit: '監査ログ',
    synonyms: '同義語・関連語',
  },
  /** For those who are not admins: the one settings page open to every staff role. */
  synonymsOpen: '「同義語・関連語」の表は、どなたでも見られます。',
  saved: '保存しました',
  colon: '：',
  paren: (s: string) => `（${s}）`,
  organization: {
    title: '組織の設定',
    intro: 'ワークフローの日付はこのタイムゾーンで数えます。',
    organizationName: '組織名',
    timezone: 'タイムゾーン',
    timezoneOther: 'その他（IANA名を直接入力）',
    timezoneCustom: 'タイムゾーン（IANA名）',
    timezoneCustomHint: '例：Asia/Tokyo、Europe/Berlin',
    shuntoStartOn: '春闘開始日',
    shuntoStartOnHint: 'この日の2ヶ月前から「要求アンケート」のタスクが作られます。空欄なら作られません。',
    milestoneYears: '組合歴の節目',
    milestoneYearsHint:
      '年数をカンマ区切りで（例：5, 10, 20）。記念日の前月に感謝とフォローのタスクが作られます。',
    milestoneYearsInvalid: '1以上の整数をカンマ区切りで入力してください（例：5, 10, 20）',
    secretaryGeneral: '書記長',
    secretaryGeneralHint: '春闘前の要求アンケートのタスクを受け取る人です。',
    disabledUser: (name: string) => `${name}（無効）`,
    noChanges: '変更はありません',
    updatedAt: (when: string) => `最終更新 ${when}`,
  },
  workflows: {
    title: 'ワークフロー',
    intro:
      '決まった条件でタスクを自動で作る5つのルールです。ルールごとに止めたり、タスクの件名と内容を変えたりできます。',
    enabled: 'このルールを使う',
    enabledOn: '有効',
    enabledOff: '停止中',
    turnedOn: 'ルールを有効にしました',
    turnedOff: 'ルールを停止しました',
    triggerKinds: { engagement_change: '組合員の更新時', daily: '毎日の確認' },
    when: 'いつ作られるか',
    due: '期日',
    oncePer: '重複の防止',
    titleTemplate: 'タスクの件名',
    bodyTemplate: 'タスクの内容',
    bodyTemplateHint: '空欄にすると既定の文面に戻ります。',
    customized: '変更あり',
    placeholders: '使える差し込み項目',
    noPlaceholders: 'このルールには差し込み項目はありません',
    placeholderLabels: {
      name: '組合員の氏名',
      workplace: '職場名',
      years: '組合歴の年数',
      case: '案件名(要配慮の案件は「要配慮の案件」)',
    } satisfies Record<Placeholder, string>,
    preview: 'プレビュー',
    previewWith: (what: string) => `${what}で表示`,
    previewSample: 'サンプル',
    previewLoading: 'プレビューを作成中…',
    previewUnknown: (names: string) => `使えない差し込み項目 ${names} があるためプレビューできません`,
    previewEmptyBody: '（内容なし）',
    previewSubject: 'プレビューに使う組合員・職場',
    previewMember: 'プレビューの組合員',
    previewWorkplace: 'プレビューの職場',
    useSample: 'サンプル（山田 太郎・第一工場）',
    save: 'テンプレートを保存',
    reset: '既定に戻す',
    resetDone: '既定の文面に戻しました',
    unsaved: '未保存の変更があります',
    rules: {
      at_risk_follow_up: {
        name: '脱退リスクの個別フォロー',
        trigger:
          '組合員の関与度が「脱退リスクあり」に変わったとき（その値で登録されたときも）、その変更と同時に作られます。',
        due: 'その月の末日。担当はその組合員の担当者です。',
        oncePer: 'この組合員に未完了のタスクがある間は、重ねて作りません。',
      },
      case_due_follow_up: {
        name: '相談案件の期日フォロー',
        trigger: '対応中のフォロー案件の期日が来たとき（期日が今日以前）に作られます。',
        due: 'その案件の期日。担当はその組合員の担当者です。',
        oncePer: '案件と期日ごとに1回。期日を延ばすと新しい期日に再び作られます。',
      },
      tenure_milestone: {
        name: '組合歴の節目',
        trigger:
          '組合加入日から節目の年数（組織の設定の「組合歴の節目」、例：5年・10年・20年）の記念日の前月に入ったときに作られます。',
        due: '記念日。担当はその組合員の担当者です。',
        oncePer: '組合員と節目の年数ごとに1回。',
      },
      workplace_gathering: {
        name: '職場集会・懇親の場の設定',
        trigger:
          '職場の雰囲気が「関心薄い」で、最後の職場集会から3ヶ月以上たった（または一度も開いていない）ときに作られます。',
        due: '作成日の30日後。担当はその職場の担当者です。',
        oncePer: 'この職場に未完了のタスクがある間や、3ヶ月以内に作られていれば重ねて作りません。',
      },
      shunto_survey: {
        name: '春闘前の要求アンケート',
        trigger: '春闘開始日（組織の設定）の2ヶ月前から作られます。',
        due: '春闘開始日の1ヶ月前。担当は書記長です。',
        oncePer: '春闘開始日ごとに1回。日付を変えると新しい日付で再び作られます。',
      },
    } satisfies Record<WorkflowRuleId, RuleText>,
    run: {
      title: '今すぐ実行',
      intro:
        '毎日の確認（期日・節目・職場集会・春闘）をいま実行します。サーバーは起動時と毎日0時5分にも自動で実行します。同じ日に何度実行しても、タスクが重複して作られることはありません。',
      asOf: '基準日',
      asOfHint: '空欄なら組織のタイムゾーンでの今日です。',
      submit: '今すぐ実行',
      running: '実行中…',
      result: (asOf: string, n: number) => `${asOf}を基準に実行し、タスクを${n}件作成しました。`,
      count: (n: number) => `${n}件`,
      rule: 'ルール',
      created: '作成したタスク',
      openTasks: 'タスク一覧を開く',
      more: (n: number) => `ほか${n}件`,
    },
  },
  users: {
    title: '利用者',
    intro: 'Kumiaiにログインする役員・職場委員のアカウントです。',
    add: '利用者を登録',
    addTitle: '利用者を登録',
    count: (n: number) => `${n}人`,
    email: 'メールアドレス',
    displayName: '表示名',
    role: '利用者の権限',
    password: 'パスワード',
    passwordHint: '10文字以上。本人に安全な方法で伝えてください。',
    workplaces: '担当職場',
    workplacesHint: '職場委員は、ここで選んだ職場の組合員だけを見られます。',
    workplacesFilter: '職場を絞り込む',
    workplacesSelected: (n: number) => `${n}職場を選択中`,
    noWorkplaces: '職場がまだ登録されていません',
    status: '状態',
    enabled: '有効',
    disabled: '無効',
    you: '（あなた）',
    edit: '変更',
    editTitle: (name: string) => `${name}さんのアカウント`,
    closeEditor: '閉じる',
    saveRole: '権限と担当職場を保存',
    saveRoleOnly: '権限を保存',
    roleSaved: '権限と担当職場を保存しました',
    selfRole: 'あなた自身の権限です。管理者以外に変えると、この設定ページは使えなくなります。',
    disableTitle: 'アカウントの無効化',
    disable: 'このアカウントを無効にする',
    enable: 'このアカウントを有効に戻す',
    disableNote:
      '無効にすると、ログイン中のセッションはすぐに終了し、APIトークンも使えなくなります。担当していた記録や履歴はそのまま残ります。',
    confirmDisableSelf:
      '自分のアカウントを無効にしますか？すぐにログアウトされ、他の管理者が有効に戻すまでログインできなくなります。',
    confirmDisable: (name: string) =>
      `${name}さんのアカウントを無効にしますか？ログイン中のセッションは終了します。`,
    disabledDone: 'アカウントを無効にしました。ログイン中のセッションは終了しました。',
    enabledDone: 'アカウントを有効に戻しました',
    passwordTitle: 'パスワードの再設定',
    newPassword: '新しいパスワード',
    resetPassword: 'パスワードを再設定',
    resetPasswordNote:
      '再設定すると、この利用者のログイン中のセッションは終了し、APIトークンも使えなくなります。',
    passwordDone: 'パスワードを再設定しました。ログイン中のセッションは終了しました。',
    selfPasswordNote:
      'あなた自身のパスワードです。再設定するとログアウトされ、新しいパスワードでログインし直します。',
    created: (name: string) => `${name}さんを追加しました`,
    createSubmit: '登録する',
    none: '—',
  },
};

export type SettingsMessages = typeof ja;

type Widen<T> = T extends (...args: infer A) => infer R
  ? (...args: A) => R
  : T extends string
    ? string
    : { [K in keyof T]: Widen<T[K]> };

export const en: Widen<SettingsMessages> = {
  title: 'Settings',
  adminOnlyTitle: 'Admins only',
  adminOnlyBody:
    'Only administrators can use this page. Ask your union’s administrator to change the settings.',
  sections: 'Settings sections',
  tabs: {
    organization: 'Organization',
    workflows: 'Workflow rules',
    users: 'Staff users',
    customFields: 'Custom fields',
    audit: 'Audit log',
    synonyms: 'Synonyms and related words',
  },
  synonymsOpen: 'Anyone can read the table of synonyms and related words.',
  saved: 'Saved',
  colon: ': ',
  paren: (s: string) => ` (${s})`,
  organization: {
    title: 'Organization',
    intro: 'Workflow dates are counted in this time zone.',
    organizationName: 'Organization name',
    timezone: 'Time zone',
    timezoneOther: 'Other (type an IANA name)',
    timezoneCustom: 'Time zone (IANA name)',
    timezoneCustomHint: 'e.g. Asia/Tokyo, Europe/Berlin',
    shuntoStartOn: 'Spring offensive start (春闘開始日)',
    shuntoStartOnHint:
      'The member survey task is created in the 2 months before this day. Leave empty for none.',
    milestoneYears: 'Union tenure milestones (years)',
    milestoneYearsHint:
      'Years separated by commas (e.g. 5, 10, 20). A thank-you task is created in the month before each anniversary.',
    milestoneYearsInvalid: 'Enter whole numbers of 1 or more, separated by commas (e.g. 5, 10, 20)',
    secretaryGeneral: 'Secretary general (書記長)',
    secretaryGeneralHint: 'Receives the spring offensive survey task.',
    disabledUser: (name: string) => `${name} (disabled)`,
    noChanges: 'Nothing changed',
    updatedAt: (when: string) => `Last updated ${when}`,
  },
  workflows: {
    title: 'Workflow rules',
    intro:
      'Five rules that create tasks automatically when certain things happen. Each can be turned off, and its task title and text can be edited.',
    enabled: 'Use this rule',
    enabledOn: 'On',
    enabledOff: 'Off',
    turnedOn: 'The rule is on',
    turnedOff: 'The rule is off',
    triggerKinds: { engagement_change: 'On member change', daily: 'Daily check' },
    when: 'When',
    due: 'Due',
    oncePer: 'No duplicates',
    titleTemplate: 'Task title',
    bodyTemplate: 'Task text',
    bodyTemplateHint: 'Leave empty to use the default text.',
    customized: 'Edited',
    placeholders: 'Placeholders',
    noPlaceholders: 'This rule has no placeholders',
    placeholderLabels: {
      name: 'the member’s name',
      workplace: 'the workplace’s name',
      years: 'years of membership',
      case: 'the case’s title (a sensitive case reads 要配慮の案件)',
    },
    preview: 'Preview',
    previewWith: (what: string) => `with ${what}`,
    previewSample: 'a sample',
    previewLoading: 'Rendering the preview…',
    previewUnknown: (names: string) => `Cannot preview: unknown placeholder ${names}`,
    previewEmptyBody: '(no text)',
    previewSubject: 'Member and workplace for the previews',
    previewMember: 'Preview member',
    previewWorkplace: 'Preview workplace',
    useSample: 'Sample (山田 太郎, 第一工場)',
    save: 'Save templates',
    reset: 'Reset to default',
    resetDone: 'Back to the default text',
    unsaved: 'Unsaved changes',
    rules: {
      at_risk_follow_up: {
        name: 'At-risk member follow-up',
        trigger:
          'When a member’s engagement becomes “At risk of leaving” (or a member is registered so), together with that change.',
        due: 'The last day of that month. Assigned to the member’s owner.',
        oncePer: 'No second task while one is still open for the member.',
      },
      case_due_follow_up: {
        name: 'Consultation case due',
        trigger: 'When an open follow-up case reaches its due date (due today or earlier).',
        due: 'The case’s due date. Assigned to the member’s owner.',
        oncePer: 'Once per case and due date; moving the due date later fires again on the new date.',
      },
      tenure_milestone: {
        name: 'Union tenure milestone',
        trigger:
          'In the month before a member’s union anniversary (the milestone years in Organization, e.g. 5, 10, 20 years).',
        due: 'The anniversary date. Assigned to the member’s owner.',
        oncePer: 'Once per member and milestone.',
      },
      workplace_gathering: {
        name: 'Workplace gathering',
        trigger:
          'When a workplace’s atmosphere is “Indifferent” and its last meeting was more than 3 months ago (or it never had one).',
        due: '30 days after creation. Assigned to the workplace’s owner.',
        oncePer: 'None while one is open for the workplace or one was created in the last 3 months.',
      },
      shunto_survey: {
        name: 'Spring offensive member survey',
        trigger: 'In the 2 months before the spring offensive start date (Organization).',
        due: 'One month before the start date. Assigned to the secretary general.',
        oncePer: 'Once per start date; a new date fires again.',
      },
    },
    run: {
      title: 'Run now',
      intro:
        'Runs the daily check (due cases, milestones, gatherings, spring offensive) now. The server also runs it at start and every day at 00:05. Running it again on the same day creates no duplicates.',
      asOf: 'As of',
      asOfHint: 'Empty: today in the organization’s time zone.',
      submit: 'Run now',
      running: 'Running…',
      result: (asOf: string, n: number) =>
        `Ran as of ${asOf} and created ${n} ${n === 1 ? 'task' : 'tasks'}.`,
      count: (n: number) => `${n}`,
      rule: 'Rule',
      created: 'Tasks created',
      openTasks: 'Open the task list',
      more: (n: number) => `and ${n} more`,
    },
  },
  users: {
    title: 'Staff users',
    intro: 'Accounts of the officers and workplace reps who sign in to Kumiai.',
    add: 'Add a user',
    addTitle: 'Add a user',
    count: (n: number) => `${n} ${n === 1 ? 'user' : 'users'}`,
    email: 'Email',
    displayName: 'Display name',
    role: 'Role',
    password: 'Password',
    passwordHint: 'At least 10 characters. Pass it on to the person safely.',
    workplaces: 'Workplaces',
    workplacesHint: 'A workplace rep sees only the members of the workplaces chosen here.',
    workplacesFilter: 'Filter workplaces',
    workplacesSelected: (n: number) => `${n} selected`,
    noWorkplaces: 'No workplaces yet',
    status: 'Status',
    enabled: 'Enabled',
    disabled: 'Disabled',
    you: ' (you)',
    edit: 'Change',
    editTitle: (name: string) => `${name}’s account`,
    closeEditor: 'Close',
    saveRole: 'Save role and workplaces',
    saveRoleOnly: 'Save role',
    roleSaved: 'Role and workplaces saved',
    selfRole:
      'This is your own role. Changing it to anything but administrator closes this settings page to you.',
    disableTitle: 'Disable the account',
    disable: 'Disable this account',
    enable: 'Enable this account again',
    disableNote:
      'Disabling ends their signed-in sessions at once and revokes their API tokens. Records and history they own stay as they are.',
    confirmDisableSelf:
      'Disable your own account? You are signed out at once and cannot sign in until another administrator enables it again.',
    confirmDisable: (name: string) => `Disable ${name}’s account? Their signed-in sessions end.`,
    disabledDone: 'The account is disabled and its sessions have ended.',
    enabledDone: 'The account is enabled again',
    passwordTitle: 'Reset the password',
    newPassword: 'New password',
    resetPassword: 'Reset the password',
    resetPasswordNote: 'Resetting ends their signed-in sessions and revokes their API tokens.',
    passwordDone: 'The password is reset and their sessions have ended.',
    selfPasswordNote:
      'This is your own password. Resetting it signs you out; sign in again with the new one.',
    created: (name: string) => `${name} was added`,
    createSubmit: 'Add',
    none: '—',
  },
};

export function useSettingsText(): SettingsMessages {
  const { lang } = useI18n();
  return (lang === 'ja' ? ja : en) as SettingsMessages;
}

// The settings, workflow and user APIs have field messages of their own; the
// rest goes through the shared table.
const patterns: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must be an IANA time zone/, () => 'Asia/Tokyo のようなIANAタイムゾーン名を入力してください'],
  [/^must be whole numbers of years$/, () => '年数は整数で入力してください'],
  [/^must be positive$/, () => '1以上の数を入力してください'],
  [/^must be at most (\d+)$/, (m) => `${m[1]}以下の数を入力してください`],
  [
    /^must list at least one year/,
    () => '年数を1つ以上入力してください（節目のタスクを止めるには、ワークフローでルールを停止してください）',
  ],
  [/^must list at most (\d+) years$/, (m) => `年数は${m[1]}個までにしてください`],
  [/^must not repeat a year$/, () => '同じ年数が重複しています'],
  [/^must be a list of years$/, () => '年数をカンマ区切りで入力してください'],
  [
    /^uses unknown placeholder (.+); this rule knows (.+)$/,
    (m) =>
      `使えない差し込み項目 ${m[1]} が含まれています（このルールで使えるもの：${m[2] === 'none' ? 'なし' : m[2]}）`,
  ],
  [/^would leave no enabled admin$/, () => '有効な管理者がいなくなるため、この変更はできません'],
  [/^must be true or false$/, () => '選択肢から選んでください'],
  [/^must be text$/, () => '文字で入力してください'],
];

/** A server field message in the user's language. */
export function settingsFieldError(message: string | undefined, lang: Lang): string | undefined {
  if (!message) return undefined;
  if (lang === 'ja') {
    for (const [re, make] of patterns) {
      const m = message.match(re);
      if (m) return make(m);
    }
  }
  return translateFieldError(message, lang);
}
