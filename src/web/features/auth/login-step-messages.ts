import { useI18n } from '../../i18n/I18nProvider';

/** The second step of signing in (two-step sign-in); `en` has the same shape. */
const ja = {
  codeTitle: '2段階認証',
  codeIntro: '認証アプリに表示された6桁のコードを入力してください。',
  code: '確認コード',
  recoveryIntro: '回復コード（xxxxx-xxxxx）を入力してください。使った回復コードは使えなくなります。',
  recoveryCode: '回復コード',
  useRecovery: '回復コードを使う',
  useApp: '認証アプリのコードを使う',
  wrongCode: 'コードが正しくありません。',
  submit: 'サインイン',
  back: '最初からやり直す',
};

const en: typeof ja = {
  codeTitle: 'Two-step sign-in',
  codeIntro: 'Enter the six-digit code from your authenticator app.',
  code: 'Code',
  recoveryIntro: 'Enter a recovery code (xxxxx-xxxxx). Each works once.',
  recoveryCode: 'Recovery code',
  useRecovery: 'Use a recovery code',
  useApp: 'Use the app’s code',
  wrongCode: 'The code is not correct.',
  submit: 'Sign in',
  back: 'Start over',
};

export function useLoginStepText(): typeof ja {
  return useI18n().lang === 'ja' ? ja : en;
}
