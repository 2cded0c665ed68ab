import { useI18n } from '../i18n/I18nProvider';

const TEXT = {
  ja: {
    label: 'カレンダーに追加（.ics）',
    aria: (what: string) => `${what}をカレンダーに追加（.icsファイル）`,
  },
  en: { label: 'Add to calendar (.ics)', aria: (what: string) => `Add ${what} to your calendar (.ics file)` },
};

/** A one-off .ics download of a meeting or a negotiation date (the API checks the scope). */
export function IcsDownloadLink({ href, what }: { href: string; what: string }) {
  const t = TEXT[useI18n().lang];
  return (
    <a className="ics-download" href={href} download aria-label={t.aria(what)}>
      {t.label}
    </a>
  );
}
