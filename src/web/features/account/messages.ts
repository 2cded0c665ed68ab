import { translateFieldError } from '../../i18n/field-errors';
import { type Lang, useI18n } from '../../i18n/I18nProvider';

/** Strings of the account page (アカウント) and the two-step sign-in; `en` has the same shape. */
export const ja = {
  nav: 'アカウント',
  navLabel: (name: string) => `${name}（アカウント）`,
  title: 'アカウント',
  intro: '自分の名前・表示言語・パスワード、サインイン中の端末、APIトークン、2段階認証を管理します。',
  profile: {
    title: '名前と表示言語',
    displayName: '表示名',
    language: '表示言語',
    languageBrowser: 'ブラウザの設定（日本語）',
    ja: '日本語',
    en: 'English',
    save: '保存',
    saved: '保存しました。',
  },
  password: {
    title: 'パスワードの変更',
    intro: '変更すると、この端末以外のサインインはすべて終了します。',
    current: '現在のパスワード',
    next: '新しいパスワード',
    nextHint: '10文字以上',
    confirm: '新しいパスワード（確認）',
    mismatch: '確認用のパスワードが一致しません',
    submit: 'パスワードを変更',
    done: 'パスワードを変更しました。ほかの端末のサインインは終了しました。',
    throttled: '失敗が続いたため、しばらく受け付けません。15分ほど待ってからお試しください。',
  },
  sessions: {
    title: 'サインイン中の端末',
    caption: 'サインイン中の端末（最近使った順）',
    device: '端末（ブラウザ）',
    unknownDevice: '不明な端末',
    signedInAt: 'サインイン',
    lastSeenAt: '最終利用',
    current: 'この端末',
    end: '終了する',
    endLabel: (device: string) => `${device}のサインインを終了する`,
    ended: 'サインインを終了しました。',
  },
  tokens: {
    title: 'APIトークン',
    intro:
      'スクリプトから `Authorization: Bearer <トークン>` で使います。トークンは作成時に一度だけ表示されます。',
    name: 'トークンの名前',
    create: 'トークンを作成',
    created: '作成しました。今すぐ控えてください（二度と表示されません）：',
    none: 'APIトークンはありません。',
    caption: '自分のAPIトークン',
    prefix: '先頭',
    createdAt: '作成',
    lastUsedAt: '最終使用',
    never: '未使用',
    revoke: '無効にする',
    revokeLabel: (name: string) => `トークン「${name}」を無効にする`,
    confirmRevoke: (name: string) =>
      `トークン「${name}」を無効にしますか？これを使うスクリプトは動かなくなります。`,
  },
  twoStep: {
    title: '2段階認証',
    on: '2段階認証は有効です。サインインには認証アプリのコード（または回復コード）が必要です。',
    off: '2段階認証は無効です。認証アプリ（Google Authenticator、Microsoft Authenticator など）を使うと、パスワードが漏れてもサインインされにくくなります。',
    required: 'あなたの役割では2段階認証が必須です。',
    start: '2段階認証を設定する',
    scan: '1. 認証アプリでこのQRコードを読み取ってください。',
    qrLabel: '認証アプリに登録するQRコード',
    typeInstead: 'QRコードを読み取れないときは、このキーを入力してください：',
    enterCode: '2. アプリに表示された6桁のコードを入力してください。',
    code: '確認コード',
    enable: '有効にする',
    recoveryTitle: '回復コード',
    recoveryIntro:
      '認証アプリを使えなくなったときに、コードの代わりに一度ずつ使えます。この画面でしか表示されません。印刷するか安全な場所に保管してください。',
    recoveryDone: '保管しました',
    disableTitle: '2段階認証を無効にする',
    disableIntro: 'パスワード、または認証アプリのコードで確認します。',
    disablePassword: 'パスワード',
    disable: '無効にする',
    disabled: '2段階認証を無効にしました。',
  },
  setupRequired: {
    title: '2段階認証の設定が必要です',
    intro:
      '管理者の設定により、あなたの役割では2段階認証が必須です。設定が終わるまでほかの画面は使えません。',
    signOut: 'サインアウト',
    continue: '続ける',
  },
};

