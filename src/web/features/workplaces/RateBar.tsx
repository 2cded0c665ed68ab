import { useI18n } from '../../i18n/I18nProvider';
import { useWorkplaceText } from './messages';

/** 組織率 as a number and a bar; the number carries the meaning, the bar is a visual aid. */
export function RateBar({ rate }: { rate: number | null }) {
  const { t } = useI18n();
  const w = useWorkplaceText();
  if (rate == null) {
    return (
      <span className="muted" title={w.noRate}>
        —<span className="visually-hidden">{w.noRate}</span>
      </span>
    );
  }
  const pct = t.common.percent(rate);
  return (
    <span className="wp-rate">
      <span className="wp-rate-num">{pct}</span>
      <span className="bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.round(rate * 100))}%` }} />
      </span>
    </span>
  );
}
