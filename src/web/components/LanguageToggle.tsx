import { useI18n } from '../i18n/I18nProvider';

/** The top bar's switch to the other language (日本語 ⇄ English), on the desktop frame and the field app. */
export function LanguageToggle() {
  const { t, lang, setLang } = useI18n();
  return (
    <button
      type="button"
      className="link-button"
      lang={lang === 'ja' ? 'en' : 'ja'}
      aria-label={`${t.nav.language}（${t.nav.languageLabel}）`}
      onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
    >
      {t.nav.language}
    </button>
  );
}