export type AccountText = typeof ja;

export const en: AccountText = {
  nav: 'Account',
  navLabel: (name: string) => `${name} (account)`,
  title: 'Account',
  intro:
    'Your name, language and password, the devices you are signed in on, API tokens and two-step sign-in.',
  profile: {
    title: 'Name and language',
    displayName: 'Display name',
    language: 'Language',
    languageBrowser: 'Browser setting (Japanese)',
    ja: '日本語',
    en: 'English',
    save: 'Save',
    saved: 'Saved.',
  },
  password: {
    title: 'Change password',
    intro: 'Every other device you are signed in on will be signed out.',
    current: 'Current password',
    next: 'New password',
    nextHint: 'At least 10 characters',
    confirm: 'New password (again)',
    mismatch: 'The two new passwords differ',
    submit: 'Change password',
    done: 'Password changed. Your other devices were signed out.',
    throttled: 'Too many failed attempts. Please wait about 15 minutes and try again.',
  },
  sessions: {
    title: 'Signed-in devices',
    caption: 'Signed-in devices (most recently used first)',
    device: 'Device (browser)',
    unknownDevice: 'Unknown device',
    signedInAt: 'Signed in',
    lastSeenAt: 'Last used',
    current: 'This device',
    end: 'Sign out',
    endLabel: (device: string) => `Sign out ${device}`,
    ended: 'Signed out that device.',
  },
  tokens: {
    title: 'API tokens',
    intro: 'For scripts: `Authorization: Bearer <token>`. A token is shown once, when it is created.',
    name: 'Token name',
    create: 'Create token',
    created: 'Created. Copy it now (it will not be shown again):',
    none: 'No API tokens.',
    caption: 'My API tokens',
    prefix: 'Starts with',
    createdAt: 'Created',
    lastUsedAt: 'Last used',
    never: 'Never',
    revoke: 'Revoke',
    revokeLabel: (name: string) => `Revoke token “${name}”`,
    confirmRevoke: (name: string) => `Revoke token “${name}”? Scripts using it will stop working.`,
  },
  twoStep: {
    title: 'Two-step sign-in',
    on: 'Two-step sign-in is on. Signing in needs a code from your authenticator app (or a recovery code).',
    off: 'Two-step sign-in is off. With an authenticator app (Google Authenticator, Microsoft Authenticator…) a leaked password alone does not let anyone in.',
    required: 'Your role requires two-step sign-in.',
    start: 'Set up two-step sign-in',
    scan: '1. Scan this QR code with your authenticator app.',
    qrLabel: 'QR code for the authenticator app',
    typeInstead: 'If you cannot scan it, type this key:',
    enterCode: '2. Enter the six-digit code the app shows.',
    code: 'Code',
    enable: 'Turn on',
    recoveryTitle: 'Recovery codes',
    recoveryIntro:
      'Each can be used once instead of a code if you lose your authenticator app. They are shown only here: print them or keep them somewhere safe.',
    recoveryDone: 'I have kept them',
    disableTitle: 'Turn off two-step sign-in',
    disableIntro: 'Confirm with your password or a code from the app.',
    disablePassword: 'Password',
    disable: 'Turn off',
    disabled: 'Two-step sign-in is off.',
  },
  setupRequired: {
    title: 'Set up two-step sign-in',
    intro: 'Your role requires two-step sign-in (an administrator’s setting). Set it up to continue.',
    signOut: 'Sign out',
    continue: 'Continue',
  },
};

export function accountText(lang: Lang): AccountText {
  return lang === 'ja' ? ja : en;
}

export function useAccountText(): AccountText {
  return accountText(useI18n().lang);
}

/** A server field message in the user's language. */
export function accountFieldError(message: string | undefined, lang: Lang): string | undefined {
  if (!message) return undefined;
  if (message === 'is not correct') return lang === 'ja' ? '正しくありません' : 'is not correct';
  return translateFieldError(message, lang);
}
