import type { Atmosphere, Engagement, NegotiationStatus, Priority } from '../../core/enums';
import { useI18n } from '../i18n/I18nProvider';

// The "emotional temperature" scale: warm colours for involvement, cold for
// distance, and a distinct dark chip with a warning mark for attrition risk.
// The same chip is used on every page so the colour means one thing.
export const ENGAGEMENT_STEP: Record<Engagement, number> = {
  active_core: 6,
  regular: 5,
  occasional: 4,
  rare: 3,
  indifferent: 2,
  at_risk: 1,
};

export function EngagementChip({ value }: { value: Engagement }) {
  const { t } = useI18n();
  return (
    <span className={`chip chip-engagement chip-${value}`} data-engagement={value}>
      <span className="chip-dot" aria-hidden="true">
        {value === 'at_risk' ? '!' : ''}
      </span>
      {t.enums.engagement[value]}
    </span>
  );
}

export function AtmosphereChip({ value }: { value: Atmosphere }) {
  const { t } = useI18n();
  return (
    <span className={`chip chip-atmosphere chip-atm-${value}`} data-atmosphere={value}>
      {t.enums.atmosphere[value]}
    </span>
  );
}

export function PriorityChip({ value }: { value: Priority }) {
  const { t } = useI18n();
  return <span className={`chip chip-priority chip-pri-${value}`}>{t.enums.priority[value]}</span>;
}

export function NegotiationStatusChip({ value }: { value: NegotiationStatus }) {
  const { t } = useI18n();
  return <span className={`chip chip-status chip-st-${value}`}>{t.enums.negotiationStatus[value]}</span>;
}
