import { useI18n } from '../../i18n/I18nProvider';

/** The admin's two-step sign-in controls (organization settings, the user editor); `en` has the same shape. */
const ja = {
  title: '2段階認証',
  on: (date: string) => `有効（${date}から）`,
  off: '無効',
  requiredNote: 'この役割では必須です。',
  recoveryLeft: (n: number) => `回復コード残り${n}個`,
  reset: '2段階認証をリセット',
  confirmReset: (name: string) =>
    `${name}さんの2段階認証をリセットしますか？認証アプリと回復コードが削除され、パスワードだけでサインインできるようになります（必須の役割なら再設定を求められます）。`,
  resetDone: '2段階認証をリセットしました。',
  requiredTitle: '2段階認証を必須にする役割',
  requiredIntro:
    '選んだ役割の利用者は、2段階認証を設定するまでほかの画面を使えません。センシティブな相談を見られる役割（管理者・専従役員）に設定することをおすすめします。',
  save: '保存',
  saved: '保存しました。',
};

const en: typeof ja = {
  title: 'Two-step sign-in',
  on: (date: string) => `On (since ${date})`,
  off: 'Off',
  requiredNote: 'Required for this role.',
  recoveryLeft: (n: number) => `${n} recovery codes left`,
  reset: 'Reset two-step sign-in',
  confirmReset: (name: string) =>
    `Reset ${name}’s two-step sign-in? Their authenticator and recovery codes are removed and they sign in with the password alone (and must set it up again if their role requires it).`,
  resetDone: 'Two-step sign-in was reset.',
  requiredTitle: 'Roles that must use two-step sign-in',
  requiredIntro:
    'Users of these roles cannot use anything else until they set up two-step sign-in. Recommended for the roles that see sensitive cases (admins and officers).',
  save: 'Save',
  saved: 'Saved.',
};

export function useTwoStepText(): typeof ja {
  return useI18n().lang === 'ja' ? ja : en;
}
